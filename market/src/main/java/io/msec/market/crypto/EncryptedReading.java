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
 * A device's signed envelope encrypted with the content key of an epoch, as a stream delivers it
 * (docs/market.md, "Unsealed device"). The AES-GCM associated data is {@code
 * msec/delivery/v1\n<device>\n<epoch>\n<seq>}, so a ciphertext opens only as the reading it was
 * sealed as. On the wire:
 *
 * <pre>{@code
 * {"device":"did:key:z6Mk…","epoch":17,"seq":42,"ct":"<base64url nonce || ciphertext || tag>"}
 * }</pre>
 *
 * Immutable. The buyer still checks the envelope's signature after opening it: decryption proves
 * the data was meant for them, the signature who produced it.
 *
 * <pre>{@code
 * EncryptedReading e = EncryptedReading.seal(epochKey, 17, device, 42, envelopeJsonBytes);
 * byte[] envelope = EncryptedReading.fromJson(json).open(epochKey);
 * }</pre>
 *
 * @param device the device that produced the reading
 * @param epoch the epoch whose key encrypted it, 0 or more
 * @param seq the reading's sequence number, 1 or more
 * @param ct {@code nonce || ciphertext || tag} of the envelope's UTF-8 JSON
 */
public record EncryptedReading(DidKey device, long epoch, long seq, byte[] ct) {
  /** Domain tag that starts the associated data. */
  public static final String DOMAIN = "msec/delivery/v1";

  private static final String MALFORMED = "malformed-delivery";
  private static final Set<String> MEMBERS = Set.of("device", "epoch", "seq", "ct");

  public EncryptedReading {
    Objects.requireNonNull(device, "device");
    Wire.checkRange(epoch, 0, "epoch");
    Wire.checkRange(seq, 1, "seq");
    ct = Objects.requireNonNull(ct, "ct").clone();
  }

  /** Encrypts the UTF-8 JSON of a signed envelope with the epoch's key. */
  public static EncryptedReading seal(
      ContentKey key, long epoch, DidKey device, long seq, byte[] envelopeJson) {
    return new EncryptedReading(
        device, epoch, seq, key.seal(envelopeJson, aad(device, epoch, seq)));
  }

  /**
   * The envelope's UTF-8 JSON.
   *
   * @throws MsecException {@code bad-ciphertext} if {@code key} is not the epoch's key or anything
   *     was altered (including device, epoch or seq)
   */
  public byte[] open(ContentKey key) {
    return key.open(ct, aad(device, epoch, seq));
  }

  /** The associated data that binds a ciphertext to its device, epoch and sequence number. */
  public static byte[] aad(DidKey device, long epoch, long seq) {
    return Wire.utf8(DOMAIN + "\n" + device + "\n" + epoch + "\n" + seq);
  }

  @Override
  public byte[] ct() {
    return ct.clone();
  }

  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("device", device.toString());
    out.put("epoch", epoch);
    out.put("seq", seq);
    out.put("ct", Wire.base64(ct));
    return out;
  }

  /**
   * Reads the wire form strictly.
   *
   * @throws MsecException {@code malformed-delivery}
   */
  public static EncryptedReading fromJson(JsonNode json) {
    Wire.exactly(json, MEMBERS, MALFORMED, "an encrypted reading");
    return new EncryptedReading(
        Wire.did(json, "device", MALFORMED),
        Wire.integer(json, "epoch", 0, MALFORMED),
        Wire.integer(json, "seq", 1, MALFORMED),
        Wire.unbase64(Wire.text(json, "ct", MALFORMED), MALFORMED, "member 'ct'"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncryptedReading r
        && device.equals(r.device)
        && epoch == r.epoch
        && seq == r.seq
        && Arrays.equals(ct, r.ct);
  }

  @Override
  public int hashCode() {
    return Objects.hash(device, epoch, seq, Arrays.hashCode(ct));
  }

  @Override
  public String toString() {
    return "EncryptedReading[device=" + device + ", epoch=" + epoch + ", seq=" + seq + "]";
  }
}
