package io.msec.node.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.Hashes;
import io.msec.core.Json;
import io.msec.core.MsecException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A command sent to a device's twin, as the node keeps it: what was asked ({@code ventilation} =
 * {@code on}), when the signer says it was asked, why, who signed it and the signed envelope itself
 * (docs/twins.md, "Commands"). Immutable.
 *
 * <p>The payload of the envelope is exactly {@code {"device","command","value","time","reason"}};
 * {@link #read} refuses any other shape with {@code malformed}. The id is the SHA-256 of the
 * payload's RFC 8785 bytes, so a command sent again is the same command.
 *
 * @param id hex SHA-256 of the canonical payload
 * @param device the device whose twin is commanded
 * @param command the command's name, one of {@link #VALUES}
 * @param value the value asked for
 * @param at when the signer asked, at millisecond resolution
 * @param reason why, as the signer put it (may be empty)
 * @param signer who signed: the device's current key or its owner
 * @param receivedAt when the node accepted it
 * @param envelope the signed envelope as received
 */
public record TwinCommand(
    String id,
    DidKey device,
    String command,
    String value,
    Instant at,
    String reason,
    DidKey signer,
    Instant receivedAt,
    ObjectNode envelope) {
  /** The commands a twin takes, each with the values it may be set to. */
  public static final Map<String, Set<String>> VALUES = Map.of("ventilation", Set.of("on", "off"));

  /** The most characters a reason may have. */
  public static final int MAX_REASON = 500;

  private static final Set<String> MEMBERS = Set.of("device", "command", "value", "time", "reason");

  public TwinCommand {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(receivedAt, "receivedAt");
    envelope = envelope.deepCopy();
  }

  @Override
  public ObjectNode envelope() {
    return envelope.deepCopy();
  }

  /**
   * Reads the command in {@code envelope}, received at {@code receivedAt}. Checks the payload's
   * shape only: the signature and the signer's right are the {@link CommandDesk}'s.
   *
   * @throws MsecException {@code malformed} for any member missing, unknown or out of its range
   */
  public static TwinCommand read(Envelope envelope, Instant receivedAt) {
    JsonNode p = envelope.payload();
    p.fieldNames()
        .forEachRemaining(
            name -> {
              if (!MEMBERS.contains(name)) {
                throw malformed("unknown member '" + name + "' in a command");
              }
            });
    DidKey device;
    try {
      device = DidKey.parse(text(p, "device"));
    } catch (MsecException e) {
      throw malformed("member 'device' is not a did:key");
    }
    String command = text(p, "command");
    Set<String> values = VALUES.get(command);
    if (values == null) {
      throw malformed("unknown command '" + command + "'; a twin takes " + VALUES.keySet());
    }
    String value = text(p, "value");
    if (!values.contains(value)) {
      throw malformed("command '" + command + "' takes one of " + values + ", not '" + value + "'");
    }
    String reason = p.has("reason") ? text(p, "reason") : "";
    if (reason.length() > MAX_REASON) {
      throw malformed("a reason has at most " + MAX_REASON + " characters");
    }
    String id = Hashes.hex(Hashes.sha256(envelope.canonicalPayload()));
    return new TwinCommand(
        id,
        device,
        command,
        value,
        time(text(p, "time")),
        reason,
        envelope.signer(),
        receivedAt,
        envelope.toJson());
  }

  /** The JSON form the API lists: the command, its id, signer, times and signed envelope. */
  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("id", id);
    out.put("device", device.toString());
    out.put("command", command);
    out.put("value", value);
    out.put("at", at.toString());
    out.put("reason", reason);
    out.put("signer", signer.toString());
    out.put("receivedAt", receivedAt.toString());
    out.set("envelope", envelope.deepCopy());
    return out;
  }

  private static Instant time(String text) {
    try {
      Instant t = Instant.parse(text);
      if (t.isBefore(Instant.EPOCH) || t.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
        throw malformed("member 'time' is outside 1970..9999");
      }
      return Instant.ofEpochMilli(t.toEpochMilli());
    } catch (DateTimeParseException e) {
      throw malformed("member 'time' is not an ISO 8601 instant: " + text);
    }
  }

  private static String text(JsonNode payload, String member) {
    JsonNode v = payload.get(member);
    if (v == null || !v.isTextual()) {
      throw malformed("member '" + member + "' must be a string");
    }
    return v.textValue();
  }

  private static MsecException malformed(String message) {
    return new MsecException("malformed", message);
  }
}
