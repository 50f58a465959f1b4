// "My sales and earnings": a provider's sales with the tokens settled, still held in escrow and
// refunded, its balance, and the orders behind them.

import { h, replace } from "./dom.js";
import * as fmt from "./format.js";
import * as market from "./market-api.js";
import { KINDS, when } from "./market-words.js";

const code = (full, shown) => h("code", { title: full, text: shown });
const tokens = (n) => `${fmt.amount(n)} ${String(n) === "1" ? "token" : "tokens"}`;
const FIGURES = [
  ["sales", "Sales", (n) => fmt.count(n)],
  ["settled", "Settled to you", tokens],
  ["held", "Held in escrow", tokens],
  ["refunded", "Refunded", tokens],
  ["balance", "Balance", tokens],
];

function row(o) {
  const l = o.license;
  return h(
    "tr",
    { "data-order": o.order },
    h("td", {}, code(o.order, fmt.hash(o.order))),
    h("td", { class: "when", text: when(l.validFrom) }),
    h("td", {}, code(o.buyer, fmt.did(o.buyer))),
    h("td", { text: `${KINDS[l.product.kind]} · ${l.purpose}`
      + (l.region ? ` in ${l.region}` : "") }),
    h("td", { class: "num", text: fmt.amount(o.escrow.amount) }),
    h("td", { "data-field": "state", text: o.escrow.reason
      ? `${o.escrow.state} (${o.escrow.reason})` : o.escrow.state }),
    h("td", { text: o.rating ? `${o.rating.score} of 5` : "–" }),
  );
}

export class Earnings {
  constructor(root) {
    this.form = root.querySelector("#earnings-form");
    this.input = root.querySelector("#earnings-did");
    this.figures = root.querySelector("#earnings-figures");
    this.rows = root.querySelector("#sale-rows");
    this.status = root.querySelector("#earnings-status");
    this.input.addEventListener("input", () => {
      this.input.dataset.fromKey = "false";
    });
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.load();
    });
  }

  /** Proposes the loaded account, unless someone typed another did. */
  setAccount(did) {
    if (!this.input.value || this.input.dataset.fromKey === "true") {
      this.input.value = did || "";
      this.input.dataset.fromKey = "true";
    }
  }

  async load() {
    const did = this.input.value.trim();
    if (!did) {
      this.say("Type a did:key, or load your account key.");
      return;
    }
    this.say(`Loading the sales of ${fmt.did(did)}…`);
    let e;
    try {
      e = await market.earnings(did);
    } catch (err) {
      this.say(`Cannot load the sales of ${fmt.did(did)}: ${err.message}`, true);
      return;
    }
    replace(this.figures, FIGURES.map(([key, label, show]) => h(
      "div",
      { "data-field": key },
      h("dt", { text: label }),
      h("dd", { "data-value": e[key], text: show(e[key]) }),
    )));
    replace(this.rows, (e.orders || []).map(row));
    this.say(e.sales ? `${fmt.count(e.sales)} sale(s) by ${fmt.did(did)}.`
      : `${fmt.did(did)} has sold nothing yet.`);
  }

  say(text, error = false) {
    this.status.textContent = text;
    this.status.classList.toggle("error", error);
  }
}
