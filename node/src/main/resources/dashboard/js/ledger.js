// The ledger view: the signed chain head, the latest blocks, and for a chosen block its
// transactions, one of which can be opened with its receipt. It polls the head while shown and
// reloads the blocks when the chain grew.

import * as api from "./api.js";
import { h, replace } from "./dom.js";
import * as fmt from "./format.js";

const PAGE = 12;
const POLL_MS = 5_000;

const when = (ms) => fmt.time(new Date(ms).toISOString(), true);
const code = (full, shown) => h("code", { title: full, text: shown });

export class LedgerView {
  constructor(root) {
    this.root = root;
    this.rows = root.querySelector("#block-rows");
    this.detail = root.querySelector("#block-detail");
    this.status = root.querySelector("#blocks-status");
    this.older = root.querySelector("#blocks-older");
    this.newest = root.querySelector("#blocks-newest");
    this.size = null;
    this.before = null; // null: the newest blocks, following the chain
    this.blocks = [];
    this.selected = null;
    this.timer = null;
    this.older.addEventListener("click", () => this.page(this.blocks[this.blocks.length - 1]));
    this.newest.addEventListener("click", () => this.page(null));
  }

  show() {
    clearInterval(this.timer);
    this.timer = setInterval(() => this.refresh(), POLL_MS);
    this.refresh();
  }

  hide() {
    clearInterval(this.timer);
  }

  async refresh() {
    let head;
    try {
      head = await api.ledgerHead();
    } catch (e) {
      this.say(`Cannot load the chain head: ${e.message}`, true);
      return;
    }
    this.renderHead(head);
    if (head.size !== this.size && this.before === null) {
      this.size = head.size;
      await this.load();
    }
  }

  renderHead(head) {
    const set = (id, ...content) => replace(this.root.querySelector(id), ...content);
    set("#head-height", fmt.count(head.size - 1));
    set("#head-root", code(head.root, fmt.hash(head.root)));
    set("#head-sequencer", code(head.sequencer, fmt.did(head.sequencer)));
    set("#head-supply", fmt.amount(head.totalSupply));
    set("#head-time", when(head.time));
  }

  /** Shows the blocks below `last` (a block shown now), or the newest with null. */
  page(last) {
    this.before = last ? last.height : null;
    this.load();
  }

  async load() {
    let blocks;
    try {
      blocks = await api.blocks(PAGE, this.before);
    } catch (e) {
      this.say(`Cannot load the blocks: ${e.message}`, true);
      return;
    }
    this.blocks = blocks;
    const lowest = blocks.length ? blocks[blocks.length - 1].height : 0;
    this.older.disabled = lowest === 0;
    this.newest.disabled = this.before === null;
    replace(this.rows, blocks.map((b) => this.row(b)));
    const range = blocks.length ? `heights ${lowest}–${blocks[0].height}` : "no blocks";
    this.say(this.before === null ? `Newest first: ${range}.` : `Older blocks: ${range}.`);
  }

  row(block) {
    return h(
      "tr",
      {
        "data-height": block.height,
        class: block.height === this.selected ? "selected" : null,
        tabindex: 0,
        title: `List the transactions of block ${block.height}`,
        onclick: () => this.select(block),
        onkeydown: (e) => e.key === "Enter" && this.select(block),
      },
      h("td", { class: "num", text: String(block.height) }),
      h("td", { class: "when", text: when(block.time) }),
      h("td", { class: "num", text: String(block.txCount) }),
      h("td", {}, code(block.hash, fmt.hash(block.hash))),
    );
  }

  select(block) {
    this.selected = block.height;
    for (const tr of this.rows.rows) {
      tr.classList.toggle("selected", Number(tr.dataset.height) === block.height);
    }
    const txs = block.transactions || [];
    const list = txs.length
      ? h("ul", { class: "tx-list" }, txs.map((t, i) => h(
        "li",
        {},
        h(
          "button",
          { type: "button", class: "tx", "data-tx": t.id, onclick: (e) => this.open(t.id, e) },
          h("span", { class: "tx-index", text: String(i) }),
          h("strong", { class: "tx-op", text: t.op }),
          code(t.account, fmt.did(t.account)),
          code(t.id, fmt.hash(t.id)),
        ),
      )))
      : h("p", { class: "muted", text: block.height === 0
        ? "The genesis block holds no transactions." : "This block holds no transactions." });
    replace(
      this.detail,
      h("h3", { text: `Block ${block.height} · ${txs.length} transaction(s)` }),
      h("dl", { class: "block-fields" },
        [["prev", block.prev], ["txRoot", block.txRoot], ["stateRoot", block.stateRoot]].map(
          ([k, v]) => h("div", {}, h("dt", { text: k }), h("dd", {}, code(v, fmt.hash(v)))),
        ),
        h("div", {}, h("dt", { text: "sequencer" }),
          h("dd", {}, code(block.sequencer, fmt.did(block.sequencer))))),
      list,
      h("div", { id: "tx-detail", class: "tx-detail" }),
    );
  }

  /** Shows one transaction as signed, and its receipt. */
  async open(id, event) {
    for (const b of this.detail.querySelectorAll("button.tx")) {
      b.setAttribute("aria-pressed", String(b === event.currentTarget));
    }
    const out = this.detail.querySelector("#tx-detail");
    replace(out, h("p", { class: "muted", text: "Loading the transaction…" }));
    let answer;
    try {
      answer = await api.transaction(id);
    } catch (e) {
      replace(out, h("p", { class: "error", text: `Cannot load transaction ${id}: ${e.message}` }));
      return;
    }
    replace(
      out,
      h("h4", {}, "Transaction ", code(answer.id, fmt.hash(answer.id))),
      h("pre", { class: "json", "data-part": "transaction",
        text: JSON.stringify(answer.transaction, null, 2) }),
      h("h4", { text: "Receipt" }),
      h("pre", { class: "json", "data-part": "receipt",
        text: answer.receipt ? JSON.stringify(answer.receipt, null, 2) : "none yet" }),
    );
  }

  say(text, error = false) {
    this.status.textContent = text;
    this.status.classList.toggle("error", error);
  }
}
