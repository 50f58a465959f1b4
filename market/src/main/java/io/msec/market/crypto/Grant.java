package io.msec.market.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.ContentKey;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.MsecException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * One epoch's content key of one device, wrapped with HPKE to one licensee's recipient key
 * (docs/market.md, "Streams: epoch keys"). The HPKE {@code info} is {@code
 * msec/grant/v1\n<device>\n<epoch>\n<order>}, so a grant opens only as the grant of that device,
 * epoch and order. On the wire:
 *
 * <pre>{@code
 * {"order":"<order id>","device":"did:key:z6Mk…","epoch":17,"from":1764860000000,
 *  "wrapped":"<base64url enc || ciphertext || tag>"}
 * }</pre>
 *
 * {@code from} (when the epoch starts, milliseconds since the epoch of 1970) is a hint for the
 * buyer and is not authenticated. Immutable.
 *
 * <pre>{@code
 * Grant grant = Grant.wrap(epochKey, license.recipient(), orderId, device, 17, startMillis);
 * ContentKey key = grant.unwrap(recipientKey);
 * }</pre>
 *
 * @param order the id of the {@code buy} transaction
 * @param device the device whose readings the key encrypts
 * @param epoch the epoch number, 0 or more
 * @param fromMillis when the epoch starts
 * @param wrapped the HPKE output, {@code enc || ciphertext || tag}
 */
public record Grant(String order, DidKey device, long epoch, long fromMillis, byte[] wrapped) {
  /** Domain tag that starts the HPKE info of a grant. */
  public static final String DOMAIN = "msec/grant/v1";

  private static final String MALFORMED = "malformed-grant";
  private static final Set<String> MEMBERS = Set.of("order", "device", "epoch", "from", "wrapped");

  public Grant {
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(device, "device");
    Wire.checkRange(epoch, 0, "epoch");
    Wire.checkRange(fromMillis, 0, "fromMillis");
    wrapped = Objects.requireNonNull(wrapped, "wrapped").clone();
  }

  /**
   * Wraps {@code key} for the licensee whose recipient key is {@code recipientPublicKey}.
   *
   * @throws MsecException {@code bad-recipient} if that is not an X25519 public key
   */
  public static Grant wrap(
      ContentKey key,
      String recipientPublicKey,
      String order,
      DidKey device,
      long epoch,
      long fromMillis) {
    byte[] raw = key.bytes();
    try {
      byte[] sealed = Hpke.seal(recipientPublicKey, raw, info(device, epoch, order));
      return new Grant(order, device, epoch, fromMillis, sealed);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * The content key, if this grant was wrapped to {@code recipient} for its order, device and
   * epoch.
   *
   * @throws MsecException {@code bad-ciphertext} otherwise
   */
  public ContentKey unwrap(RecipientKey recipient) {
    byte[] raw = recipient.open(wrapped, info(device, epoch, order));
    try {
      if (raw.length != ContentKey.LENGTH) {
        throw new MsecException("bad-ciphertext", "a grant holds a 32-byte content key");
      }
      return ContentKey.of(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The HPKE info that binds a grant to its device, epoch and order. */
  public static byte[] info(DidKey device, long epoch, String order) {
    return Wire.utf8(DOMAIN + "\n" + device + "\n" + epoch + "\n" + order);
  }

  @Override
  public byte[] wrapped() {
    return wrapped.clone();
  }

  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("order", order);
    out.put("device", device.toString());
    out.put("epoch", epoch);
    out.put("from", fromMillis);
    out.put("wrapped", Wire.base64(wrapped));
    return out;
  }

  /**
   * Reads the wire form strictly: exactly its members, each of its kind and canonical spelling.
   *
   * @throws MsecException {@code malformed-grant}
   */
  public static Grant fromJson(JsonNode json) {
    Wire.exactly(json, MEMBERS, MALFORMED, "a grant");
    String order = Wire.text(json, "order", MALFORMED);
    if (order.isEmpty()) {
      throw new MsecException(MALFORMED, "a grant names its order");
    }
    return new Grant(
        order,
        Wire.did(json, "device", MALFORMED),
        Wire.integer(json, "epoch", 0, MALFORMED),
        Wire.integer(json, "from", 0, MALFORMED),
        Wire.unbase64(Wire.text(json, "wrapped", MALFORMED), MALFORMED, "member 'wrapped'"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Grant g
        && order.equals(g.order)
        && device.equals(g.device)
        && epoch == g.epoch
        && fromMillis == g.fromMillis
        && Arrays.equals(wrapped, g.wrapped);
  }

  @Override
  public int hashCode() {
    return Objects.hash(order, device, epoch, fromMillis, Arrays.hashCode(wrapped));
  }

  @Override
  public String toString() {
    return "Grant[order=" + order + ", device=" + device + ", epoch=" + epoch + "]";
  }
}
