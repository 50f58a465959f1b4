package io.msec.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One observation of a device: its sequence number, when it was observed, the observed properties
 * with UCUM unit codes, and where (optional). The JSON form is what a device signs:
 *
 * <pre>{@code
 * {"device":"did:key:z6Mk...","seq":42,"time":"2015-02-04T17:51:00Z",
 *  "properties":{"co2":{"value":721.25,"unit":"[ppm]"}},
 *  "location":{"lat":57.15,"lon":-2.09}}
 * }</pre>
 *
 * <p>A reading is either open, as above, or <em>sealed</em>: its properties and location are
 * encrypted with the content key of an epoch so that only holders of that key can read them. A
 * sealed reading has no {@code properties} and no {@code location} member, but a {@code sealed} one
 * (docs/market.md, "Sealed device"):
 *
 * <pre>{@code
 * {"device":"did:key:z6Mk...","seq":42,"time":"2015-02-04T17:51:00Z",
 *  "sealed":{"epoch":7,"ct":"<base64url nonce || ciphertext || tag>"}}
 * Reading sealed = open.seal(key, 7);  Reading back = sealed.open(key);
 * }</pre>
 *
 * The plaintext is the RFC 8785 JSON of {@code {"properties":{...},"location":{...}}} (location
 * only if the open reading has one); the associated data binds it to the device, the sequence
 * number and the epoch (see {@link #sealingAad}). Immutable.
 *
 * @param device the producing device
 * @param seq the device's sequence number, from 1, strictly increasing
 * @param observedAt when the values were observed
 * @param properties property name to value and unit: at least one if open, none if sealed
 * @param location where, or null if the device is fixed and its location is registered, or if the
 *     reading is sealed
 * @param sealed the encrypted properties and location, or null if the reading is open
 */
public record Reading(
    DidKey device,
    long seq,
    Instant observedAt,
    Map<String, Quantity> properties,
    Location location,
    Sealed sealed) {
  private static final Set<String> MEMBERS =
      Set.of("device", "seq", "time", "properties", "location", "sealed");
  private static final Set<String> PLAINTEXT_MEMBERS = Set.of("properties", "location");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** A value with its UCUM unit code, e.g. {@code 721.25 [ppm]}. */
  public record Quantity(double value, String unit) {
    public Quantity {
      Objects.requireNonNull(unit, "unit");
    }
  }

  /** WGS 84 latitude and longitude in degrees. */
  public record Location(double lat, double lon) {
    public Location {
      if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
        throw malformed("location out of range: lat=" + lat + " lon=" + lon);
      }
    }
  }

  /**
   * The sealed part of a reading: the epoch whose content key encrypted it, and {@code nonce (12
   * bytes) || ciphertext || tag (16 bytes)} as {@link ContentKey#seal} makes it. Immutable: the
   * bytes are copied in and out; equality compares their contents.
   *
   * @param epoch the epoch number, from 0 to 2^53 - 1 so that JSON carries it exactly
   * @param ct the sealed bytes, at least 28 (nonce and tag)
   */
  public record Sealed(long epoch, byte[] ct) {
    /** The largest epoch number: 2^53 - 1, the largest integer a JSON number holds exactly. */
    public static final long MAX_EPOCH = (1L << 53) - 1;

    /** Nonce and tag: the length of the sealed bytes of an empty plaintext. */
    static final int MIN_CT = 12 + 16;

    public Sealed {
      if (epoch < 0 || epoch > MAX_EPOCH) {
        throw malformed("sealed epoch must be 0.." + MAX_EPOCH + ", was " + epoch);
      }
      if (ct == null || ct.length < MIN_CT) {
        throw malformed("sealed 'ct' holds at least " + MIN_CT + " bytes (nonce and tag)");
      }
      ct = ct.clone();
    }

    /** A copy of the sealed bytes. */
    @Override
    public byte[] ct() {
      return ct.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sealed s && epoch == s.epoch && Arrays.equals(ct, s.ct);
    }

    @Override
    public int hashCode() {
      return 31 * Long.hashCode(epoch) + Arrays.hashCode(ct);
    }

    @Override
    public String toString() {
      return "Sealed[epoch=" + epoch + ", ct=" + ct.length + " bytes]";
    }
  }

  public Reading {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(observedAt, "observedAt");
    properties = Map.copyOf(properties);
    if (seq < 1) {
      throw malformed("seq must be 1 or more, was " + seq);
    }
    if (sealed == null && properties.isEmpty()) {
      throw malformed("a reading has at least one property");
    }
    if (sealed != null && (!properties.isEmpty() || location != null)) {
      throw malformed("a sealed reading carries its properties and location inside the seal");
    }
  }

  /** An open reading. */
  public Reading(
      DidKey device,
      long seq,
      Instant observedAt,
      Map<String, Quantity> properties,
      Location location) {
    this(device, seq, observedAt, properties, location, null);
  }

  /** A sealed reading, as it is signed and sent; see {@link #seal}. */
  public static Reading sealed(DidKey device, long seq, Instant observedAt, Sealed sealed) {
    return new Reading(
        device, seq, observedAt, Map.of(), null, Objects.requireNonNull(sealed, "sealed"));
  }

  /** True if the properties and location are sealed (then {@link #properties()} is empty). */
  public boolean isSealed() {
    return sealed != null;
  }

  /**
   * This open reading with its properties and location encrypted under {@code key}, the content key
   * of {@code epoch}; device, sequence number and time stay readable.
   *
   * @throws MsecException {@code already-sealed} if this reading is sealed
   */
  public Reading seal(ContentKey key, long epoch) {
    if (isSealed()) {
      throw new MsecException("already-sealed", "reading seq=" + seq + " is sealed already");
    }
    byte[] plaintext = CanonicalJson.bytes(plaintext());
    byte[] ct = key.seal(plaintext, sealingAad(device, seq, epoch));
    return sealed(device, seq, observedAt, new Sealed(epoch, ct));
  }

  /**
   * The open reading inside this sealed one.
   *
   * @throws MsecException {@code bad-ciphertext} if {@code key} is not the epoch's key or the
   *     sealed bytes, device, sequence number or epoch were altered; {@code malformed-reading} if
   *     what the device sealed is not properties and a location; {@code not-sealed} if this reading
   *     is open
   */
  public Reading open(ContentKey key) {
    if (!isSealed()) {
      throw new MsecException("not-sealed", "reading seq=" + seq + " is not sealed");
    }
    byte[] plaintext = key.open(sealed.ct, sealingAad(device, seq, sealed.epoch()));
    JsonNode inside;
    try {
      inside = Json.mapper().readTree(plaintext);
    } catch (IOException e) {
      throw malformed("the sealed plaintext is not JSON");
    }
    if (inside == null || !inside.isObject()) {
      throw malformed("the sealed plaintext is a JSON object");
    }
    requireMembers(inside, PLAINTEXT_MEMBERS);
    return new Reading(
        device, seq, observedAt, properties(inside.get("properties")), location(inside));
  }

  /**
   * The associated data of a sealed reading: the UTF-8 bytes of {@code
   * msec/sealed/v1\n<device>\n<seq>\n<epoch>}.
   */
  public static byte[] sealingAad(DidKey device, long seq, long epoch) {
    return ("msec/sealed/v1\n" + device + "\n" + seq + "\n" + epoch)
        .getBytes(StandardCharsets.UTF_8);
  }

  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("device", device.toString());
    out.put("seq", seq);
    out.put("time", observedAt.toString());
    if (isSealed()) {
      ObjectNode s = out.putObject("sealed");
      s.put("epoch", sealed.epoch());
      s.put("ct", B64.encodeToString(sealed.ct));
    } else {
      out.setAll(plaintext());
    }
    return out;
  }

  /** The members that a seal hides: properties, sorted, and the location if any. */
  private ObjectNode plaintext() {
    ObjectNode out = Json.mapper().createObjectNode();
    ObjectNode props = out.putObject("properties");
    properties.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              ObjectNode q = props.putObject(e.getKey());
              q.put("value", e.getValue().value());
              q.put("unit", e.getValue().unit());
            });
    if (location != null) {
      ObjectNode loc = out.putObject("location");
      loc.put("lat", location.lat());
      loc.put("lon", location.lon());
    }
    return out;
  }

  /**
   * Reads the JSON form strictly: unknown members, missing members and wrong kinds are refused, and
   * so is a reading with both or neither of {@code properties} and {@code sealed}, or a sealed one
   * with a {@code location}.
   *
   * @throws MsecException {@code malformed-reading} or {@code malformed-did}
   */
  public static Reading fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw malformed("a reading is a JSON object");
    }
    requireMembers(json, MEMBERS);
    DidKey device = DidKey.parse(requireText(json, "device"));
    JsonNode seq = json.get("seq");
    if (seq == null || !seq.canConvertToExactIntegral() || !seq.canConvertToLong()) {
      throw malformed("member 'seq' must be an integer");
    }
    Instant time;
    try {
      time = Instant.parse(requireText(json, "time"));
    } catch (DateTimeParseException e) {
      throw malformed("member 'time' is not an ISO-8601 UTC instant: " + json.get("time"));
    }
    if (json.has("sealed") == json.has("properties")) {
      throw malformed("a reading has either 'properties' or 'sealed', not both, not neither");
    }
    if (json.has("sealed")) {
      if (json.has("location")) {
        throw malformed("a sealed reading carries its location inside the seal");
      }
      return sealed(device, seq.longValue(), time, sealedPart(json.get("sealed")));
    }
    return new Reading(
        device, seq.longValue(), time, properties(json.get("properties")), location(json));
  }

  private static Sealed sealedPart(JsonNode s) {
    JsonNode epoch = s.get("epoch");
    if (!s.isObject()
        || s.size() != 2
        || epoch == null
        || !epoch.canConvertToExactIntegral()
        || !epoch.canConvertToLong()) {
      throw malformed("member 'sealed' must be {\"epoch\":integer,\"ct\":base64url}");
    }
    String text = requireText(s, "ct");
    byte[] ct;
    try {
      ct = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed("sealed 'ct' is not base64url: " + e.getMessage());
    }
    // One spelling per byte string, so that the signed bytes are the reading's only form.
    if (!B64.encodeToString(ct).equals(text)) {
      throw malformed("sealed 'ct' must be unpadded canonical base64url");
    }
    return new Sealed(epoch.longValue(), ct);
  }

  private static void requireMembers(JsonNode json, Set<String> allowed) {
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw malformed("unknown member '" + name + "'");
      }
    }
  }

  private static Map<String, Quantity> properties(JsonNode props) {
    if (props == null || !props.isObject() || props.isEmpty()) {
      throw malformed("member 'properties' must be a non-empty object");
    }
    Map<String, Quantity> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode q = e.getValue();
      JsonNode value = q.get("value");
      if (!q.isObject() || value == null || !value.isNumber() || q.size() != 2) {
        throw malformed("property '" + e.getKey() + "' must be {\"value\":number,\"unit\":code}");
      }
      out.put(e.getKey(), new Quantity(value.doubleValue(), requireText(q, "unit")));
    }
    return out;
  }

  private static Location location(JsonNode json) {
    JsonNode loc = json.get("location");
    if (loc == null || loc.isNull()) {
      return null;
    }
    if (!loc.isObject() || !loc.path("lat").isNumber() || !loc.path("lon").isNumber()) {
      throw malformed("member 'location' must be {\"lat\":number,\"lon\":number}");
    }
    return new Location(loc.get("lat").doubleValue(), loc.get("lon").doubleValue());
  }

  private static String requireText(JsonNode json, String member) {
    JsonNode node = json.get(member);
    if (node == null || !node.isTextual()) {
      throw malformed("member '" + member + "' must be a string");
    }
    return node.textValue();
  }

  private static MsecException malformed(String message) {
    return new MsecException("malformed-reading", message);
  }
}
