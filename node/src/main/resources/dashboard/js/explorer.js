// The chart of one device's property over a time range. The default range is the last 24 hours
// of that device's own data (the data may be historical, so "now" is not the right end), and it
// follows new readings; a range the user typed stays put.

import * as api from "./api.js";
import { drawChart, drawMessage } from "./chart.js";
import { h, replace } from "./dom.js";
import * as fmt from "./format.js";
import { propertiesOf } from "./model.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BUCKETS = { "15m": 15 * MINUTE, "1h": HOUR, "1d": DAY };
// Limitation: a raw series longer than this shows its oldest readings only, because
// /api/v1/series answers the first `limit` points of the range; the status line says so.
const RAW_LIMIT = 10_000; // the node's default limit of raw points
const RELOAD_DELAY_MS = 400; // a burst of live readings costs one series request

/** Raw readings up to 6 hours; beyond, buckets sized to keep the chart to a few hundred points. */
export function autoBucket(spanMs) {
  if (spanMs <= 6 * HOUR) {
    return null;
  }
  if (spanMs <= 3 * DAY) {
    return "15m";
  }
  return spanMs <= 21 * DAY ? "1h" : "1d";
}

export class Explorer {
  constructor(root, onDeviceChange) {
    this.svg = root.querySelector("#chart");
    this.status = root.querySelector("#chart-status");
    this.deviceSelect = root.querySelector("#chart-device");
    this.propertySelect = root.querySelector("#chart-property");
    this.fromInput = root.querySelector("#chart-from");
    this.toInput = root.querySelector("#chart-to");
    this.bucketSelect = root.querySelector("#chart-bucket");
    this.onDeviceChange = onDeviceChange;
    this.model = null;
    this.deviceId = null;
    this.property = null;
    this.range = null;
    this.follow = true;
    this.timer = null;
    this.generation = 0;
    this.drawn = null;
    this.bind(root);
    window.addEventListener("resize", () => this.drawn && drawChart(this.svg, this.drawn));
  }

  bind(root) {
    this.deviceSelect.addEventListener("change", () => this.select(this.deviceSelect.value));
    this.propertySelect.addEventListener("change", () => {
      this.property = this.propertySelect.value;
      this.latest();
    });
    const typed = () => {
      const from = fmt.fromInput(this.fromInput.value);
      const to = fmt.fromInput(this.toInput.value);
      if (from && to && from < to) {
        this.follow = false;
        this.range = { from, to };
        this.load();
      } else {
        this.say("The start of the range must be before its end.", true);
      }
    };
    this.fromInput.addEventListener("change", typed);
    this.toInput.addEventListener("change", typed);
    this.bucketSelect.addEventListener("change", () => this.load());
    root.querySelector("#chart-latest").addEventListener("click", () => this.latest());
  }

  /** Takes a fresh device list; keeps the shown device if it still exists. */
  setModel(model) {
    this.model = model;
    const devices = model.list();
    replace(this.deviceSelect, devices.map((d) => h("option", { value: d.id, text: d.name })));
    for (const control of [this.deviceSelect, this.propertySelect, this.fromInput, this.toInput]) {
      control.disabled = devices.length === 0;
    }
    if (devices.length === 0) {
      this.deviceId = null;
      replace(this.propertySelect);
      this.say("");
      this.message("No devices registered yet");
      return;
    }
    const kept = this.deviceId && model.get(this.deviceId);
    if (!kept) {
      this.select((devices.find((d) => d.lastSeen) || devices[0]).id);
      return;
    }
    this.deviceSelect.value = this.deviceId;
    this.properties(kept, false);
    if (this.follow) {
      this.latest(); // the snapshot may hold newer readings than the page has seen
    } else {
      this.load();
    }
  }

  /** Shows the device `id`, from the last 24 hours of its data; nothing if it is shown already. */
  select(id) {
    const device = this.model.get(id);
    if (!device || id === this.deviceId) {
      return;
    }
    this.deviceId = id;
    this.deviceSelect.value = id;
    this.properties(device, true);
    this.onDeviceChange(id);
    this.latest();
  }

  /** Lists the properties of `device`; picks the first that has a value unless told to keep. */
  properties(device, pickFirst) {
    const names = propertiesOf(device);
    const options = names.map((n) => h("option", { value: n, text: fmt.property(n) }));
    replace(this.propertySelect, options);
    if (pickFirst || !names.includes(this.property)) {
      this.property = names.find((n) => device.latest[n]) || names[0] || null;
    }
    this.propertySelect.value = this.property || "";
  }

