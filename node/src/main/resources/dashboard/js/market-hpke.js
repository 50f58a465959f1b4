// Opening what the node seals with HPKE (RFC 9180) in base mode with the one suite M-Sec uses:
// DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM, empty associated data. A sealed message is
// enc (32 bytes) || ciphertext || tag, as io.msec.market.crypto.Hpke writes it. Web Crypto has no
// HPKE, so the key schedule is built here from X25519, HMAC-SHA256 (for HKDF) and AES-GCM.

import { concat, utf8 } from "./market-bytes.js";

const KEM_ID = 0x0020; // DHKEM(X25519, HKDF-SHA256)
const KDF_ID = 0x0001; // HKDF-SHA256
const AEAD_ID = 0x0002; // AES-256-GCM
const N_ENC = 32;
const N_SECRET = 32;
const N_KEY = 32;
const N_NONCE = 12;
const HASH_LENGTH = 32;
const MODE_BASE = 0x00;
const VERSION = utf8("HPKE-v1");

const i2osp2 = (n) => Uint8Array.of((n >> 8) & 0xff, n & 0xff);
const KEM_SUITE = concat(utf8("KEM"), i2osp2(KEM_ID));
const HPKE_SUITE = concat(utf8("HPKE"), i2osp2(KEM_ID), i2osp2(KDF_ID), i2osp2(AEAD_ID));

async function hmac(key, data) {
  const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false,
    ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, data));
}

/** HKDF-Extract (RFC 5869): an empty salt is HashLen zero bytes, which HMAC treats alike. */
const extract = (salt, ikm) => hmac(salt.length ? salt : new Uint8Array(HASH_LENGTH), ikm);

async function expand(prk, info, length) {
  const out = [];
  let block = new Uint8Array(0);
  for (let i = 1; out.length * HASH_LENGTH < length; i++) {
    block = await hmac(prk, concat(block, info, Uint8Array.of(i)));
    out.push(block);
  }
  return concat(...out).slice(0, length);
}

const labeledExtract = (suite, salt, label, ikm) =>
  extract(salt, concat(VERSION, suite, utf8(label), ikm));

const labeledExpand = (suite, prk, label, info, length) =>
  expand(prk, concat(i2osp2(length), VERSION, suite, utf8(label), info), length);

/** X25519 of `privateKey` (a CryptoKey) with the raw public key `peer`. */
async function dh(privateKey, peer) {
  const pub = await crypto.subtle.importKey("raw", peer, { name: "X25519" }, false, []);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "X25519", public: pub },
    privateKey, 256));
}

/** DHKEM Decap (RFC 9180 §4.1): the shared secret of `enc` for the recipient's key pair. */
async function decap(enc, recipient) {
  const shared = await dh(recipient.privateKey, enc);
  const prk = await labeledExtract(KEM_SUITE, new Uint8Array(0), "eae_prk", shared);
  return labeledExpand(KEM_SUITE, prk, "shared_secret", concat(enc, recipient.publicKey),
    N_SECRET);
}

/** The base-mode key schedule (RFC 9180 §5.1): the AEAD key and base nonce. */
async function keySchedule(sharedSecret, info) {
  const empty = new Uint8Array(0);
  const pskIdHash = await labeledExtract(HPKE_SUITE, empty, "psk_id_hash", empty);
  const infoHash = await labeledExtract(HPKE_SUITE, empty, "info_hash", info);
  const context = concat(Uint8Array.of(MODE_BASE), pskIdHash, infoHash);
  const secret = await labeledExtract(HPKE_SUITE, sharedSecret, "secret", empty);
  const key = await labeledExpand(HPKE_SUITE, secret, "key", context, N_KEY);
  const nonce = await labeledExpand(HPKE_SUITE, secret, "base_nonce", context, N_NONCE);
  return { key, nonce };
}

/**
 * The plaintext of a single-shot HPKE message `sealed` (bytes) for `recipient`
 * ({privateKey: X25519 CryptoKey, publicKey: its 32 raw bytes}) and `info` (text). Rejects when it
 * was sealed to another key or with another info, or was altered.
 */
export async function open(sealed, recipient, info) {
  if (sealed.length <= N_ENC) {
    throw new Error("an HPKE message is longer than its 32-byte enc");
  }
  const enc = sealed.slice(0, N_ENC);
  const shared = await decap(enc, recipient);
  const { key, nonce } = await keySchedule(shared, utf8(info));
  const aead = await crypto.subtle.importKey("raw", key, "AES-GCM", false, ["decrypt"]);
  // The first (sequence 0) message of a context uses the base nonce as it is.
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: nonce }, aead,
    sealed.slice(N_ENC));
  return new Uint8Array(plain);
}
