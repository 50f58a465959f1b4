// The marketplace's terms in words: an ODRL usage policy (the subset of docs/market.md "Usage
// policy"), ISO 8601 durations, products and token amounts.

import * as fmt from "./format.js";

const UNITS = [["Y", "year"], ["M", "month"], ["W", "week"], ["D", "day"]];
const TIME_UNITS = [["H", "hour"], ["M", "minute"], ["S", "second"]];

const plural = (n, word) => `${n} ${word}${Number(n) === 1 ? "" : "s"}`;

/** "P30D" is "30 days", "PT1H30M" is "1 hour 30 minutes"; anything else is shown as it is. */
export function duration(iso) {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/
    .exec(iso || "");
  if (!m || iso === "P" || iso.endsWith("T")) {
    return iso || "–";
  }
  const names = [...UNITS, ...TIME_UNITS].map(([, word]) => word);
  const parts = m.slice(1).map((n, i) => (n ? plural(n, names[i]) : null)).filter(Boolean);
  return parts.join(" ");
}

/** "a", "a or b", "a, b or c". */
function either(list) {
  if (list.length <= 1) {
    return list.join("");
  }
  return `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`;
}

/**
 * The usage policy as {purposes, validity, regions, noResale, attribution} read from its ODRL
 * form; members it does not state are null.
 */
export function policy(odrl) {
  const permission = ((odrl && odrl.permission) || [])[0] || {};
  const constraint = (left) => (permission.constraint || []).find((c) => c.leftOperand === left);
  const purpose = constraint("purpose");
  const elapsed = constraint("elapsedTime");
  const spatial = constraint("spatial");
  const duty = (permission.duty || []).find((d) => d.action === "attribute");
  return {
    purposes: purpose ? [].concat(purpose.rightOperand) : [],
    validity: elapsed ? elapsed.rightOperand : "P30D", // the default of docs/market.md
    regions: spatial ? [].concat(spatial.rightOperand) : [],
    noResale: ((odrl && odrl.prohibition) || []).some((p) => p.action === "distribute"),
    attribution: duty ? duty.attributedParty : null,
  };
}

/**
 * The policy as short sentences, one per term: [{term, text, duty}], `duty` when the term asks
 * something of the buyer (a prohibition or an obligation) rather than allowing it.
 */
export function policyWords(odrl) {
  const p = policy(odrl);
  const purposes = p.purposes.map((x) => x.replace(/[-_]+/g, " "));
  return [
    { term: "purpose", text: `Use for ${either(purposes) || "no stated purpose"} only` },
    { term: "validity", text: `License valid ${duration(p.validity)} after purchase` },
    {
      term: "regions",
      text: p.regions.length ? `Use only in ${either(p.regions)}` : "Use anywhere",
    },
    {
      term: "resale",
      text: p.noResale ? "No resale or redistribution" : "Resale allowed",
      duty: p.noResale,
    },
    p.attribution
      ? { term: "attribution", text: `Attribute: “${p.attribution}”`, duty: true }
      : { term: "attribution", text: "No attribution required" },
  ];
}

export const KINDS = { stream: "Live stream", history: "History", dataset: "Dataset" };

/** What a product covers in time: "every reading for 7 days from purchase", or a window. */
export function coverage(product) {
  if (!product) {
    return "–";
  }
  if (product.kind === "stream") {
    return `every reading for ${duration(product.period)} from purchase`;
  }
  return `readings from ${fmt.time(product.from)} to ${fmt.time(product.to)}`;
}

/** A price in tokens: "0" is "free". */
export function price(amount) {
  if (String(amount) === "0") {
    return "free";
  }
  return `${fmt.amount(amount)} ${String(amount) === "1" ? "token" : "tokens"}`;
}

/** A time in milliseconds since 1970 as the dashboard shows times. */
export const when = (ms) => (ms ? fmt.time(new Date(ms).toISOString()) : "–");
