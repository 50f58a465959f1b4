// Byte strings as the market's wire formats spell them: unpadded base64url, UTF-8 text, and the
// Ed25519 public key inside a did:key (multibase base58btc of the multicodec 0xed01 prefix + key).

const encoder = new TextEncoder();
const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const ED25519_PUB = [0xed, 0x01];

export const utf8 = (text) => encoder.encode(text);

/** The bytes of unpadded (or padded) base64url text; throws on anything else. */
export function unbase64(text) {
  if (typeof text !== "string" || !/^[A-Za-z0-9_-]*={0,2}$/.test(text)) {
    throw new Error("not base64url");
  }
  const b64 = text.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Unpadded base64url of `bytes`. */
export function base64(bytes) {
  let binary = "";
  for (const b of new Uint8Array(bytes)) {
    binary += String.fromCharCode(b);
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function equal(a, b) {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function unbase58(text) {
  let n = 0n;
  for (const c of text) {
    const digit = BASE58.indexOf(c);
    if (digit < 0) {
      throw new Error("not base58btc");
    }
    n = n * 58n + BigInt(digit);
  }
  const bytes = [];
  for (; n > 0n; n >>= 8n) {
    bytes.unshift(Number(n & 0xffn));
  }
  const zeros = text.match(/^1*/)[0].length; // each leading "1" is a leading zero byte
  return Uint8Array.from([...new Array(zeros).fill(0), ...bytes]);
}

/** The raw 32-byte Ed25519 public key a did:key names; throws for any other did. */
export function didKeyBytes(did) {
  if (typeof did !== "string" || !did.startsWith("did:key:z")) {
    throw new Error(`not a did:key: ${did}`);
  }
  const raw = unbase58(did.slice("did:key:z".length));
  if (raw.length !== 34 || raw[0] !== ED25519_PUB[0] || raw[1] !== ED25519_PUB[1]) {
    throw new Error(`not an Ed25519 did:key: ${did}`);
  }
  return raw.slice(2);
}
