// Where the devices are: an SVG scatter of their latitude and longitude, no map tiles. Longitude is
// scaled by the cosine of the middle latitude so that distances look right near the devices.

import { s, replace } from "./dom.js";
import { niceTicks } from "./ticks.js";

const W = 360;
const H = 290;
const PAD = { top: 14, right: 14, bottom: 26, left: 44 };
const MIN_SPAN = 0.01; // degrees, about a kilometre: a single device still gets a frame
const MAX_LABELS = 8;

function bounds(devices) {
  const lats = devices.map((d) => d.location.lat);
  const lons = devices.map((d) => d.location.lon);
  const [lat0, lat1] = [Math.min(...lats), Math.max(...lats)];
  const [lon0, lon1] = [Math.min(...lons), Math.max(...lons)];
  const latPad = Math.max(MIN_SPAN, lat1 - lat0) * 0.15;
  const lonPad = Math.max(MIN_SPAN, lon1 - lon0) * 0.15;
  return { lat0: lat0 - latPad, lat1: lat1 + latPad, lon0: lon0 - lonPad, lon1: lon1 + lonPad };
}

/** A projection of the bounds into the plot area, same scale on both axes, centred. */
function projection(b) {
  const k = Math.cos((((b.lat0 + b.lat1) / 2) * Math.PI) / 180);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const scale = Math.min(plotW / ((b.lon1 - b.lon0) * k), plotH / (b.lat1 - b.lat0));
  const dx = (plotW - (b.lon1 - b.lon0) * k * scale) / 2;
  const dy = (plotH - (b.lat1 - b.lat0) * scale) / 2;
  const x = (lon) => PAD.left + dx + (lon - b.lon0) * k * scale;
  const y = (lat) => PAD.top + dy + (b.lat1 - lat) * scale;
  // The inverse, for the graticule: which longitude and latitude lie at a pixel.
  const lon = (px) => b.lon0 + (px - PAD.left - dx) / (k * scale);
  const lat = (py) => b.lat1 - (py - PAD.top - dy) / scale;
  return { x, y, lon, lat };
}

function graticule(p) {
  const lines = [];
  const lon0 = p.lon(PAD.left);
  const lon1 = p.lon(W - PAD.right);
  const lat0 = p.lat(H - PAD.bottom);
  const lat1 = p.lat(PAD.top);
  for (const lon of niceTicks(lon0, lon1, 4)) {
    const x = p.x(lon);
    lines.push(s("line", { class: "grid", x1: x, x2: x, y1: PAD.top, y2: H - PAD.bottom }));
    lines.push(s("text", {
      class: "tick", x, y: H - 8, "text-anchor": "middle", text: `${lon}°`,
    }));
  }
  for (const lat of niceTicks(lat0, lat1, 4)) {
    const y = p.y(lat);
    lines.push(s("line", { class: "grid", x1: PAD.left, x2: W - PAD.right, y1: y, y2: y }));
    lines.push(s("text", {
      class: "tick", x: PAD.left - 6, y: y + 4, "text-anchor": "end", text: `${lat}°`,
    }));
  }
  return lines;
}

function label(text, cx, cy) {
  // In the right half the label goes to the left of its point, so that it stays in the box.
  const left = cx > W * 0.55;
  return s("text", {
    class: "site-label",
    x: left ? cx - 9 : cx + 9,
    y: cy + 4,
    "text-anchor": left ? "end" : "start",
    text,
  });
}

function marker(device, p, selected, labelled, onSelect) {
  const cx = p.x(device.location.lon);
  const cy = p.y(device.location.lat);
  const choose = () => onSelect(device.id);
  return s(
    "g",
    {
      class: selected ? "site selected" : "site",
      role: "button",
      tabindex: 0,
      "aria-label": `${device.name}, chart it`,
      onclick: choose,
      onkeydown: (e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), choose()),
    },
    s("title", { text: device.name }),
    s("circle", { cx, cy, r: selected ? 7 : 5 }),
    labelled ? label(device.name, cx, cy) : null,
  );
}

/** Draws the devices that have a location into `svg`, and says in `note` how many lack one. */
export function drawMap(svg, note, devices, selectedId, onSelect) {
  const placed = devices.filter((d) => d.location);
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const missing = devices.length - placed.length;
  note.textContent = missing > 0 ? `${missing} device(s) without a location are not shown.` : "";
  if (placed.length === 0) {
    const message = "No device locations yet";
    replace(svg, s("text", {
      class: "empty-svg", x: W / 2, y: H / 2, "text-anchor": "middle", text: message,
    }));
    svg.setAttribute("aria-label", message);
    return;
  }
  const p = projection(bounds(placed));
  const labelled = placed.length <= MAX_LABELS;
  // The selected site is drawn last so that it lies on top of its neighbours.
  const ordered = [...placed].sort((a, b) => (a.id === selectedId) - (b.id === selectedId));
  svg.setAttribute("aria-label", `Locations of ${placed.length} device(s)`);
  replace(
    svg,
    s("rect", {
      class: "plot",
      x: PAD.left,
      y: PAD.top,
      width: W - PAD.left - PAD.right,
      height: H - PAD.top - PAD.bottom,
    }),
    graticule(p),
    ordered.map((d) => marker(d, p, d.id === selectedId, labelled, onSelect)),
  );
}
