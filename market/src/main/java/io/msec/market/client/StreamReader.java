package io.msec.market.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.ContentKey;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.market.crypto.EncryptedReading;
import io.msec.market.crypto.Grant;
import io.msec.market.crypto.RecipientKey;
import io.msec.market.delivery.SignedReading;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the events of one license's stream into verified readings (docs/market.md, "Streams: epoch
 * keys"): {@code grant} events are unwrapped with the buyer's recipient key and kept per device and
 * epoch; {@code reading} events are decrypted with their epoch's key and {@code sealed-reading}
 * events opened with it; in both cases the device's signature is checked against the key the ledger
 * holds for the device. Every refusal is a {@link MsecException} whose code says why:
 *
 * <ul>
 *   <li>{@code no-grant}: no grant of the reading's epoch, even after asking the node again;
 *   <li>{@code bad-ciphertext}: a grant or reading that does not open with the buyer's keys;
 *   <li>{@code bad-signature}: not signed by the device's key;
 *   <li>{@code foreign-device}, {@code mismatched-reading}: a reading of another device or sequence
 *       number than the license or the envelope names;
 *   <li>{@code malformed-grant}, {@code malformed-delivery}, {@code malformed-reading}.
 * </ul>
 *
 * Thread-safe.
 */
final class StreamReader {
  private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);

  private record EpochId(DidKey device, long epoch) {}

  private final LicenseTerms terms;
  private final RecipientKey recipient;
  private final DeviceKeys devices;
  private final Supplier<List<Grant>> refetch;
  private final Map<EpochId, ContentKey> keys = new ConcurrentHashMap<>();
  private final Set<EpochId> asked = ConcurrentHashMap.newKeySet();

  /**
   * @param refetch the grants of the license as the node holds them now, for an epoch whose grant
   *     the stream has not brought (yet)
   */
  StreamReader(
      LicenseTerms terms,
      RecipientKey recipient,
      DeviceKeys devices,
      Supplier<List<Grant>> refetch) {
    this.terms = terms;
    this.recipient = recipient;
    this.devices = devices;
    this.refetch = refetch;
  }

  /** How many epoch keys the buyer holds. */
  int grants() {
    return keys.size();
  }

  /**
   * Handles one event.
   *
   * @return the verified reading, or null for an event that carries none (a grant, or an event this
   *     SDK does not know)
   */
  VerifiedReading accept(String event, String data, long nowMillis) {
    return switch (event) {
      case "grant" -> {
        grant(Grant.fromJson(parse(data, "malformed-grant")));
        yield null;
      }
      case "reading" ->
          encrypted(EncryptedReading.fromJson(parse(data, "malformed-delivery")), nowMillis);
      case "sealed-reading" -> sealed(parse(data, "malformed-delivery"), nowMillis);
      default -> null;
    };
  }

  /** Keeps the content key of {@code grant}. */
  void grant(Grant grant) {
    if (!grant.order().equals(terms.order())) {
      throw new MsecException(
          "malformed-grant", "a grant of order " + grant.order() + " on the stream of another");
    }
    keys.put(new EpochId(grant.device(), grant.epoch()), grant.unwrap(recipient));
  }

  private VerifiedReading encrypted(EncryptedReading er, long nowMillis) {
    requireCovered(er.device());
    ContentKey key = key(er.device(), er.epoch());
    JsonNode form = parse(er.open(key), "malformed-delivery");
    Reading r = verify(form, er.device());
    if (r.isSealed() || r.seq() != er.seq()) {
      throw new MsecException(
          "mismatched-reading", "the signed reading is not seq " + er.seq() + " of " + er.device());
    }
    return new VerifiedReading(r, er.epoch(), nowMillis);
  }

  private VerifiedReading sealed(JsonNode form, long nowMillis) {
    DidKey device;
    try {
      device = DidKey.parse(form.path("payload").path("device").asText());
    } catch (MsecException e) {
      throw new MsecException("malformed-delivery", "a sealed reading names no device");
    }
    requireCovered(device);
    Reading r = verify(form, device);
    if (!r.isSealed()) {
      throw new MsecException("malformed-delivery", "a sealed-reading event holds an open reading");
    }
    long epoch = r.sealed().epoch();
    return new VerifiedReading(r.open(key(device, epoch)), epoch, nowMillis);
  }

  /** The reading in {@code form}, checked against {@code device}'s key (fetched again once). */
  private Reading verify(JsonNode form, DidKey device) {
    Reading r;
    try {
      r = SignedReading.verify(form, devices.of(device));
    } catch (MsecException e) {
      if (!"bad-signature".equals(e.code())) {
        throw e;
      }
      r = SignedReading.verify(form, devices.refresh(device));
    }
    if (!r.device().equals(device)) {
      throw new MsecException(
          "mismatched-reading", "a reading of " + r.device() + " delivered as one of " + device);
    }
    return r;
  }

  private ContentKey key(DidKey device, long epoch) {
    EpochId id = new EpochId(device, epoch);
    ContentKey key = keys.get(id);
    if (key == null && asked.add(id)) {
      for (Grant g : refetch.get()) {
        try {
          grant(g);
        } catch (MsecException e) {
          // A grant that does not open is no grant; the reading below is refused as no-grant.
          LOG.debug("grant skipped order={} epoch={} reason={}", g.order(), g.epoch(), e.code());
        }
      }
      key = keys.get(id);
    }
    if (key == null) {
      throw new MsecException(
          "no-grant", "no grant of epoch " + epoch + " of " + device + " for this license");
    }
    return key;
  }

  private void requireCovered(DidKey device) {
    if (!terms.covers(device)) {
      throw new MsecException(
          "foreign-device", device + " is not a device of the license of order " + terms.order());
    }
  }

  private static JsonNode parse(String data, String code) {
    return parse(data.getBytes(java.nio.charset.StandardCharsets.UTF_8), code);
  }

  private static JsonNode parse(byte[] data, String code) {
    try {
      JsonNode json = Json.mapper().readTree(data);
      if (json == null || !json.isObject()) {
        throw new MsecException(code, "an event's data is a JSON object");
      }
      return json;
    } catch (IOException e) {
      throw new MsecException(code, "an event's data is not JSON: " + e.getMessage());
    }
  }
}