  /** The last 24 hours of the shown property's data, following new readings. */
  latest() {
    const device = this.model && this.model.get(this.deviceId);
    const observed = device && this.property && device.latest[this.property];
    const end = observed ? observed.observedAt : device && device.lastSeen;
    this.follow = true;
    if (!end) {
      this.range = null;
      this.fromInput.value = "";
      this.toInput.value = "";
      this.message(device ? `${device.name} has sent no readings yet` : "Choose a device");
      this.say("");
      return;
    }
    // Whole minutes, and one past the last reading: the series' end is exclusive.
    const to = Math.floor(Date.parse(end) / MINUTE) * MINUTE + MINUTE;
    this.range = { from: new Date(to - DAY).toISOString(), to: new Date(to).toISOString() };
    this.load();
  }

  /** A live reading: redraws if it belongs in the chart. */
  onReading(reading) {
    if (reading.device !== this.deviceId || !this.property) {
      return;
    }
    if (!reading.properties || !reading.properties[this.property]) {
      return;
    }
    const inRange = this.range && reading.time >= this.range.from && reading.time < this.range.to;
    if (this.follow || inRange) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => (this.follow ? this.latest() : this.load()), RELOAD_DELAY_MS);
    }
  }

  async load() {
    if (!this.range || !this.deviceId || !this.property) {
      return;
    }
    const generation = ++this.generation;
    const device = this.model.get(this.deviceId);
    const fromMs = Date.parse(this.range.from);
    const toMs = Date.parse(this.range.to);
    this.fromInput.value = fmt.toInput(this.range.from);
    this.toInput.value = fmt.toInput(this.range.to);
    const choice = this.bucketSelect.value;
    const bucket = choice === "auto" ? autoBucket(toMs - fromMs) : choice === "raw" ? null : choice;
    // Buckets start at `from`: aligning it to the bucket width puts them on round times.
    const queryFrom = bucket ? Math.floor(fromMs / BUCKETS[bucket]) * BUCKETS[bucket] : fromMs;
    const label = fmt.property(this.property);
    this.say(`Loading ${label} of ${device.name}…`);
    let answer;
    try {
      answer = await api.series(this.deviceId, this.property, new Date(queryFrom).toISOString(),
        this.range.to, bucket);
    } catch (e) {
      if (generation === this.generation) {
        this.message("The series could not be loaded");
        this.say(`Cannot load the series: ${e.message}`, true);
      }
      return;
    }
    if (generation !== this.generation) {
      return; // a newer request superseded this one
    }
    this.show(answer, bucket, { queryFrom, toMs, label, device });
  }

  show(answer, bucket, { queryFrom, toMs, label, device }) {
    const width = bucket ? BUCKETS[bucket] : 0;
    const points = (answer.points || []).map((p) => ({ ...p, t: Date.parse(p.t) + width / 2 }));
    const between = `between ${fmt.time(this.range.from)} and ${fmt.time(this.range.to)}`;
    if (points.length === 0) {
      this.message(`No readings of ${label} in this range`);
      this.say(`${device.name} has no readings of ${label} ${between}.`);
      return;
    }
    const unit = answer.unit || (device.latest[this.property] || {}).unit;
    this.drawn = {
      points,
      bucketed: Boolean(bucket),
      bucketMs: width,
      // Whole buckets, so that the last one's centre is inside the plot.
      from: queryFrom,
      to: bucket ? Math.ceil(toMs / width) * width : toMs,
      label,
      unit,
    };
    drawChart(this.svg, this.drawn);
    const readings = bucket ? points.reduce((n, p) => n + p.count, 0) : points.length;
    const shape = bucket ? `${points.length} buckets of ${fmt.span(width)}, ` : "";
    const last = points[points.length - 1];
    const newest = `${fmt.value(last.v)} ${fmt.unit(unit)} (seq ${last.seq})`;
    const latest = bucket ? "" : `; latest ${newest}`;
    const cut = !bucket && points.length >= RAW_LIMIT ? " (the first only: choose buckets)" : "";
    const counted = `${shape}${fmt.count(readings)} readings${latest}${cut}`;
    this.say(`${label} of ${device.name} ${between}: ${counted}.`);
  }

  message(text) {
    this.drawn = null;
    drawMessage(this.svg, text);
  }

  say(text, error = false) {
    this.status.textContent = text;
    this.status.classList.toggle("error", error);
  }
}
