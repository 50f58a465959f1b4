// "My purchases": the orders of the loaded account with their escrow and license, the live,
// decrypted and verified readings of a stream order, and the opening of a history or dataset
// bundle. Keys come from the key panel and never leave the page.

import * as api from "./api.js";
import { h, replace } from "./dom.js";
import * as fmt from "./format.js";
import * as market from "./market-api.js";
import { openBundle } from "./market-bundle.js";
import { drawLive } from "./market-chart.js";
import { accessToken } from "./market-keys.js";
import { submit } from "./market-ledger.js";
import { LicensedStream } from "./market-stream.js";
import { KINDS, coverage, price, when } from "./market-words.js";

const SHOWN_READINGS = 12;
const KEPT_POINTS = 5_000; // a stream left open for days keeps its newest points only
const code = (full, shown) => h("code", { title: full, text: shown });

function validity(o) {
  const l = o.license;
  if (l.revoked) {
    return `revoked ${when(l.revoked)}`;
  }
  return o.valid ? `valid until ${when(l.validUntil)}` : `ended ${when(l.validUntil)}`;
}

function values(properties) {
  return Object.entries(properties)
    .map(([n, q]) => `${fmt.property(n)} ${fmt.value(q.value)} ${fmt.unit(q.unit)}`.trim())
    .join(" · ");
}

export class Purchases {
  constructor(root, keys) {
    this.keys = keys; // {account, recipient} as loaded in the key panel
    this.rows = root.querySelector("#order-rows");
    this.status = root.querySelector("#purchases-status");
    this.live = root.querySelector("#live-panel");
    this.liveTitle = root.querySelector("#live-title");
    this.liveState = root.querySelector("#live-state");
    this.liveProperty = root.querySelector("#live-property");
    this.liveSvg = root.querySelector("#live-chart");
    this.liveList = root.querySelector("#live-readings");
    this.verifiedCount = root.querySelector("#live-verified");
    this.failureCount = root.querySelector("#live-failures");
    this.lastFailure = root.querySelector("#live-last-failure");
    this.stream = null;
    this.openings = 0;
    this.points = [];
    this.failures = 0;
    this.liveProperty.addEventListener("change", () => this.redraw());
    window.addEventListener("resize", () => this.stream && this.redraw());
  }

  async load() {
    const { account } = this.keys;
    if (!account) {
      replace(this.rows);
      this.say("Load your account key to list your orders.");
      return;
    }
    this.say("Loading your orders…");
    let orders;
    try {
      orders = await market.orders(account.did);
    } catch (e) {
      this.say(`Cannot load your orders: ${e.message}`, true);
      return;
    }
    orders.sort((a, b) => b.license.validFrom - a.license.validFrom
      || a.order.localeCompare(b.order)); // newest first, in a stable order
    replace(this.rows, orders.map((o) => this.row(o)));
    this.say(orders.length ? `${orders.length} order(s) of ${fmt.did(account.did)}.`
      : `${fmt.did(account.did)} has bought nothing yet.`);
  }

  row(o) {
    const l = o.license;
    const product = l.product;
    const escrow = o.escrow;
    const isStream = product.kind === "stream";
    const action = h("button", {
      type: "button",
      class: "order-action",
      text: isStream ? "Open stream" : "Fetch bundle",
      onclick: (e) => (isStream ? this.open(o) : this.fetchBundle(o, e.currentTarget)),
    });
    return h(
      "tr",
      { "data-order": o.order, "data-kind": product.kind },
      h("td", {}, code(o.order, fmt.hash(o.order)),
        h("span", { class: "sub", text: `from ${fmt.did(o.provider)}` })),
      h("td", {}, h("strong", { text: KINDS[product.kind] }),
        h("span", { class: "sub", text: coverage(product) })),
      h("td", { "data-field": "purpose" }, l.purpose,
        h("span", { class: "sub", text: l.region ? `in ${l.region}` : "anywhere" })),
      h("td", { "data-field": "escrow", "data-state": escrow.state === "held" ? "wait"
        : escrow.state === "settled" ? "ok" : "bad" },
      `${escrow.state} · ${price(escrow.amount)}`,
      escrow.reason ? h("span", { class: "sub", text: escrow.reason }) : null),
      h("td", { "data-field": "validity", text: validity(o) }),
      h("td", {}, o.valid ? action : null, h("span", { class: "sub bundle-result" })),
    );
  }

  /** The did:key the ledger holds for each device of `product`. */
  async deviceKeys(product) {
    const records = await api.devices();
    const keys = new Map();
    for (const r of records) {
      if (product.devices.includes(r.id)) {
        keys.set(r.id, r.key || r.id);
      }
    }
    return keys;
  }

  usable(o) {
    const { account, recipient } = this.keys;
    if (!account || !recipient) {
      return "Load both your account key and your recipient key first.";
    }
    if (o.license.recipient !== recipient.x) {
      return "This order was bought for another recipient key: load that one.";
    }
    return null;
  }

