// One licensed stream, decrypted in the page: each "grant" event is opened with the recipient key
// (HPKE, info msec/grant/v1\n<device>\n<epoch>\n<order>) into that epoch's AES-256-GCM content key;
// each "reading" event is opened with its epoch's key (AAD msec/delivery/v1\n<device>\n<epoch>\n
// <seq>, ct = nonce || ciphertext || tag) into the device's signed form, whose signature is then
// checked against the device's key on the ledger. A sealed device's readings come signed as they
// are, their properties encrypted by the device (AAD msec/sealed/v1\n<device>\n<seq>\n<epoch>).

import * as market from "./market-api.js";
import { unbase64, utf8 } from "./market-bytes.js";
import { open } from "./market-hpke.js";
import { accessToken } from "./market-keys.js";
import { verifySigned } from "./market-signed.js";

const NONCE = 12;
const RECONNECT_MS = 3_000;
const REFUSALS_BEFORE_GIVING_UP = 3; // a license that ended or was revoked is refused for good
const MAX_WAITING = 500; // readings held for a grant that has not come yet

const decoder = new TextDecoder("utf-8", { fatal: true });
const epochId = (device, epoch) => `${device}\n${epoch}`;

async function aesOpen(key, ct, aad) {
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: ct.slice(0, NONCE), additionalData: utf8(aad) }, key, ct.slice(NONCE));
  return new Uint8Array(plain);
}

/**
 * Follows the stream of `order`. `keys` maps each device of the product to the did:key the ledger
 * holds for it. `on.reading({device, seq, time, properties, verified, reason})` hears every reading
 * that opened; `on.failure(reason)` every one that did not; `on.state(state, text)` the connection.
 */
export class LicensedStream {
  constructor({ order, purpose, account, recipient, keys }, on) {
    this.order = order;
    this.purpose = purpose;
    this.account = account;
    this.recipient = recipient;
    this.keys = keys;
    this.on = on;
    this.epochKeys = new Map();
    this.waiting = new Map(); // epoch id -> events that came before their grant
    this.events = null;
    this.closed = false;
    this.grants = 0;
    this.latestEpoch = null;
    this.ready = false;
    this.refusals = 0;
    this.chain = Promise.resolve(); // events are handled one at a time, in arrival order
  }

  async start() {
    if (this.closed) {
      return;
    }
    this.on.state("wait", "connecting");
    const auth = await accessToken(this.account, this.order, this.purpose);
    if (this.closed) {
      return; // closed while the access value was being signed
    }
    const events = market.stream(this.order, this.purpose, auth);
    this.events = events;
    const queue = (handler) => (e) => {
      this.chain = this.chain.then(() => handler.call(this, JSON.parse(e.data)))
        .catch((err) => this.on.failure(`unreadable event: ${err.message}`));
    };
    events.addEventListener("grant", queue(this.grant));
    events.addEventListener("reading", queue(this.reading));
    events.addEventListener("sealed-reading", queue(this.sealedReading));
    // "ready" (its data is the order id, not JSON) follows the grants so far: from then on, every
    // reading published reaches this page.
    events.addEventListener("ready", () => {
      this.chain = this.chain.then(() => {
        this.ready = true;
        this.describe();
      });
    });
    let opened = false;
    events.addEventListener("open", () => {
      opened = true;
      this.refusals = 0;
    });
    events.addEventListener("error", () => {
      // The access value is signed for a time: a reconnection signs a fresh one.
      events.close();
      this.ready = false;
      this.refusals = opened ? 0 : this.refusals + 1;
      if (this.closed) {
        return;
      }
      if (this.refusals >= REFUSALS_BEFORE_GIVING_UP) {
        this.on.state("bad", "the node refuses this stream: has the license ended?");
        return;
      }
      this.on.state("bad", "disconnected; reconnecting");
      setTimeout(() => this.start(), RECONNECT_MS);
    });
  }

  close() {
    this.closed = true;
    if (this.events) {
      this.events.close();
    }
  }

  async grant(g) {
    if (g.order !== this.order) {
      this.on.failure(`a grant of another order (${g.order})`);
      return;
    }
    let raw;
    try {
      const info = `msec/grant/v1\n${g.device}\n${g.epoch}\n${g.order}`;
      raw = await open(unbase64(g.wrapped), this.recipient, info);
    } catch {
      this.on.failure(`the grant of epoch ${g.epoch} does not open with this recipient key`);
      return;
    }
    const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["decrypt"]);
    raw.fill(0);
    const id = epochId(g.device, g.epoch);
    this.epochKeys.set(id, key);
    this.grants += 1;
    this.latestEpoch = g.epoch;
    this.describe();
    const held = this.waiting.get(id) || [];
    this.waiting.delete(id);
    for (const run of held) {
      await run(key);
    }
  }

  describe() {
    const keys = this.grants
      ? `${this.grants} epoch key(s) opened, latest epoch ${this.latestEpoch}`
      : "no epoch key yet";
    if (this.ready) {
      this.on.state("ok", `live: ${keys}`);
    } else {
      this.on.state("wait", `subscribing: ${keys}`);
    }
  }

  /** Runs `use(key)` with the key of an epoch now, or once its grant comes. */
  async withKey(device, epoch, use) {
    const id = epochId(device, epoch);
    const key = this.epochKeys.get(id);
    if (key) {
      await use(key);
      return;
    }
    const held = [...this.waiting.values()].reduce((n, list) => n + list.length, 0);
    if (held >= MAX_WAITING) {
      this.on.failure(`no key for epoch ${epoch}`);
      return;
    }
    this.waiting.set(id, [...(this.waiting.get(id) || []), use]);
  }

  reading(e) {
    return this.withKey(e.device, e.epoch, async (key) => {
      let form;
      try {
        const aad = `msec/delivery/v1\n${e.device}\n${e.epoch}\n${e.seq}`;
        form = JSON.parse(decoder.decode(await aesOpen(key, unbase64(e.ct), aad)));
      } catch {
        this.on.failure(`seq ${e.seq} does not decrypt with the key of epoch ${e.epoch}`);
        return;
      }
      await this.check(form, e.device, e.seq, (payload) => payload.properties);
    });
  }

  async sealedReading(form) {
    const payload = (form && form.payload) || {};
    const sealed = payload.sealed;
    if (!sealed) {
      this.on.failure("a sealed reading without its sealed member");
      return;
    }
    await this.withKey(payload.device, sealed.epoch, async (key) => {
      let inner;
      try {
        const aad = `msec/sealed/v1\n${payload.device}\n${payload.seq}\n${sealed.epoch}`;
        inner = JSON.parse(decoder.decode(await aesOpen(key, unbase64(sealed.ct), aad)));
      } catch {
        this.on.failure(`sealed seq ${payload.seq} does not decrypt with its epoch's key`);
        return;
      }
      await this.check(form, payload.device, payload.seq, () => inner.properties);
    });
  }

  /** Checks the device's signature and that the signed payload is the reading delivered. */
  async check(form, device, seq, properties) {
    const key = this.keys.get(device);
    const verdict = key
      ? await verifySigned(form, key)
      : { ok: false, reason: `${device} is not a device of this license` };
    const payload = (form && form.payload) || {};
    const same = payload.device === device && payload.seq === seq;
    const reason = !verdict.ok ? verdict.reason
      : same ? null : "the signed payload is another reading";
    this.on.reading({
      device,
      seq,
      time: payload.time,
      properties: properties(payload) || {},
      verified: reason === null,
      reason,
    });
  }
}
