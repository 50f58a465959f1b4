// The buyer's two keys, read from the JWK files the M-Sec tools write, imported into Web Crypto as
// non-extractable keys: they stay in this page's memory and are never sent anywhere. The account
// key (Ed25519, io.msec.core.KeyFile) signs access headers; the recipient key (X25519,
// io.msec.market.crypto.RecipientKey) opens grants and bundles.

import { base64, didKeyBytes, equal, unbase64, utf8 } from "./market-bytes.js";

const ACCESS_DOMAIN = "msec-market-access/v1";
const X25519_BASE_POINT = Uint8Array.of(9, ...new Array(31).fill(0));

function parseJwk(text, curve) {
  let jwk;
  try {
    jwk = JSON.parse(text);
  } catch {
    throw new Error("the file is not JSON");
  }
  if (!jwk || jwk.kty !== "OKP" || jwk.crv !== curve || typeof jwk.d !== "string"
    || typeof jwk.x !== "string") {
    throw new Error(`not an ${curve} key file: expected {"kty":"OKP","crv":"${curve}","x","d"}`);
  }
  if (unbase64(jwk.d).length !== 32 || unbase64(jwk.x).length !== 32) {
    throw new Error("x and d are 32 bytes each");
  }
  return jwk;
}

/**
 * The account of an Ed25519 key file: {did, sign(bytes)}. Refuses a file whose did does not name
 * its x, or whose d does not sign for x.
 */
export async function accountKey(text) {
  const jwk = parseJwk(text, "Ed25519");
  const x = unbase64(jwk.x);
  if (typeof jwk.did !== "string") {
    throw new Error("the file names no did");
  }
  if (!equal(didKeyBytes(jwk.did), x)) {
    throw new Error("the file names a did that is not its key");
  }
  const did = jwk.did;
  const clean = { kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d };
  const privateKey = await crypto.subtle.importKey("jwk", clean, "Ed25519", false, ["sign"]);
  const publicKey = await crypto.subtle.importKey("raw", x, "Ed25519", false, ["verify"]);
  const probe = utf8("msec key check");
  const sig = await crypto.subtle.sign("Ed25519", privateKey, probe);
  if (!(await crypto.subtle.verify("Ed25519", publicKey, sig, probe))) {
    throw new Error("the file's d is not the private half of its x");
  }
  const sign = async (bytes) => new Uint8Array(await crypto.subtle.sign("Ed25519", privateKey,
    bytes));
  return { did, sign };
}

/**
 * The recipient key of an X25519 key file: {privateKey, publicKey (raw bytes), x (base64url)}.
 * Refuses a file whose x is not the public half of its d.
 */
export async function recipientKey(text) {
  const jwk = parseJwk(text, "X25519");
  const clean = { kty: "OKP", crv: "X25519", x: jwk.x, d: jwk.d };
  const privateKey = await crypto.subtle.importKey("jwk", clean, { name: "X25519" }, false,
    ["deriveBits"]);
  // X25519(d, 9) is the public key of d: a check that x belongs to d without exporting d.
  const base = await crypto.subtle.importKey("raw", X25519_BASE_POINT, { name: "X25519" }, false,
    []);
  const derived = new Uint8Array(await crypto.subtle.deriveBits({ name: "X25519", public: base },
    privateKey, 256));
  const publicKey = unbase64(jwk.x);
  if (!equal(derived, publicKey)) {
    throw new Error("the file's x is not the public half of its d");
  }
  return { privateKey, publicKey, x: base64(publicKey) };
}

/**
 * The signed access value of docs/market.md "Access checks", `MSec <did> <millis>.<sig>`, for a
 * delivery call on `order` for `purpose` (io.msec.market.crypto.AccessToken).
 */
export async function accessToken(account, order, purpose, millis = Date.now()) {
  const text = `${ACCESS_DOMAIN}\n${order}\n${purpose}\n${millis}`;
  const sig = await account.sign(utf8(text));
  return `MSec ${account.did} ${millis}.${base64(sig)}`;
}