  async open(o) {
    const why = this.usable(o);
    if (why) {
      this.say(why, true);
      return;
    }
    this.closeStream();
    const opening = ++this.openings;
    this.points = [];
    this.failures = 0;
    this.live.hidden = false;
    this.live.dataset.order = o.order;
    replace(this.liveList);
    replace(this.liveProperty);
    this.counts();
    this.liveTitle.textContent = `Live readings of order ${fmt.hash(o.order)}`;
    let keys;
    try {
      keys = await this.deviceKeys(o.license.product);
    } catch (e) {
      this.setState("bad", `cannot load the devices' keys: ${e.message}`);
      return;
    }
    if (opening !== this.openings) {
      return; // another order was opened meanwhile
    }
    this.stream = new LicensedStream(
      { order: o.order, purpose: o.license.purpose, account: this.keys.account,
        recipient: this.keys.recipient, keys },
      {
        state: (state, text) => this.setState(state, text),
        reading: (r) => this.reading(r),
        failure: (reason) => this.failure(reason),
      },
    );
    this.redraw();
    this.stream.start();
  }

  /** Stops the live stream: another order is opened, or the keys changed. */
  closeStream() {
    if (this.stream) {
      this.stream.close();
      this.stream = null;
      this.setState("bad", "closed");
    }
  }

  setState(state, text) {
    this.liveState.dataset.state = state;
    this.liveState.textContent = text;
  }

  reading(r) {
    for (const name of Object.keys(r.properties)) {
      if (![...this.liveProperty.options].some((opt) => opt.value === name)) {
        this.liveProperty.append(h("option", { value: name, text: fmt.property(name) }));
      }
    }
    if (!r.verified) {
      this.failure(`seq ${r.seq}: ${r.reason}`);
    }
    this.points.push(r);
    this.points.sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || a.seq - b.seq);
    if (this.points.length > KEPT_POINTS) {
      this.points.splice(0, this.points.length - KEPT_POINTS);
    }
    this.liveList.prepend(h(
      "li",
      { "data-seq": r.seq, "data-verified": String(r.verified), title: r.reason || "verified" },
      h("span", { class: "mark", text: r.verified ? "✓" : "✗" }),
      h("span", { class: "seq", text: `seq ${r.seq}` }),
      h("span", { class: "when", title: fmt.time(r.time, true),
        text: r.time ? r.time.slice(11, 19) : "–" }),
      h("span", { class: "values", text: values(r.properties) }),
    ));
    while (this.liveList.children.length > SHOWN_READINGS) {
      this.liveList.lastElementChild.remove();
    }
    this.counts();
    this.redraw();
  }

  failure(reason) {
    this.failures += 1;
    this.lastFailure.textContent = reason;
    this.counts();
  }

  counts() {
    this.verifiedCount.textContent = fmt.count(this.points.filter((p) => p.verified).length);
    this.failureCount.textContent = fmt.count(this.failures);
    this.failureCount.classList.toggle("error", this.failures > 0);
    this.lastFailure.classList.toggle("error", this.failures > 0);
    if (this.failures === 0) {
      this.lastFailure.textContent = "none";
    }
  }

  redraw() {
    const name = this.liveProperty.value;
    const points = this.points
      .filter((p) => p.properties[name] && typeof p.properties[name].value === "number")
      .map((p) => ({ t: Date.parse(p.time), v: p.properties[name].value, seq: p.seq,
        verified: p.verified }));
    const unit = points.length ? this.points.find((p) => p.properties[name]).properties[name].unit
      : null;
    drawLive(this.liveSvg, { points, label: name ? fmt.property(name) : "", unit });
  }

  async fetchBundle(o, button) {
    const out = button.parentElement.querySelector(".bundle-result");
    const why = this.usable(o);
    if (why) {
      out.textContent = why;
      return;
    }
    button.disabled = true;
    out.textContent = "Fetching and opening the bundle…";
    out.dataset.state = "wait";
    try {
      const auth = await accessToken(this.keys.account, o.order, o.license.purpose);
      const sealed = await market.bundle(o.order, o.license.purpose, auth);
      const keys = await this.deviceKeys(o.license.product);
      const report = await openBundle(sealed, this.keys.recipient, o.order, keys);
      const all = report.failures.length === 0;
      out.dataset.state = all ? "ok" : "bad";
      out.dataset.readings = report.readings;
      out.dataset.verified = report.verified;
      out.dataset.proved = report.proved;
      out.textContent = all
        ? `${report.readings} readings of ${report.devices.size} device(s): all signatures and `
          + "ledger proofs verify"
        : `${report.failures.length} check(s) of ${report.readings} readings fail: `
          + `#${report.failures[0].index} ${report.failures[0].reason}`;
      if (all && o.escrow.state === "held") {
        out.after(this.acknowledgeButton(o));
      }
    } catch (e) {
      out.dataset.state = "bad";
      out.textContent = `Cannot open the bundle: ${e.message}`;
    } finally {
      button.disabled = false;
    }
  }

  /** Settles the order: the buyer's word that the bundle arrived and checked out. */
  acknowledgeButton(o) {
    const button = h("button", {
      type: "button",
      class: "acknowledge",
      text: `Acknowledge: pay ${price(o.escrow.amount)}`,
      title: "Sign a settle transaction that releases the escrow to the provider",
    });
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const receipt = await submit(this.keys.account, "settle", { order: o.order });
        await this.load();
        this.say(`Order ${fmt.hash(o.order)} settled in block ${receipt.height}.`);
      } catch (e) {
        button.disabled = false;
        this.say(`Cannot settle order ${fmt.hash(o.order)}: ${e.message}`, true);
      }
    });
    return button;
  }

  say(text, error = false) {
    this.status.textContent = text;
    this.status.classList.toggle("error", error);
  }
}
