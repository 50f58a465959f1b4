// Draws one series into an SVG: a raw line, or for buckets a min–max band with the mean line.
// Pure drawing: it fetches nothing and keeps no state.

import { s, replace } from "./dom.js";
import * as fmt from "./format.js";
import { niceTicks, timeTicks, timeLabel } from "./ticks.js";

const MIN_WIDTH = 600;
const H = 330;
const PAD = { top: 22, right: 24, bottom: 42, left: 64 };

/** The drawing is as wide as the element, so that text keeps its size at any width. */
function width(svg) {
  return Math.max(MIN_WIDTH, Math.round(svg.getBoundingClientRect().width) || 880);
}

/** Splits points where the gap to the previous one is longer than `maxGap` ms. */
function segments(points, maxGap) {
  const out = [];
  let current = [];
  for (const p of points) {
    if (current.length && p.t - current[current.length - 1].t > maxGap) {
      out.push(current);
      current = [];
    }
    current.push(p);
  }
  if (current.length) {
    out.push(current);
  }
  return out;
}

function yDomain(points, bucketed) {
  const lows = points.map((p) => (bucketed ? p.min : p.v));
  const highs = points.map((p) => (bucketed ? p.max : p.v));
  let lo = Math.min(...lows);
  let hi = Math.max(...highs);
  if (lo >= 0 && lo < hi * 0.4) {
    lo = 0; // quantities such as concentrations read best from zero
  }
  if (hi === lo) {
    hi = lo + Math.max(1, Math.abs(lo) * 0.1);
  }
  const pad = (hi - lo) * 0.06;
  return [lo === 0 ? 0 : lo - pad, hi + pad];
}

function line(points, x, y, key) {
  return points.map((p, i) => `${i ? "L" : "M"}${x(p.t).toFixed(1)},${y(p[key]).toFixed(1)}`).join("");
}

function band(points, x, y) {
  const top = points.map((p, i) => `${i ? "L" : "M"}${x(p.t).toFixed(1)},${y(p.max).toFixed(1)}`);
  const bottom = [...points].reverse().map((p) => `L${x(p.t).toFixed(1)},${y(p.min).toFixed(1)}`);
  return `${top.join("")}${bottom.join("")}Z`;
}

function axes(W, from, to, y0, y1, x, y, axisTitle) {
  const parts = [];
  for (const v of niceTicks(y0, y1, 5)) {
    parts.push(s("line", { class: "grid", x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v) }));
    parts.push(s("text", { class: "tick", x: PAD.left - 8, y: y(v) + 4, "text-anchor": "end", text: fmt.value(v) }));
  }
  const { ticks, step } = timeTicks(from, to, Math.round(W / 110));
  for (const t of ticks) {
    parts.push(s("line", { class: "tick-mark", x1: x(t), x2: x(t), y1: H - PAD.bottom, y2: H - PAD.bottom + 5 }));
    // A label at the right end is right-aligned, so that it is not cut off.
    const anchor = x(t) > W - PAD.right - 40 ? "end" : "middle";
    parts.push(s("text", { class: "tick", x: x(t), y: H - PAD.bottom + 18, "text-anchor": anchor, text: timeLabel(t, step) }));
  }
  parts.push(s("line", { class: "axis", x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom }));
  parts.push(s("line", { class: "axis", x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: H - PAD.bottom }));
  parts.push(s("text", { class: "axis-title", x: (PAD.left + W - PAD.right) / 2, y: H - 4, "text-anchor": "middle", text: "time (UTC)" }));
  parts.push(s("text", {
    class: "axis-title",
    transform: `translate(16 ${(PAD.top + H - PAD.bottom) / 2}) rotate(-90)`,
    "text-anchor": "middle",
    text: axisTitle,
  }));
  return parts;
}

function legend(W, bucketed, bucketMs) {
  const x = W - PAD.right - 250;
  const items = bucketed
    ? [
      s("rect", { class: "band", x, y: 6, width: 18, height: 10 }),
      s("text", { class: "legend", x: x + 24, y: 15, text: `min–max per ${fmt.span(bucketMs)}` }),
      s("line", { class: "mean", x1: x + 150, x2: x + 168, y1: 11, y2: 11 }),
      s("text", { class: "legend", x: x + 174, y: 15, text: "mean" }),
    ]
    : [
      s("line", { class: "raw", x1: x + 150, x2: x + 168, y1: 11, y2: 11 }),
      s("text", { class: "legend", x: x + 174, y: 15, text: "each reading" }),
    ];
  return s("g", { "aria-hidden": "true" }, items);
}

/**
 * Draws `series` into `svg`. `series` is {points, bucketed, bucketMs, from, to, label, unit},
 * points with `t` in ms and `v` (raw) or `min`, `max`, `mean` (bucketed), sorted by time.
 */
export function drawChart(svg, series) {
  const { points, bucketed, bucketMs, label, unit } = series;
  const W = width(svg);
  const from = series.from;
  const to = series.to;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const [y0, y1] = yDomain(points, bucketed);
  const x = (t) => PAD.left + ((t - from) / (to - from)) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - ((v - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const shownUnit = fmt.unit(unit);
  const title = shownUnit ? `${label} (${shownUnit})` : label;

  const steps = points.slice(1).map((p, i) => p.t - points[i].t).sort((a, b) => a - b);
  const typical = steps.length ? steps[Math.floor(steps.length / 2)] : 0;
  const maxGap = bucketed ? bucketMs * 1.5 : Math.max(typical * 6, 60_000);
  const parts = segments(points, maxGap);
  const data = bucketed
    ? parts.flatMap((seg) => [
      s("path", { class: "band", d: band(seg, x, y) }),
      s("path", { class: "mean", d: line(seg, x, y, "mean") }),
    ])
    : parts.map((seg) => s("path", { class: "raw", d: line(seg, x, y, "v") }));
  const last = points[points.length - 1];
  const lastValue = bucketed ? last.mean : last.v;

  replace(
    svg,
    s("defs", {}, s("clipPath", { id: "plot-area" },
      s("rect", { x: PAD.left, y: PAD.top, width: W - PAD.left - PAD.right, height: H - PAD.top - PAD.bottom }))),
    axes(W, from, to, y0, y1, x, y, title),
    s("g", { "clip-path": "url(#plot-area)" }, data,
      s("circle", { class: "latest", cx: x(last.t), cy: y(lastValue), r: 4 })),
    legend(W, bucketed, bucketMs),
  );
  svg.setAttribute(
    "aria-label",
    `${title} from ${fmt.time(new Date(from).toISOString())} to ${fmt.time(new Date(to).toISOString())}: `
      + `${points.length} ${bucketed ? "buckets" : "readings"}, latest ${fmt.value(lastValue)} ${shownUnit}`,
  );
}

/** Clears `svg` to a message, for an empty or failed series. */
export function drawMessage(svg, message) {
  const W = width(svg);
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("aria-label", message);
  replace(svg, s("text", { class: "empty-svg", x: W / 2, y: H / 2, "text-anchor": "middle", text: message }));
}
