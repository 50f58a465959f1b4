package io.msec.node.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.BatchEnvelope;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.node.registry.DeviceRecord;
import io.msec.node.registry.DeviceRegistry;
import io.msec.twin.StoredReading;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stateless first half of ingestion, run on the caller's thread: well-formed, registered and
 * not revoked, signed by the device. What passes is a list of readings ready for the stateful
 * checks of the writer.
 */
final class Submission {
  /** A payload that passed the stateless checks. */
  record Verified(DeviceRecord device, List<StoredReading> readings) {}

  /** Thrown to refuse the whole payload. */
  static final class Refused extends Exception {
    final String device;
    final String code;

    Refused(String device, String code, String reason) {
      super(reason, null, false, false);
      this.device = device;
      this.code = code;
    }
  }

  private Submission() {}

  static Verified verify(
      byte[] payload,
      DidKey authenticated,
      DeviceRegistry registry,
      IngestConfig config,
      Instant receivedAt)
      throws Refused {
    String who = authenticated == null ? null : authenticated.toString();
    if (payload.length > config.maxPayloadBytes()) {
      throw new Refused(
          who,
          "too-large",
          "payload of " + payload.length + " bytes exceeds " + config.maxPayloadBytes());
    }
    JsonNode json = parse(payload, who);
    try {
      if (json.has("batch")) {
        return verifyBatch(BatchEnvelope.fromJson(json), authenticated, registry, receivedAt);
      }
      return verifySingle(Envelope.fromJson(json), authenticated, registry, receivedAt);
    } catch (MsecException e) {
      throw new Refused(who, "malformed", e.getMessage());
    }
  }

  private static JsonNode parse(byte[] payload, String who) throws Refused {
    try {
      JsonNode json = Json.mapper().readTree(payload);
      if (json == null || !json.isObject()) {
        throw new Refused(who, "malformed", "payload is not a JSON object");
      }
      return json;
    } catch (JsonProcessingException e) {
      throw new Refused(who, "malformed", "payload is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Refused(who, "malformed", "payload cannot be read: " + e.getMessage());
    }
  }

  private static Verified verifySingle(
      Envelope envelope, DidKey authenticated, DeviceRegistry registry, Instant receivedAt)
      throws Refused {
    Reading reading = reading(envelope.payload(), envelope.signer());
    DeviceRecord device = knownDevice(reading.device(), envelope.signer(), authenticated, registry);
    if (!envelope.verify()) {
      throw new Refused(
          device.device().toString(), "bad-signature", "the envelope's signature does not verify");
    }
    StoredReading stored =
        new StoredReading(
            reading, envelope.canonicalPayload(), envelope.signature(), receivedAt, null, 0, 0);
    return new Verified(device, List.of(stored));
  }

  private static Verified verifyBatch(
      BatchEnvelope batch, DidKey authenticated, DeviceRegistry registry, Instant receivedAt)
      throws Refused {
    List<Reading> readings = new ArrayList<>(batch.payloads().size());
    for (JsonNode p : batch.payloads()) {
      readings.add(reading(p, batch.signer()));
    }
    DidKey id = readings.get(0).device();
    for (Reading r : readings) {
      if (!r.device().equals(id)) {
        throw new Refused(id.toString(), "malformed", "a batch holds readings of one device");
      }
    }
    DeviceRecord device = knownDevice(id, batch.signer(), authenticated, registry);
    if (!batch.verify()) {
      throw new Refused(
          device.device().toString(), "bad-signature", "the batch signature does not verify");
    }
    byte[] root = batch.root();
    byte[] sig = batch.signature();
    List<StoredReading> out = new ArrayList<>(readings.size());
    for (int i = 0; i < readings.size(); i++) {
      byte[] canonical = io.msec.core.CanonicalJson.bytes(batch.payloads().get(i));
      out.add(
          new StoredReading(readings.get(i), canonical, sig, receivedAt, root, i, readings.size()));
    }
    return new Verified(device, out);
  }

  private static Reading reading(JsonNode payload, DidKey signer) throws Refused {
    try {
      return Reading.fromJson(payload);
    } catch (MsecException e) {
      throw new Refused(signer.toString(), "malformed", e.getMessage());
    }
  }

  /**
   * The registered, unrevoked device {@code id}, whose current key must be the signer; over MQTT it
   * must also be the device the connection authenticated.
   */
  private static DeviceRecord knownDevice(
      DidKey id, DidKey signer, DidKey authenticated, DeviceRegistry registry) throws Refused {
    if (authenticated != null && !authenticated.equals(id)) {
      throw new Refused(
          authenticated.toString(),
          "wrong-signer",
          "a device may publish only its own readings, not those of " + id);
    }
    DeviceRecord device =
        registry
            .find(id)
            .orElseThrow(
                () -> new Refused(id.toString(), "unknown-device", id + " is not registered"));
    if (device.revoked()) {
      throw new Refused(id.toString(), "revoked-device", id + " was revoked by its owner");
    }
    if (!device.key().equals(signer)) {
      throw new Refused(
          id.toString(),
          "wrong-signer",
          "readings of " + id + " must be signed with its current key, not " + signer);
    }
    return device;
  }
}
