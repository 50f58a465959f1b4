// Checks a reading in the form its device signed it (io.msec.market.delivery.SignedReading):
// {payload, signer, sig} for a reading signed alone, where sig is the Ed25519 signature of the
// payload's RFC 8785 bytes; plus batch {root, index, size, path} for a reading signed in a batch,
// where sig covers "msec/batch/v1\n" || root and the RFC 9162 path leads from the reading to root.

import { concat, didKeyBytes, equal, unbase64, utf8 } from "./market-bytes.js";
import { canonical } from "./proof.js";

const BATCH_DOMAIN = utf8("msec/batch/v1\n");

async function sha256(...parts) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", concat(...parts)));
}

const leafHash = (data) => sha256(Uint8Array.of(0), data);
const nodeHash = (left, right) => sha256(Uint8Array.of(1), left, right);

/** RFC 9162 §2.1.3.2, as io.msec.core.MerkleTree.verifyInclusion runs it. */
async function included(leaf, index, size, path, root) {
  if (!(index >= 0 && index < size)) {
    return false;
  }
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) {
      return false;
    }
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}

/** The bytes the device signed for `form`, or null when its batch path does not hold. */
async function signedBytes(form, payloadBytes) {
  const batch = form.batch;
  if (!batch) {
    return payloadBytes;
  }
  const root = unbase64(batch.root);
  const path = (batch.path || []).map(unbase64);
  const ok = await included(await leafHash(payloadBytes), batch.index, batch.size, path, root);
  return ok ? concat(BATCH_DOMAIN, root) : null;
}

/**
 * Checks that `form` was signed by `key` (the did:key the ledger holds for the device). Answers
 * {ok: true, reading} or {ok: false, reason}.
 */
export async function verifySigned(form, key) {
  if (!form || typeof form.payload !== "object" || typeof form.signer !== "string"
    || typeof form.sig !== "string") {
    return { ok: false, reason: "malformed: a signed reading has payload, signer and sig" };
  }
  if (form.signer !== key) {
    return { ok: false, reason: `signed by ${form.signer}, not by the device's key` };
  }
  try {
    const bytes = await signedBytes(form, utf8(canonical(form.payload)));
    if (!bytes) {
      return { ok: false, reason: "the reading is not in the signed batch" };
    }
    const publicKey = await crypto.subtle.importKey("raw", didKeyBytes(form.signer), "Ed25519",
      false, ["verify"]);
    const good = await crypto.subtle.verify("Ed25519", publicKey, unbase64(form.sig), bytes);
    return good
      ? { ok: true, reading: form.payload }
      : { ok: false, reason: "the device's signature does not hold" };
  } catch (e) {
    return { ok: false, reason: `malformed: ${e.message}` };
  }
}
