package io.msec.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.ledger.Args;
import io.msec.market.internal.Values;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an offer sells. A {@code stream} is every reading of one device for {@code period} from the
 * purchase ({@code from} and {@code to} null); a {@code history} is the readings of one device in
 * {@code from..to}; a {@code dataset} is the readings of one or more distinct devices in {@code
 * from..to} ({@code period} null). Immutable; the constructor refuses any other shape with {@code
 * malformed-transaction}.
 *
 * <pre>{@code
 * Product p = Product.fromJson(Json.parse("{\"kind\":\"stream\",\"devices\":[\"did:key:..\"],"
 *     + "\"period\":\"P7D\"}"));
 * }</pre>
 */
public record Product(Kind kind, List<DidKey> devices, Instant from, Instant to, Duration period) {
  /** Most devices in one dataset. */
  public static final int MAX_DEVICES = 64;

  private static final Set<String> STREAM_MEMBERS = Set.of("kind", "devices", "period");
  private static final Set<String> WINDOW_MEMBERS = Set.of("kind", "devices", "from", "to");

  /** The kinds of product, written in lowercase in JSON. */
  public enum Kind {
    STREAM,
    HISTORY,
    DATASET;

    /** The JSON spelling, e.g. {@code stream}. */
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind spelt {@code text}.
     *
     * @throws io.msec.ledger.LedgerException {@code malformed-transaction} for any other text
     */
    public static Kind fromJson(String text) {
      for (Kind k : values()) {
        if (k.json().equals(text)) {
          return k;
        }
      }
      throw Args.malformed("a product kind is stream, history or dataset");
    }
  }

  public Product {
    if (kind == null || devices == null || devices.isEmpty()) {
      throw Args.malformed("a product has a kind and at least one device");
    }
    devices = List.copyOf(devices);
    if (devices.size() > MAX_DEVICES || new HashSet<>(devices).size() != devices.size()) {
      throw Args.malformed("a product names at most " + MAX_DEVICES + " distinct devices");
    }
    if (kind != Kind.DATASET && devices.size() != 1) {
      throw Args.malformed("a " + kind.json() + " names exactly one device");
    }
    if (kind == Kind.STREAM) {
      if (period == null || from != null || to != null) {
        throw Args.malformed("a stream has a period and no from or to");
      }
      Values.duration(Values.duration(period), "period");
    } else {
      if (period != null || from == null || to == null || !from.isBefore(to)) {
        throw Args.malformed("a " + kind.json() + " has from before to and no period");
      }
      Values.instant(from.toString(), "from");
      Values.instant(to.toString(), "to");
    }
  }

  /** A stream of {@code device} for {@code period} from the purchase. */
  public static Product stream(DidKey device, Duration period) {
    return new Product(Kind.STREAM, List.of(device), null, null, period);
  }

  /** The readings of {@code device} in {@code from..to}. */
  public static Product history(DidKey device, Instant from, Instant to) {
    return new Product(Kind.HISTORY, List.of(device), from, to, null);
  }

  /** The readings of {@code devices} in {@code from..to}. */
  public static Product dataset(List<DidKey> devices, Instant from, Instant to) {
    return new Product(Kind.DATASET, devices, from, to, null);
  }

  /**
   * Reads a product strictly: no unknown members, one spelling per value.
   *
   * @throws io.msec.ledger.LedgerException {@code malformed-transaction}
   */
  public static Product fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw Args.malformed("a product is a JSON object");
    }
    Kind kind = Kind.fromJson(Args.text(json, "kind"));
    Set<String> members = kind == Kind.STREAM ? STREAM_MEMBERS : WINDOW_MEMBERS;
    Args.members(json, kind.json() + " product", members, members);
    JsonNode list = json.get("devices");
    if (!list.isArray()) {
      throw Args.malformed("member 'devices' must be an array of did:key");
    }
    List<DidKey> devices = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ObjectNode holder = Json.mapper().createObjectNode();
      holder.set("device", list.get(i));
      devices.add(Args.did(holder, "device"));
    }
    if (kind == Kind.STREAM) {
      return new Product(
          kind, devices, null, null, Values.duration(Args.text(json, "period"), "period"));
    }
    return new Product(
        kind,
        devices,
        Values.instant(Args.text(json, "from"), "from"),
        Values.instant(Args.text(json, "to"), "to"),
        null);
  }

  /** The JSON form {@link #fromJson} reads. */
  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("kind", kind.json());
    out.set("devices", Values.array(devices.stream().map(DidKey::toString).toList()));
    if (kind == Kind.STREAM) {
      out.put("period", Values.duration(period));
    } else {
      out.put("from", from.toString());
      out.put("to", to.toString());
    }
    return out;
  }

  /** Whether this product covers readings of {@code device}. */
  public boolean covers(DidKey device) {
    return devices.contains(device);
  }
}
