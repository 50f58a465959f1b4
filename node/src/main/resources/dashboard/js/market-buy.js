// Buying an offer from its card: the buyer names a purpose (and a region where the policy lists
// some); the page signs a buy transaction with the loaded account key, naming the loaded recipient
// key and the listed price as the most it pays (docs/market.md "Ledger operations").

import { h } from "./dom.js";
import * as fmt from "./format.js";
import { submit } from "./market-ledger.js";
import { policy, price } from "./market-words.js";

const options = (values) => values.map((v) => h("option", { value: v, text: v }));

/**
 * The buy form of DCAT dataset `d`. `keys` are the loaded keys ({account, recipient});
 * `bought(order)` hears of a committed purchase.
 */
export function buyForm(d, keys, bought = () => {}) {
  const terms = policy(d["odrl:hasPolicy"]);
  const purpose = h("select", { class: "buy-purpose" }, options(terms.purposes));
  const region = terms.regions.length
    ? h("select", { class: "buy-region" }, options(terms.regions)) : null;
  const button = h("button", { type: "submit", class: "buy-run",
    text: `Buy for ${price(d["msec:price"])}` });
  const note = h("span", { class: "buy-note", "aria-live": "polite" });
  const form = h("form", { class: "buy controls" },
    h("label", {}, "Purpose", purpose),
    region ? h("label", {}, "Region of use", region) : null,
    button, note);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!keys.account || !keys.recipient) {
      note.textContent = "Load your account key and recipient key first.";
      note.dataset.state = "bad";
      return;
    }
    const args = { offer: d["dct:identifier"], purpose: purpose.value,
      recipient: keys.recipient.x, maxPrice: String(d["msec:price"]) };
    if (region) {
      args.region = region.value;
    }
    button.disabled = true;
    note.textContent = "Signing and submitting…";
    note.dataset.state = "wait";
    try {
      const receipt = await submit(keys.account, "buy", args);
      note.replaceChildren(`Bought: order ${fmt.hash(receipt.tx)} in block ${receipt.height}. `,
        h("a", { href: "#market/purchases", text: "See My purchases" }));
      note.dataset.state = "ok";
      note.dataset.order = receipt.tx;
      bought(receipt.tx);
    } catch (err) {
      note.textContent = `Refused: ${err.message}`;
      note.dataset.state = "bad";
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
