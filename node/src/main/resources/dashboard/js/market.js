// The market view: the buyer's keys, loaded from files into this page's memory only, and three
// pages chosen by the fragment: the catalogue (#market), my purchases (#market/purchases) and my
// sales and earnings (#market/sales).

import { Catalogue } from "./market-catalogue.js";
import { Earnings } from "./market-earnings.js";
import * as fmt from "./format.js";
import { accountKey, recipientKey } from "./market-keys.js";
import { Purchases } from "./market-purchases.js";

const PAGES = ["catalogue", "purchases", "sales"];

export class MarketView {
  constructor(root) {
    this.root = root;
    this.keys = { account: null, recipient: null };
    this.catalogue = new Catalogue(root, this.keys);
    this.purchases = new Purchases(root, this.keys);
    this.earnings = new Earnings(root);
    this.page = null;
    this.keyInput("#account-key-file", "#account-key-state", (text) => this.loadAccount(text));
    this.keyInput("#recipient-key-file", "#recipient-key-state",
      (text) => this.loadRecipient(text));
  }

  keyInput(inputId, stateId, load) {
    const input = this.root.querySelector(inputId);
    const state = this.root.querySelector(stateId);
    input.addEventListener("change", async () => {
      const file = input.files[0];
      if (!file) {
        return;
      }
      try {
        const text = await file.text();
        state.textContent = await load(text);
        state.dataset.state = "ok";
      } catch (e) {
        state.textContent = `${file.name}: ${e.message}`;
        state.dataset.state = "bad";
      } finally {
        input.value = ""; // the page keeps the imported key only, not the file's text
      }
    });
  }

  async loadAccount(text) {
    this.keys.account = await accountKey(text);
    this.purchases.closeStream();
    this.earnings.setAccount(this.keys.account.did);
    this.refresh();
    return `account ${fmt.did(this.keys.account.did)}`;
  }

  async loadRecipient(text) {
    this.keys.recipient = await recipientKey(text);
    this.purchases.closeStream();
    this.refresh();
    return `recipient ${this.keys.recipient.x.slice(0, 10)}…`;
  }

  /** Shows the page the fragment names ("#market/purchases"): the catalogue by default. */
  show(hash) {
    const page = PAGES.find((p) => hash === `#market/${p}`) || "catalogue";
    this.page = page;
    for (const p of PAGES) {
      this.root.querySelector(`#market-${p}`).hidden = p !== page;
      const link = this.root.querySelector(`#subtab-${p}`);
      if (p === page) {
        link.setAttribute("aria-current", "page");
      } else {
        link.removeAttribute("aria-current");
      }
    }
    this.refresh();
  }

  refresh() {
    if (this.page === "catalogue") {
      this.catalogue.load();
    } else if (this.page === "purchases") {
      this.purchases.load();
    } else if (this.page === "sales") {
      this.earnings.load();
    }
  }
}
