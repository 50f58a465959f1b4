// Draws one series into an SVG: a raw line, or for buckets a min–max band with the mean line.
// Pure drawing: it fetches nothing and keeps no state.

import { s, replace } from "./dom.js";
import * as fmt from "./format.js";
import { niceTicks, timeTicks, timeLabel } from "./ticks.js";

const MIN_WIDTH = 600;
const H = 330;
const PAD = { top: 22, right: 24, bottom: 42, left: 64 };
const DOTS_UP_TO = 80; // raw series this short also get a dot per reading

/** The drawing is as wide as the element, so that text keeps its size at any width. */
function width(svg) {
  return Math.max(MIN_WIDTH, Math.round(svg.getBoundingClientRect().width) || 880);
}

/** The plot area of a drawing `w` wide and the scales from time and value into it. */
function frame(w, from, to, y0, y1) {
  const left = PAD.left;
  const right = w - PAD.right;
  const top = PAD.top;
  const bottom = H - PAD.bottom;
  return {
    w,
    left,
    right,
    top,
    bottom,
    x: (t) => left + ((t - from) / (to - from)) * (right - left),
    y: (v) => bottom - ((v - y0) / (y1 - y0)) * (bottom - top),
  };
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
  let lo = Math.min(...points.map((p) => (bucketed ? p.min : p.v)));
  let hi = Math.max(...points.map((p) => (bucketed ? p.max : p.v)));
  if (lo >= 0 && lo < hi * 0.4) {
    lo = 0; // quantities such as concentrations read best from zero
  }
  if (hi === lo) {
    hi = lo + Math.max(1, Math.abs(lo) * 0.1);
  }
  const pad = (hi - lo) * 0.06;
  return [lo === 0 ? 0 : lo - pad, hi + pad];
}

const xy = (f, t, v) => `${f.x(t).toFixed(1)},${f.y(v).toFixed(1)}`;

function line(f, points, key) {
  return points.map((p, i) => `${i ? "L" : "M"}${xy(f, p.t, p[key])}`).join("");
}

function band(f, points) {
  const top = points.map((p, i) => `${i ? "L" : "M"}${xy(f, p.t, p.max)}`);
  const bottom = [...points].reverse().map((p) => `L${xy(f, p.t, p.min)}`);
  return `${top.join("")}${bottom.join("")}Z`;
}

function valueAxis(f, y0, y1, title) {
  const parts = [];
  for (const v of niceTicks(y0, y1, 5)) {
    const y = f.y(v);
    parts.push(s("line", { class: "grid", x1: f.left, x2: f.right, y1: y, y2: y }));
    parts.push(s("text", {
      class: "tick", x: f.left - 8, y: y + 4, "text-anchor": "end", text: fmt.value(v),
    }));
  }
  parts.push(s("line", { class: "axis", x1: f.left, x2: f.left, y1: f.top, y2: f.bottom }));
  parts.push(s("text", {
    class: "axis-title",
    transform: `translate(16 ${(f.top + f.bottom) / 2}) rotate(-90)`,
    "text-anchor": "middle",
    text: title,
  }));
  return parts;
}

function timeAxis(f, from, to) {
  const parts = [];
  const { ticks, step } = timeTicks(from, to, Math.round(f.w / 110));
  for (const [i, t] of ticks.entries()) {
    const x = f.x(t);
    parts.push(s("line", { class: "tick-mark", x1: x, x2: x, y1: f.bottom, y2: f.bottom + 5 }));
    parts.push(s("text", {
      class: "tick",
      x,
      y: f.bottom + 18,
      "text-anchor": x > f.right - 40 ? "end" : "middle", // so the last label is not cut off
      text: timeLabel(t, step, i === 0),
    }));
  }
  parts.push(s("line", { class: "axis", x1: f.left, x2: f.right, y1: f.bottom, y2: f.bottom }));
  parts.push(s("text", {
    class: "axis-title", x: (f.left + f.right) / 2, y: H - 4, "text-anchor": "middle",
    text: "time (UTC)",
  }));
  return parts;
}

function legend(f, bucketed, bucketMs) {
  const x = f.right - 250;
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

function data(f, points, bucketed, bucketMs) {
  const steps = points.slice(1).map((p, i) => p.t - points[i].t).sort((a, b) => a - b);
  const typical = steps.length ? steps[Math.floor(steps.length / 2)] : 0;
  const maxGap = bucketed ? bucketMs * 1.5 : Math.max(typical * 6, 60_000);
  const parts = segments(points, maxGap);
  if (bucketed) {
    return parts.flatMap((seg) => [
      s("path", { class: "band", d: band(f, seg) }),
      s("path", { class: "mean", d: line(f, seg, "mean") }),
    ]);
  }
  const dots = points.length <= DOTS_UP_TO
    ? points.map((p) => s("circle", { class: "dot", cx: f.x(p.t), cy: f.y(p.v), r: 2.5 }))
    : [];
  return [...parts.map((seg) => s("path", { class: "raw", d: line(f, seg, "v") })), ...dots];
}

/**
 * Draws `series` into `svg`. `series` is {points, bucketed, bucketMs, from, to, label, unit},
 * points with `t` in ms and `v` (raw) or `min`, `max`, `mean` (bucketed), sorted by time.
 */
export function drawChart(svg, series) {
  const { points, bucketed, bucketMs, from, to, label, unit } = series;
  const w = width(svg);
  const [y0, y1] = yDomain(points, bucketed);
  const f = frame(w, from, to, y0, y1);
  const shownUnit = fmt.unit(unit);
  const title = shownUnit ? `${label} (${shownUnit})` : label;
  const last = points[points.length - 1];
  const lastValue = bucketed ? last.mean : last.v;

  svg.setAttribute("viewBox", `0 0 ${w} ${H}`);
  replace(
    svg,
    s("defs", {}, s("clipPath", { id: "plot-area" }, s("rect", {
      x: f.left, y: f.top, width: f.right - f.left, height: f.bottom - f.top,
    }))),
    valueAxis(f, y0, y1, title),
    timeAxis(f, from, to),
    s("g", { "clip-path": "url(#plot-area)" },
      data(f, points, bucketed, bucketMs),
      s("circle", { class: "latest", cx: f.x(last.t), cy: f.y(lastValue), r: 4 })),
    legend(f, bucketed, bucketMs),
  );
  const iso = (ms) => new Date(ms).toISOString();
  const span = `from ${fmt.time(iso(from))} to ${fmt.time(iso(to))}`;
  const count = `${points.length} ${bucketed ? "buckets" : "readings"}`;
  svg.setAttribute("aria-label",
    `${title} ${span}: ${count}, latest ${fmt.value(lastValue)} ${shownUnit}`.trim());
}

/** Clears `svg` to a message, for an empty or failed series. */
export function drawMessage(svg, message) {
  const w = width(svg);
  svg.setAttribute("viewBox", `0 0 ${w} ${H}`);
  svg.setAttribute("aria-label", message);
  replace(svg, s("text", {
    class: "empty-svg", x: w / 2, y: H / 2, "text-anchor": "middle", text: message,
  }));
}
