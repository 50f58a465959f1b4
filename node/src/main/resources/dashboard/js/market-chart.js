// Draws the decrypted readings of a licensed stream as they come: one property over time, every
// point marked as verified (the device's signature holds) or not. Pure drawing: keeps no state.

import { replace, s } from "./dom.js";
import * as fmt from "./format.js";
import { niceTicks, timeLabel, timeTicks } from "./ticks.js";

const H = 280;
const PAD = { top: 24, right: 24, bottom: 40, left: 64 };
const MIN_SPAN_MS = 20_000;
// A live stream spans seconds to minutes: steps below the minute that ticks.js does not offer.
const SECOND_STEPS = [1, 2, 5, 10, 15, 30].map((s) => s * 1000);

function width(svg) {
  return Math.max(480, Math.round(svg.getBoundingClientRect().width) || 800);
}

function domain(points) {
  const values = points.map((p) => p.v);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi === lo) {
    hi = lo + Math.max(1, Math.abs(lo) * 0.1);
    lo -= Math.max(1, Math.abs(lo) * 0.1);
  }
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

/** About `count` labelled instants in [from, to], to the second when the span is short. */
function timeAxis(from, to, count) {
  const raw = (to - from) / Math.max(1, count);
  const step = SECOND_STEPS.find((st) => st >= raw);
  if (!step) {
    const ticks = timeTicks(from, to, count);
    return ticks.ticks.map((t, i) => ({ t, text: timeLabel(t, ticks.step, i === 0) }));
  }
  const out = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    out.push({ t, text: new Date(t).toISOString().slice(11, 19) });
  }
  return out;
}

function axes(f, y0, y1, from, to, title) {
  const out = [];
  for (const v of niceTicks(y0, y1, 5)) {
    out.push(s("line", { class: "grid", x1: f.left, x2: f.right, y1: f.y(v), y2: f.y(v) }));
    out.push(s("text", { class: "tick", x: f.left - 8, y: f.y(v) + 4, "text-anchor": "end",
      text: fmt.value(v) }));
  }
  for (const { t, text } of timeAxis(from, to, Math.round((f.right - f.left) / 110))) {
    out.push(s("line", { class: "tick-mark", x1: f.x(t), x2: f.x(t), y1: f.bottom,
      y2: f.bottom + 5 }));
    out.push(s("text", { class: "tick", x: f.x(t), y: f.bottom + 18, "text-anchor": "middle",
      text }));
  }
  out.push(s("line", { class: "axis", x1: f.left, x2: f.right, y1: f.bottom, y2: f.bottom }));
  out.push(s("line", { class: "axis", x1: f.left, x2: f.left, y1: f.top, y2: f.bottom }));
  out.push(s("text", { class: "axis-title", "text-anchor": "middle", text: title,
    transform: `translate(16 ${(f.top + f.bottom) / 2}) rotate(-90)` }));
  return out;
}

function mark(f, p) {
  const x = f.x(p.t);
  const y = f.y(p.v);
  const label = `seq ${p.seq}: ${fmt.value(p.v)} (${p.verified ? "verified" : "NOT verified"})`;
  if (p.verified) {
    return s("g", { class: "point verified", "data-seq": p.seq },
      s("title", { text: label }),
      s("circle", { cx: x, cy: y, r: 5 }),
      s("path", { d: `M${x - 2.5},${y}l2,2.2l3.5,-4.4` }));
  }
  return s("g", { class: "point failed", "data-seq": p.seq },
    s("title", { text: label }),
    s("path", { d: `M${x - 4},${y - 4}l8,8M${x + 4},${y - 4}l-8,8` }));
}

/** Draws `points` ({t (ms), v, seq, verified}, by time) of `label` in `unit` into `svg`. */
export function drawLive(svg, { points, label, unit }) {
  const w = width(svg);
  svg.setAttribute("viewBox", `0 0 ${w} ${H}`);
  if (points.length === 0) {
    replace(svg, s("text", { class: "empty-svg", x: w / 2, y: H / 2, "text-anchor": "middle",
      text: "Waiting for readings published from now on…" }));
    svg.setAttribute("aria-label", "no reading yet");
    return;
  }
  const first = points[0].t;
  const last = points[points.length - 1].t;
  const pad = Math.max((last - first) * 0.05, (MIN_SPAN_MS - (last - first)) / 2, 1000);
  const from = first - pad;
  const to = last + pad;
  const [y0, y1] = domain(points);
  const f = {
    left: PAD.left,
    right: w - PAD.right,
    top: PAD.top,
    bottom: H - PAD.bottom,
    x: (t) => PAD.left + ((t - from) / (to - from)) * (w - PAD.left - PAD.right),
    y: (v) => H - PAD.bottom - ((v - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom),
  };
  const shown = fmt.unit(unit);
  const title = shown ? `${label} (${shown})` : label;
  const good = points.filter((p) => p.verified);
  const line = good.map((p, i) => `${i ? "L" : "M"}${f.x(p.t).toFixed(1)},${f.y(p.v).toFixed(1)}`);
  replace(svg, axes(f, y0, y1, from, to, title),
    s("path", { class: "live-line", d: line.join("") }),
    points.map((p) => mark(f, p)));
  const lastPoint = points[points.length - 1];
  svg.setAttribute("aria-label", `${title}: ${points.length} readings, latest `
    + `${fmt.value(lastPoint.v)} ${shown}, ${good.length} verified`.trim());
}
