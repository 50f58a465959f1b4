// "Verify a reading": fetches the proof of one stored reading, shows its links from the reading up
// to the signed head, and asks the node to check it, as it came or with one value tampered with.
// The node's verdict is a convenience: the check that counts runs offline against a pinned head.

import * as api from "./api.js";
import { h, replace } from "./dom.js";
import * as fmt from "./format.js";
import { LINKS, hashes, linkState, tamper } from "./proof.js";

const MARKS = { ok: "✓", failed: "✗", unchecked: "–", pending: "…" };

const code = (full, shown) => h("code", { title: full, text: shown });
const when = (ms) => fmt.time(new Date(ms).toISOString(), true);

function readingValues(reading, change) {
  const values = Object.entries(reading.properties || {})
    .map(([n, q]) => `${fmt.property(n)} ${fmt.value(q.value)} ${fmt.unit(q.unit)}`.trim())
    .join(" · ");
  const rows = [
    ["device", code(reading.device, fmt.did(reading.device))],
    ["seq", String(reading.seq)],
    ["observed", fmt.time(reading.time, true)],
    ["values", values || "none"],
  ];
  if (change) {
    const label = change.name === "time" ? "time" : fmt.property(change.name);
    rows.push(["tampered", h("mark", { text: `${label} ${change.from} → ${change.to}` })]);
  }
  return rows;
}

/** The values each link of `proof` rests on, as [label, text or element] rows. */
function linkValues(proof, ids, change) {
  const args = proof.tx.args || {};
  const header = proof.block.header;
  const head = proof.head;
  return {
    reading: readingValues(proof.reading, change),
    batch: [
      ["leaf", `index ${proof.batch.index} of ${args.count} leaves`],
      ["root", code(args.root, fmt.hash(args.root))],
      ["path", `${proof.batch.path.length} sibling hashes`],
    ],
    anchor: [
      ["id", ids.txId ? code(ids.txId, fmt.hash(ids.txId)) : "–"],
      ["signer", code(proof.tx.account, fmt.did(proof.tx.account))],
      ["range", `seq ${args.from}–${args.to}, ${args.count} readings`],
    ],
    block: [
      ["height", String(header.height)],
      ["time", when(header.time)],
      ["position", `index ${proof.block.index} of ${header.txCount} transactions`],
      ["hash", ids.blockHash ? code(ids.blockHash, fmt.hash(ids.blockHash)) : "–"],
    ],
    head: [
      ["size", `${head.size} blocks`],
      ["root", code(head.root, fmt.hash(head.root))],
      ["signed", when(head.time)],
      ["by", code(head.sequencer, fmt.did(head.sequencer))],
    ],
  };
}

function linkItem(link, rows, state) {
  return h(
    "li",
    { class: "proof-step", "data-link": link.id, "data-check": state },
    h(
      "div",
      { class: "step-head" },
      h("span", { class: "step-mark", "aria-label": state, text: MARKS[state] }),
      h("strong", { text: link.title }),
      h("span", { class: "step-claim", text: link.claim }),
    ),
    h("dl", { class: "step-values" }, rows.map(([k, v]) => h("div", {}, h("dt", { text: k }),
      h("dd", {}, v)))),
  );
}

export class Verifier {
  constructor(root) {
    this.deviceSelect = root.querySelector("#verify-device");
    this.seqInput = root.querySelector("#verify-seq");
    this.tamperBox = root.querySelector("#verify-tamper");
    this.status = root.querySelector("#verify-status");
    this.verdict = root.querySelector("#verdict");
    this.steps = root.querySelector("#proof-steps");
    this.downloads = root.querySelector("#proof-downloads");
    this.devices = new Map();
    this.deviceId = null;
    this.proof = null;
    this.ids = null;
    this.generation = 0;
    this.urls = [];
    root.querySelector("#verify-form").addEventListener("submit", (e) => {
      e.preventDefault();
      this.verify();
    });
    this.deviceSelect.addEventListener("change", () => this.choose(this.deviceSelect.value));
    this.tamperBox.addEventListener("change", () => this.proof && this.check());
  }

  /** Takes a fresh device list; keeps the chosen device if it still exists. */
  setDevices(devices) {
    this.devices = new Map(devices.map((d) => [d.id, d]));
    replace(this.deviceSelect, devices.map((d) => h("option", { value: d.id, text: d.name })));
    for (const control of [this.deviceSelect, this.seqInput]) {
      control.disabled = devices.length === 0;
    }
    if (devices.length === 0) {
      this.say("No devices registered yet: there is no reading to verify.");
      return;
    }
    if (this.devices.has(this.deviceId)) {
      this.deviceSelect.value = this.deviceId;
      return;
    }
    this.choose((devices.find((d) => d.lastSeq > 0) || devices[0]).id);
  }

  /** The view is shown: proposes a fresh sequence number unless a proof is on screen. */
  shown() {
    if (!this.proof && this.deviceId) {
      this.choose(this.deviceId);
    }
  }

