// Starts the dashboard: loads the node's devices and twins, keeps the header current, applies the
// live stream of readings to the table, the map and the chart, and switches between the devices
// view, the ledger view and the market view by the address's fragment (#devices, #ledger,
// #market).

import * as api from "./api.js";
import { DeviceTable } from "./devices.js";
import { h, replace } from "./dom.js";
import { Explorer } from "./explorer.js";
import * as fmt from "./format.js";
import { LedgerView } from "./ledger.js";
import { drawMap } from "./map.js";
import { MarketView } from "./market.js";
import { Devices } from "./model.js";
import { Verifier } from "./verify.js";

const HEADER_REFRESH_MS = 10_000; // refusals are not streamed, so the header asks for them
const RETRY_MS = 5_000;
const $ = (selector) => document.querySelector(selector);

const model = new Devices();
const counts = { devices: null, readings: null };
let selected = null;
let snapshotTimer = null;

const explorer = new Explorer($("#chart-panel"), (id) => {
  selected = id;
  table.select(id, model.list());
  redrawMap();
});
const table = new DeviceTable($("#device-rows"), $("#devices-empty"), (id) => explorer.select(id));
const ledger = new LedgerView($("#view-ledger"));
const verifier = new Verifier($("#verify-panel"));
const market = new MarketView($("#view-market"));

function redrawMap() {
  drawMap($("#map"), $("#map-note"), model.list(), selected, (id) => explorer.select(id));
}

model.subscribe((event) => {
  if (event.kind === "snapshot") {
    counts.devices = model.list().length;
    renderCounts();
    table.render(model.list());
    redrawMap();
    explorer.setModel(model);
    verifier.setDevices(model.list());
    return;
  }
  table.update(event.device);
  if (event.reading.location) {
    redrawMap();
  }
  explorer.onReading(event.reading);
});

function problem(message) {
  const banner = $("#problem");
  banner.hidden = !message;
  banner.textContent = message || "";
}

async function loadSnapshot() {
  clearTimeout(snapshotTimer);
  try {
    const [records, entities] = await Promise.all([api.devices(), api.twins()]);
    model.load(records, entities);
    $("#devices-loading").hidden = true;
    problem(null);
  } catch (e) {
    problem(`Cannot load the devices: ${e.message}. Trying again in ${RETRY_MS / 1000} s.`);
    snapshotTimer = setTimeout(loadSnapshot, RETRY_MS);
  }
}

/** Reloads the snapshot soon, once, however many times it is asked. */
function reloadSoon() {
  clearTimeout(snapshotTimer);
  snapshotTimer = setTimeout(loadSnapshot, 500);
}

function renderCounts() {
  $("#stat-devices").textContent = counts.devices === null ? "–" : fmt.count(counts.devices);
  $("#stat-readings").textContent = counts.readings === null ? "–" : fmt.count(counts.readings);
}

function renderRejects(rejects) {
  const reasons = Object.entries(rejects.byReason || {}).filter(([, n]) => n > 0);
  $("#rejects-total").textContent = fmt.count(rejects.total);
  if (reasons.length === 0) {
    replace($("#rejects"), h("li", { class: "muted", text: "none" }));
    return;
  }
  reasons.sort((a, b) => b[1] - a[1]);
  replace(
    $("#rejects"),
    reasons.map(([code, n]) => h(
      "li",
      { class: "reject", "data-code": code },
      h("span", { text: code }),
      h("strong", { text: fmt.count(n) }),
    )),
  );
}

function setStatus(element, text, state) {
  element.textContent = text;
  element.dataset.state = state;
}

async function refreshHeader() {
  try {
    const [health, rejects] = await Promise.all([api.health(), api.rejects()]);
    const up = health.status === "UP";
    const status = up ? "up" : String(health.status).toLowerCase();
    setStatus($("#node-status"), status, up ? "ok" : "bad");
    counts.devices = health.devices;
    counts.readings = health.readings;
    renderCounts();
    renderRejects(rejects);
  } catch (e) {
    setStatus($("#node-status"), "unreachable", "bad");
  }
}

function showLastReading(reading) {
  const device = model.get(reading.device);
  const name = device ? device.name : fmt.did(reading.device);
  const last = $("#last-reading");
  last.dataset.seq = reading.seq;
  last.textContent = `${name} · seq ${reading.seq} · observed ${fmt.time(reading.time, true)}`;
}

function connect() {
  const live = $("#live-status");
  let dropped = false;
  const events = api.stream();
  setStatus(live, "connecting", "wait");
  events.addEventListener("open", () => {
    setStatus(live, "live", "ok");
    if (dropped) {
      reloadSoon(); // readings may have been missed while the stream was down
    }
  });
  events.addEventListener("reading", (e) => {
    const reading = JSON.parse(e.data);
    if (!model.apply(reading)) {
      reloadSoon(); // a device registered after this page loaded
    }
    if (counts.readings !== null) {
      counts.readings += 1;
      renderCounts();
    }
    showLastReading(reading);
  });
  events.addEventListener("dropped", () => reloadSoon());
  events.addEventListener("error", () => {
    dropped = true;
    if (events.readyState === EventSource.CLOSED) {
      setStatus(live, "offline", "bad");
      setTimeout(connect, RETRY_MS);
    } else {
      setStatus(live, "reconnecting", "wait");
    }
  });
}

/** Shows the view the fragment names; the ledger is polled only while it is shown. */
function showView() {
  const hash = window.location.hash;
  const view = hash === "#ledger" ? "ledger" : hash.startsWith("#market") ? "market" : "devices";
  for (const name of ["devices", "ledger", "market"]) {
    $(`#view-${name}`).hidden = name !== view;
    const tab = $(`#tab-${name}`);
    if (name === view) {
      tab.setAttribute("aria-current", "page");
    } else {
      tab.removeAttribute("aria-current");
    }
  }
  if (view === "market") {
    ledger.hide();
    market.show(hash);
  } else if (view === "ledger") {
    ledger.show();
    verifier.shown();
  } else {
    ledger.hide();
    window.dispatchEvent(new Event("resize")); // the chart measures itself only when shown
  }
}

window.addEventListener("hashchange", showView);
showView();
connect();
loadSnapshot();
refreshHeader();
setInterval(refreshHeader, HEADER_REFRESH_MS);
