// What an msec-proof/1 proof of a reading says, link by link, and how a verdict of the node's
// checker maps onto those links. Pure: it fetches nothing and draws nothing.

/** The steps of the node's ProofChecker, in the order it runs them. */
const CHECK_ORDER = [
  "format", "tx", "tx-signature", "anchor", "reading", "batch",
  "block", "tx-inclusion", "head", "head-signature", "block-signature", "chain-inclusion",
];

/** The links of the chain from a reading up to a signed head, and the checker steps of each. */
export const LINKS = [
  {
    id: "reading",
    title: "Reading",
    claim: "the reading as its device signed it; its RFC 8785 bytes are the leaf",
    checks: ["format", "reading"],
  },
  {
    id: "batch",
    title: "Batch root",
    claim: "the leaf and its path give the Merkle root the anchor carries",
    checks: ["batch"],
  },
  {
    id: "anchor",
    title: "Anchor transaction",
    claim: "a signed transaction naming the device, its range and the root",
    checks: ["tx", "tx-signature", "anchor"],
  },
  {
    id: "block",
    title: "Block",
    claim: "the transaction is under the block's txRoot; the sequencer signed the block",
    checks: ["block", "tx-inclusion", "block-signature"],
  },
  {
    id: "head",
    title: "Signed head",
    claim: "the block's hash is a leaf of the chain whose root the sequencer signed",
    checks: ["head", "head-signature", "chain-inclusion"],
  },
];

/**
 * How a link fares under a verdict {valid, failedStep}: "ok", "failed", or "unchecked" when the
 * checker stopped before reaching it.
 */
export function linkState(link, verdict) {
  if (verdict.valid) {
    return "ok";
  }
  if (link.checks.includes(verdict.failedStep)) {
    return "failed";
  }
  const failed = CHECK_ORDER.indexOf(verdict.failedStep);
  if (failed < 0) {
    return "unchecked";
  }
  return link.checks.every((c) => CHECK_ORDER.indexOf(c) < failed) ? "ok" : "unchecked";
}

/**
 * A copy of `proof` with one value of its reading changed: the first numeric property gains 1,
 * else the time moves by a second. Answers {proof, change: {name, from, to}}.
 */
export function tamper(proof) {
  const copy = structuredClone(proof);
  const reading = copy.reading;
  const props = reading.properties || {};
  const name = Object.keys(props).sort().find((n) => typeof props[n].value === "number");
  if (name) {
    const from = props[name].value;
    props[name].value = Number((from + 1).toFixed(6));
    return { proof: copy, change: { name, from, to: props[name].value } };
  }
  const from = reading.time;
  reading.time = new Date(Date.parse(from) + 1000).toISOString();
  return { proof: copy, change: { name: "time", from, to: reading.time } };
}

/** The RFC 8785 text of a JSON value: members sorted by UTF-16 code units, ECMAScript numbers. */
export function canonical(v) {
  if (Array.isArray(v)) {
    return `[${v.map(canonical).join(",")}]`;
  }
  if (v !== null && typeof v === "object") {
    const members = Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(v);
}

// Limitation: browsers offer Web Crypto only on https and on localhost, so a dashboard opened over
// plain http from another host shows no transaction id or block hash in the proof's links (the
// node's check and the offline check are not affected).
/** The SHA-256 of a text's UTF-8 bytes in hex, or null where the browser offers no Web Crypto. */
export async function sha256Hex(text) {
  if (!globalThis.crypto || !crypto.subtle) {
    return null;
  }
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The transaction id and block hash a proof implies: {txId, blockHash}, null where unknown. */
export async function hashes(proof) {
  const [txId, blockHash] = await Promise.all([
    sha256Hex(canonical(proof.tx)),
    sha256Hex(canonical(proof.block.header)),
  ]);
  return { txId, blockHash };
}