  /** Picks `id` and proposes its newest anchored reading (its last one once that is anchored). */
  async choose(id) {
    this.deviceId = id;
    this.deviceSelect.value = id;
    const device = this.devices.get(id);
    let list;
    try {
      list = await api.anchors(id);
    } catch (e) {
      this.say(`Cannot load the anchors of ${device.name}: ${e.message}`, true);
      return;
    }
    if (id !== this.deviceId) {
      return;
    }
    const anchored = Math.max(0, ...list.map((a) => a.to));
    if (anchored === 0) {
      this.seqInput.value = device.lastSeq || "";
      this.say(`No reading of ${device.name} is anchored yet, so none can be proven.`);
      return;
    }
    this.seqInput.value = device.lastSeq && device.lastSeq <= anchored ? device.lastSeq : anchored;
    const waiting = device.lastSeq > anchored
      ? `; seq ${anchored + 1}–${device.lastSeq} wait for the next anchor` : "";
    this.say(`${device.name}: readings up to seq ${anchored} are anchored `
      + `(${list.length} anchors)${waiting}.`);
  }

  /** Fetches the proof of the chosen reading, then has it checked. */
  async verify() {
    const device = this.devices.get(this.deviceId);
    const seq = Number(this.seqInput.value);
    if (!device || !Number.isInteger(seq) || seq < 1) {
      this.say("Choose a device and a sequence number of 1 or more.", true);
      return;
    }
    const generation = ++this.generation;
    this.say(`Fetching the proof of seq ${seq} of ${device.name}…`);
    let proof;
    try {
      proof = await api.readingProof(device.id, seq);
    } catch (e) {
      if (generation === this.generation) {
        this.clear();
        this.say(`No proof of seq ${seq} of ${device.name}: ${e.message}`, true);
      }
      return;
    }
    const ids = await hashes(proof);
    if (generation !== this.generation) {
      return; // a newer request superseded this one
    }
    this.proof = proof;
    this.ids = ids;
    const size = proof.head.size;
    this.say(`Proof of seq ${seq} of ${device.name}, built on a head of ${size} blocks.`);
    await this.check();
  }

  /** Posts the proof, tampered with if asked, to the node's checker and shows its verdict. */
  async check() {
    const generation = ++this.generation;
    const { proof, change } = this.tamperBox.checked
      ? tamper(this.proof) : { proof: this.proof, change: null };
    const text = JSON.stringify(proof, null, 2);
    this.offer(text, proof.head, change);
    this.render(proof, change, null);
    this.showVerdict(null);
    let verdict;
    try {
      verdict = await api.checkProof(text);
    } catch (e) {
      const message = `the node did not check it: ${e.message}`;
      verdict = { valid: false, failedStep: null, unchecked: true, message };
    }
    if (generation === this.generation) {
      this.render(proof, change, verdict);
      this.showVerdict(verdict, proof);
    }
  }

  render(proof, change, verdict) {
    const values = linkValues(proof, this.ids, change);
    replace(this.steps, LINKS.map((link) => {
      const state = verdict ? linkState(link, verdict) : "pending";
      return linkItem(link, values[link.id], state);
    }));
  }

  /** What a valid proof proves, in words: the node's own message names ids only. */
  proven(proof) {
    const device = this.devices.get(proof.reading.device);
    const name = device ? device.name : fmt.did(proof.reading.device);
    return `reading ${proof.reading.seq} of ${name} is in block ${proof.block.header.height}, `
      + `under the signed head of ${proof.head.size} blocks`;
  }

  showVerdict(verdict, proof) {
    this.verdict.hidden = false;
    if (!verdict) {
      this.verdict.dataset.valid = "";
      replace(this.verdict, h("strong", { text: "Checking…" }));
      return;
    }
    this.verdict.dataset.valid = String(verdict.valid);
    this.verdict.dataset.failedStep = verdict.failedStep || "";
    const step = verdict.failedStep ? ` at step “${verdict.failedStep}”` : "";
    const word = verdict.unchecked ? "NOT CHECKED" : verdict.valid ? "VALID" : "INVALID";
    const failed = !verdict.valid && !verdict.unchecked;
    const why = failed ? `failed${step}: ${verdict.message}` : verdict.message;
    replace(
      this.verdict,
      h("strong", { class: "verdict-word", text: word }),
      h("span", { class: "verdict-why", title: verdict.message,
        text: verdict.valid ? this.proven(proof) : why }),
    );
  }

  /** Offers the proof as checked, and the head it is built on, as files to check offline. */
  offer(text, head, change) {
    this.urls.forEach((u) => URL.revokeObjectURL(u));
    const url = (t) => URL.createObjectURL(new Blob([t], { type: "application/json" }));
    this.urls = [url(text), url(JSON.stringify(head, null, 2))];
    const [proofLink, headLink] = this.downloads.querySelectorAll("a");
    proofLink.href = this.urls[0];
    proofLink.textContent = change ? "proof.json (tampered)" : "proof.json";
    headLink.href = this.urls[1];
    this.downloads.hidden = false;
  }

  clear() {
    this.proof = null;
    this.verdict.hidden = true;
    this.downloads.hidden = true;
    replace(this.steps);
  }

  say(text, error = false) {
    this.status.textContent = text;
    this.status.classList.toggle("error", error);
  }
}
