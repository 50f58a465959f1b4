package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.CanonicalJson;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.MerkleTree;
import io.msec.ledger.internal.Fields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks an {@code msec-proof/1} proof offline, trusting only a signed head (or the sequencer's
 * key): reading -> batch root -> anchor transaction -> block -> chain -> signed head. Each link is
 * recomputed; the first that fails is named in the {@link Result}. Stateless and thread-safe.
 *
 * <p>Limitation: the reading's own device signature is not part of the proof (the anchor's signer
 * vouches for the batch), and a proof must be built on exactly the trusted head; to move to a newer
 * head, check a consistency proof with {@link #checkConsistency} and fetch a fresh proof.
 *
 * <pre>{@code
 * ProofChecker.Result r = ProofChecker.check(proofJson, trustedHead);
 * if (!r.valid()) System.err.println(r.failedStep() + ": " + r.message());
 * }</pre>
 */
public final class ProofChecker {
  /** The proof format this checker reads. */
  public static final String FORMAT = "msec-proof/1";

  private static final Set<String> MEMBERS =
      Set.of("format", "reading", "batch", "tx", "block", "chain", "head");
  private static final Set<String> REQUIRED = Set.of("format", "tx", "block", "chain", "head");
  private static final Set<String> BLOCK = Set.of("header", "sig", "index", "path");
  private static final Set<String> BATCH = Set.of("index", "path");
  private static final Set<String> CHAIN = Set.of("path");
  private static final String STATE_FORMAT = "msec-state-proof/1";
  private static final Set<String> STATE_MEMBERS =
      Set.of("format", "key", "value", "index", "size", "path", "head");

  private ProofChecker() {}

  /**
   * The verdict.
   *
   * @param valid true if every link checks
   * @param failedStep null if valid, else one of {@code format, tx, tx-signature, anchor, reading,
   *     batch, block, tx-inclusion, block-signature, head, head-signature, chain-inclusion}
   * @param message what failed, or what was proven
   */
  public record Result(boolean valid, String failedStep, String message) {
    static Result ok(String message) {
      return new Result(true, null, message);
    }
  }

  private static final class Failure extends RuntimeException {
    final String step;

    Failure(String step, String message) {
      super(message, null, false, false);
      this.step = step;
    }
  }

  /** Checks {@code proof} against a head the caller trusts; the proof must be built on it. */
  public static Result check(JsonNode proof, SignedHead trusted) {
    return run(proof, trusted, trusted.sequencer());
  }

  /** Checks {@code proof} against whatever head it carries, if {@code sequencer} signed it. */
  public static Result check(JsonNode proof, DidKey sequencer) {
    return run(proof, null, sequencer);
  }

  /** Parses the UTF-8 text of a proof, then checks it against {@code trusted}. */
  public static Result check(byte[] proofJson, SignedHead trusted) {
    try {
      return check(Json.mapper().readTree(proofJson), trusted);
    } catch (IOException e) {
      return new Result(false, "format", "the proof is not JSON: " + e.getMessage());
    }
  }

  private static Result run(JsonNode proof, SignedHead trusted, DidKey sequencer) {
    String step = "format";
    try {
      Fields.members(proof, "a proof", MEMBERS, REQUIRED);
      if (!FORMAT.equals(Fields.text(proof, "format"))) {
        throw new Failure(step, "format is not " + FORMAT);
      }
      if (proof.has("reading") != proof.has("batch")) {
        throw new Failure(step, "a reading comes with its batch path");
      }

      step = "tx";
      Transaction tx = Transaction.fromJson(proof.get("tx"));
      step = "tx-signature";
      require(tx.verifySignature(), step, "the transaction is not signed by " + tx.account());

      String proven = "transaction " + tx.idHex();
      if (proof.has("reading")) {
        proven = checkReading(proof, tx);
      }

      step = "block";
      JsonNode b = proof.get("block");
      Fields.members(b, "proof block", BLOCK, BLOCK);
      BlockHeader header = BlockHeader.fromJson(b.get("header"));
      byte[] blockSig = Fields.base64(Fields.text(b, "sig"), "block signature");
      long index = Fields.integer(b, "index", 0);
      step = "tx-inclusion";
      require(
          MerkleTree.verifyInclusion(
              tx.leafHash(), index, header.txCount(), path(b), header.txRoot()),
          step,
          "the transaction is not leaf " + index + " of block " + header.height());

      step = "head";
      SignedHead head = SignedHead.fromJson(proof.get("head"));
      if (trusted != null && !trusted.equals(head)) {
        throw new Failure(
            step,
            "the proof is built on a head of "
                + head.size()
                + " blocks, not on the trusted head of "
                + trusted.size());
      }
      require(
          head.sequencer().equals(sequencer), step, "the head is not of sequencer " + sequencer);
      step = "head-signature";
      require(head.verifySignature(), step, "the head is not signed by " + sequencer);
      step = "block-signature";
      require(
          header.sequencer().equals(sequencer)
              && Block.verifyHeaderSignature(header, blockSig, sequencer),
          step,
          "block " + header.height() + " is not signed by " + sequencer);

      step = "chain-inclusion";
      JsonNode chain = proof.get("chain");
      Fields.members(chain, "proof chain", CHAIN, CHAIN);
      require(
          MerkleTree.verifyInclusion(
              MerkleTree.leafHash(header.hash()),
              header.height(),
              head.size(),
              path(chain),
              head.root()),
          step,
          "block " + header.height() + " is not in the chain of " + head.size() + " blocks");
      return Result.ok(proven + " is in block " + header.height() + " under head " + head.size());
    } catch (Failure f) {
      return new Result(false, f.step, f.getMessage());
    } catch (RuntimeException e) {
      return new Result(false, step, e.getMessage());
    }
  }

  private static String checkReading(JsonNode proof, Transaction tx) {
    if (!AnchorBatch.TYPE.equals(tx.op())) {
      throw new Failure("anchor", "the transaction is " + tx.op() + ", not an anchor");
    }
    AnchorBatch anchor;
    try {
      anchor = AnchorBatch.fromArgs(tx.argsView());
    } catch (RuntimeException e) {
      throw new Failure("anchor", e.getMessage());
    }
    JsonNode reading = proof.get("reading");
    long seq;
    try {
      require(reading.isObject(), "reading", "a reading is a JSON object");
      require(
          anchor.device().toString().equals(Fields.text(reading, "device")),
          "reading",
          "the reading is not of device " + anchor.device());
      seq = Fields.integer(reading, "seq", 1);
    } catch (Failure f) {
      throw f;
    } catch (RuntimeException e) {
      throw new Failure("reading", e.getMessage());
    }
    require(anchor.covers(seq), "reading", "seq " + seq + " is outside the anchored range");
    try {
      JsonNode batch = proof.get("batch");
      Fields.members(batch, "proof batch", BATCH, BATCH);
      long index = Fields.integer(batch, "index", 0);
      byte[] leaf = MerkleTree.leafHash(CanonicalJson.bytes(reading));
      require(
          MerkleTree.verifyInclusion(leaf, index, anchor.count(), path(batch), anchor.root()),
          "batch",
          "the reading is not leaf " + index + " of the anchored batch");
    } catch (Failure f) {
      throw f;
    } catch (RuntimeException e) {
      throw new Failure("batch", e.getMessage());
    }
    return "reading " + seq + " of " + anchor.device() + " (anchor " + tx.idHex() + ")";
  }

  /**
   * Checks an {@code msec-state-proof/1} proof: the entry {@code [key, value]} is leaf {@code
   * index} of the state tree whose root the trusted head signs. Steps: {@code format, head,
   * head-signature, state-inclusion}.
   */
  public static Result checkState(JsonNode proof, SignedHead trusted) {
    String step = "format";
    try {
      Fields.members(proof, "a state proof", STATE_MEMBERS, STATE_MEMBERS);
      if (!STATE_FORMAT.equals(Fields.text(proof, "format"))) {
        throw new Failure(step, "format is not " + STATE_FORMAT);
      }
      String key = Fields.text(proof, "key");
      JsonNode value = proof.get("value");
      long index = Fields.integer(proof, "index", 0);
      long size = Fields.integer(proof, "size", 1);
      step = "head";
      SignedHead head = SignedHead.fromJson(proof.get("head"));
      require(trusted.equals(head), step, "the proof is not built on the trusted head");
      step = "head-signature";
      require(head.verifySignature(), step, "the head is not signed by " + head.sequencer());
      step = "state-inclusion";
      com.fasterxml.jackson.databind.node.ArrayNode pair = Json.mapper().createArrayNode();
      pair.add(key);
      pair.add(value);
      require(
          value.isObject()
              && MerkleTree.verifyInclusion(
                  MerkleTree.leafHash(CanonicalJson.bytes(pair)),
                  index,
                  size,
                  path(proof),
                  head.stateRoot()),
          step,
          "the entry is not in the state of the head of " + head.size() + " blocks");
      return Result.ok(key + " is in the state under head " + head.size());
    } catch (Failure f) {
      return new Result(false, f.step, f.getMessage());
    } catch (RuntimeException e) {
      return new Result(false, step, e.getMessage());
    }
  }

  /**
   * Checks that {@code newer} extends {@code older}: both signed by the same sequencer and the RFC
   * 9162 consistency proof between their chain roots holds.
   */
  public static Result checkConsistency(SignedHead older, SignedHead newer, List<byte[]> proof) {
    if (!older.sequencer().equals(newer.sequencer())) {
      return new Result(false, "head", "the heads are of different sequencers");
    }
    if (!older.verifySignature() || !newer.verifySignature()) {
      return new Result(false, "head-signature", "a head is not signed by its sequencer");
    }
    boolean ok =
        MerkleTree.verifyConsistency(older.size(), newer.size(), older.root(), newer.root(), proof);
    return ok
        ? Result.ok("the chain of " + newer.size() + " extends the chain of " + older.size())
        : new Result(false, "consistency", "the chain of " + newer.size() + " rewrites history");
  }

  private static List<byte[]> path(JsonNode container) {
    JsonNode path = container.get("path");
    if (path == null || !path.isArray() || path.size() > 64) {
      throw Fields.malformed("member 'path' must be an array of at most 64 hashes");
    }
    List<byte[]> out = new ArrayList<>(path.size());
    for (JsonNode h : path) {
      if (!h.isTextual()) {
        throw Fields.malformed("a path holds hex strings");
      }
      out.add(Fields.hex(h.textValue(), 32, "a path hash"));
    }
    return out;
  }

  private static void require(boolean condition, String step, String message) {
    if (!condition) {
      throw new Failure(step, message);
    }
  }
}
