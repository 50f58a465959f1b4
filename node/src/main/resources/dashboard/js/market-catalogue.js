// The catalogue: offers as the node lists them (DCAT datasets), searched by keyword, property,
// price and kind, each with its usage policy in words and its provider's reputation.

import { h, replace } from "./dom.js";
import * as fmt from "./format.js";
import * as market from "./market-api.js";
import { buyForm } from "./market-buy.js";
import { KINDS, coverage, policyWords, price } from "./market-words.js";

const code = (full, shown) => h("code", { title: full, text: shown });

function reputationText(score, ranked) {
  if (!score) {
    return "not ranked yet: no sale measured";
  }
  const stars = score.ratings > 0
    ? `${score.ratings} paid rating(s), weighted average ${score.ratingScore.toFixed(1)} of 5`
      + " after the prior of 3"
    : "no paid ratings yet";
  return `score ${score.score.toFixed(2)}, rank ${score.rank} of ${ranked} · ${stars}`;
}

function where(dataset) {
  const box = dataset["dct:spatial"] && dataset["dct:spatial"]["dcat:bbox"];
  if (!box) {
    return "no registered location";
  }
  const [minLon, minLat, maxLon, maxLat] = box;
  const one = minLon === maxLon && minLat === maxLat;
  return one ? fmt.latLon({ lat: minLat, lon: minLon })
    : `${fmt.latLon({ lat: minLat, lon: minLon })} to ${fmt.latLon({ lat: maxLat, lon: maxLon })}`;
}

function field(name, ...value) {
  return h("div", { "data-field": name }, h("dt", { text: name }), h("dd", {}, ...value));
}

function card(d, scores, ranked, keys) {
  const product = d["msec:product"] || {};
  const status = d["msec:status"];
  const units = Number(d["msec:units"]);
  const sold = `${fmt.count(d["msec:sold"])} sold${units ? ` of ${fmt.count(units)}` : ""}`;
  const themes = (d["dcat:theme"] || []).map(fmt.property).join(", ") || "–";
  const score = scores.get(d["dct:publisher"]);
  return h(
    "li",
    { class: "offer", "data-offer": d["dct:identifier"], "data-status": status },
    h("div", { class: "offer-head" },
      h("h3", { class: "offer-title", text: d["dct:title"] }),
      h("span", { class: `chip kind-${product.kind}`, text: KINDS[product.kind] || product.kind }),
      status !== "available" ? h("span", { class: "chip status", text: status }) : null,
      h("strong", { class: "offer-price", "data-price": d["msec:price"],
        text: price(d["msec:price"]) })),
    d["dct:description"] ? h("p", { class: "offer-description", text: d["dct:description"] })
      : null,
    h("dl", { class: "offer-fields" },
      field("data", themes),
      field("covers", coverage(product)),
      field("where", where(d)),
      field("devices", (product.devices || []).map((id) => code(id, fmt.did(id)))),
      field("provider", code(d["dct:publisher"], fmt.did(d["dct:publisher"]))),
      field("reputation", h("span", { class: "reputation", "data-rank": score ? score.rank : 0,
        text: reputationText(score, ranked) })),
      field("sales",
        `${sold} · delivered within ${d["msec:deliveryWindowSeconds"]} s or refunded`)),
    h("ul", { class: "keywords", "aria-label": "keywords" },
      (d["dcat:keyword"] || []).map((k) => h("li", { text: k }))),
    h("ul", { class: "policy", "aria-label": "usage policy" },
      policyWords(d["odrl:hasPolicy"]).map((w) => h("li", {
        "data-term": w.term, class: w.duty ? "duty" : null, text: w.text,
      }))),
    h("div", { class: "offer-foot" },
      h("code", { class: "offer-id", title: d["dct:identifier"],
        text: `offer ${fmt.hash(d["dct:identifier"])}` }),
      status === "available" ? buyForm(d, keys) : null),
  );
}

export class Catalogue {
  constructor(root, keys) {
    this.keys = keys; // {account, recipient} as loaded in the key panel
    this.form = root.querySelector("#market-search");
    this.list = root.querySelector("#offers");
    this.status = root.querySelector("#catalogue-status");
    this.properties = root.querySelector("#market-properties");
    this.generation = 0;
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.load();
    });
  }

  search() {
    const value = (id) => this.form.querySelector(id).value.trim();
    return {
      q: value("#search-q"),
      property: value("#search-property"),
      maxPrice: value("#search-max"),
      kind: value("#search-kind"),
    };
  }

  async load() {
    const generation = ++this.generation;
    const search = this.search();
    this.say("Loading the catalogue…");
    let datasets;
    let ranking;
    try {
      [datasets, ranking] = await Promise.all([market.offers(search), market.reputation()]);
    } catch (e) {
      if (generation === this.generation) {
        this.say(`Cannot load the catalogue: ${e.message}`, true);
      }
      return;
    }
    if (generation !== this.generation) {
      return; // a newer search superseded this one
    }
    const providers = ranking.providers || [];
    const scores = new Map(providers.map((s) => [s.provider, s]));
    replace(this.list, datasets.map((d) => card(d, scores, providers.length, this.keys)));
    this.offerProperties(datasets);
    const filtered = Object.values(search).some(Boolean);
    const n = `${datasets.length} offer(s)`;
    this.say(datasets.length === 0
      ? (filtered ? "No offer matches this search." : "No offer on sale yet.")
      : (filtered ? `${n} match this search.` : `${n} on sale.`));
  }

  /** Suggests the properties the listed offers carry in the property search. */
  offerProperties(datasets) {
    const known = new Set([...this.properties.options].map((o) => o.value));
    for (const d of datasets) {
      for (const p of d["dcat:theme"] || []) {
        if (!known.has(p)) {
          known.add(p);
          this.properties.append(h("option", { value: p, text: fmt.property(p) }));
        }
      }
    }
  }

  say(text, error = false) {
    this.status.textContent = text;
    this.status.classList.toggle("error", error);
  }
}
