package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.CanonicalJson;
import io.msec.core.DidKey;
import io.msec.core.Hashes;
import io.msec.core.Json;
import io.msec.core.MerkleTree;
import io.msec.ledger.internal.Fields;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * A signed ledger transaction: an account, its nonce, an operation type with its arguments, and the
 * account's Ed25519 signature. Immutable. On the wire:
 *
 * <pre>{@code
 * {"account":"did:key:z6Mk...","nonce":7,"op":"transfer",
 *  "args":{"to":"did:key:z6Mk...","amount":"250"},"sig":"<base64url>"}
 * }</pre>
 *
 * The signature covers {@code "msec/tx/v1\n"} followed by the RFC 8785 bytes of the object without
 * {@code sig}. The transaction id is the SHA-256 of the RFC 8785 bytes of the whole signed object;
 * its leaf in a block's Merkle tree is the RFC 9162 leaf hash of those same bytes. Build one with
 * {@link TransactionBuilder}.
 *
 * <p>Limitation: the signed form names no chain, so a transaction signed for one ledger is valid on
 * another ledger where the same account has the same nonce.
 */
public final class Transaction {
  static final byte[] DOMAIN = "msec/tx/v1\n".getBytes(StandardCharsets.US_ASCII);

  /** Largest canonical signed form accepted, so that a block always fits one log record. */
  public static final int MAX_BYTES = 32 * 1024;

  private static final Set<String> MEMBERS = Set.of("account", "nonce", "op", "args", "sig");
  private static final java.util.regex.Pattern OP_NAME =
      java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,63}");

  private final DidKey account;
  private final long nonce;
  private final String op;
  private final ObjectNode args;
  private final byte[] signature;
  private final byte[] canonical;
  private final byte[] id;
  private final String idHex;
  // 0 = not checked yet, 1 = valid, 2 = invalid: verification is a pure function of final fields.
  private volatile byte verified;

  private Transaction(DidKey account, long nonce, String op, ObjectNode args, byte[] signature) {
    this.account = account;
    this.nonce = nonce;
    this.op = op;
    this.args = args;
    this.signature = signature;
    this.canonical = CanonicalJson.bytes(toJson());
    if (canonical.length > MAX_BYTES) {
      throw Fields.malformed(
          "a transaction is at most " + MAX_BYTES + " bytes, this one " + canonical.length);
    }
    this.id = Hashes.sha256(canonical);
    this.idHex = Hashes.hex(id);
  }

  static Transaction signed(DidKey account, long nonce, String op, ObjectNode args, byte[] sig) {
    return new Transaction(account, nonce, op, args.deepCopy(), sig.clone());
  }

  /**
   * Reads the wire form strictly. Does not check the signature ({@link #verifySignature()}) nor the
   * arguments of the operation (they are checked when applied).
   *
   * @throws LedgerException {@code malformed-transaction}
   */
  public static Transaction fromJson(JsonNode json) {
    Fields.members(json, "a transaction", MEMBERS, MEMBERS);
    DidKey account = Fields.did(json, "account");
    long nonce = Fields.integer(json, "nonce", 1);
    String op = Fields.text(json, "op");
    if (!OP_NAME.matcher(op).matches()) {
      throw Fields.malformed("member 'op' must be a lowercase operation name");
    }
    JsonNode args = json.get("args");
    if (!args.isObject()) {
      throw Fields.malformed("member 'args' must be a JSON object");
    }
    byte[] sig = Fields.base64(Fields.text(json, "sig"), "member 'sig'");
    if (sig.length != 64) {
      throw Fields.malformed("member 'sig' must hold a 64-byte Ed25519 signature");
    }
    return new Transaction(account, nonce, op, ((ObjectNode) args).deepCopy(), sig);
  }

  /** Parses the UTF-8 JSON text of a transaction. */
  public static Transaction fromBytes(byte[] json) {
    try {
      return fromJson(Json.mapper().readTree(json));
    } catch (java.io.IOException e) {
      throw Fields.malformed("a transaction is not JSON: " + e.getMessage());
    }
  }

  /** The bytes an account signs: the domain tag and the canonical unsigned form. */
  static byte[] signingBytes(DidKey account, long nonce, String op, ObjectNode args) {
    ObjectNode unsigned = Json.mapper().createObjectNode();
    unsigned.put("account", account.toString());
    unsigned.put("nonce", nonce);
    unsigned.put("op", op);
    unsigned.set("args", args);
    byte[] body = CanonicalJson.bytes(unsigned);
    byte[] out = Arrays.copyOf(DOMAIN, DOMAIN.length + body.length);
    System.arraycopy(body, 0, out, DOMAIN.length, body.length);
    return out;
  }

  /**
   * True if the signature is the account's over this transaction. The answer is remembered, so that
   * a transaction verified ahead of time (in parallel, as it arrives) is not verified again.
   */
  public boolean verifySignature() {
    byte v = verified;
    if (v == 0) {
      v = account.verify(signingBytes(account, nonce, op, args), signature) ? (byte) 1 : (byte) 2;
      verified = v;
    }
    return v == 1;
  }

  public DidKey account() {
    return account;
  }

  public long nonce() {
    return nonce;
  }

  /** The operation type, e.g. {@code transfer}. */
  public String op() {
    return op;
  }

  /** The operation's arguments (a copy). */
  public ObjectNode args() {
    return args.deepCopy();
  }

  /** The arguments without copying; callers must not modify them. */
  public JsonNode argsView() {
    return args;
  }

  public byte[] signature() {
    return signature.clone();
  }

  /** SHA-256 of the canonical signed form. */
  public byte[] id() {
    return id.clone();
  }

  /** The transaction id in lowercase hex. */
  public String idHex() {
    return idHex;
  }

  /** The RFC 8785 bytes of the signed form (a copy). */
  public byte[] canonicalBytes() {
    return canonical.clone();
  }

  /** The RFC 9162 leaf hash of this transaction in its block's transaction tree. */
  public byte[] leafHash() {
    return MerkleTree.leafHash(canonical);
  }

  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("account", account.toString());
    out.put("nonce", nonce);
    out.put("op", op);
    out.set("args", args.deepCopy());
    out.put("sig", Fields.base64(signature));
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transaction other && Arrays.equals(id, other.id);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(id);
  }

  @Override
  public String toString() {
    return "Transaction[" + idHex() + " " + op + " by " + account + " nonce=" + nonce + "]";
  }
}
