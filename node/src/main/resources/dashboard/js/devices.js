// The table of devices with their latest values. A live reading redraws its device's row, and the
// values it changed flash so that the eye finds them.

import { h, replace } from "./dom.js";
import * as fmt from "./format.js";
import { propertiesOf } from "./model.js";

function valueChip(device, name) {
  const latest = device.latest[name];
  const spec = device.schema[name];
  const unit = fmt.unit(latest ? latest.unit : spec && spec.unit);
  return h(
    "li",
    {
      class: device.changed.has(name) ? "value changed" : "value",
      "data-property": name,
      title: latest ? `observed ${fmt.time(latest.observedAt, true)}` : "no reading yet",
    },
    h("span", { class: "value-label", text: fmt.property(name) }),
    h("strong", { class: "value-number", text: latest ? fmt.value(latest.value) : "–" }),
    unit ? h("span", { class: "value-unit", text: unit }) : null,
  );
}

function nameCell(device, selected, onSelect) {
  return h(
    "th",
    { scope: "row" },
    h(
      "button",
      {
        type: "button",
        class: "device-name",
        "aria-pressed": selected ? "true" : "false",
        title: `Chart ${device.name}`,
        onclick: () => onSelect(device.id),
      },
      device.name,
    ),
    h("span", {
      class: "device-type",
      text: device.revoked ? `${device.type} · revoked` : device.type,
    }),
    h("span", { class: "device-location", text: fmt.latLon(device.location) }),
    h("code", { class: "device-id", title: device.id, text: fmt.did(device.id) }),
  );
}

/** The latest command of one name, e.g. "ventilation → on", with why and when on hover. */
function commandChip(name, command) {
  return h(
    "li",
    {
      class: "value command",
      "data-command": name,
      title: `${command.reason || "no reason given"} · ${fmt.time(command.at, true)}`,
    },
    h("span", { class: "value-label", text: `${fmt.property(name)} →` }),
    h("strong", { class: "value-number", text: String(command.value) }),
  );
}

/** A sealed device's values are encrypted to its licensees: say so instead of showing dashes. */
function sealedChip(sealed) {
  return h(
    "li",
    {
      class: "value sealed",
      "data-sealed": String(sealed.epoch),
      title:
        "the node stores this device's readings encrypted; only its licensees read them" +
        ` (newest: reading ${sealed.seq})`,
    },
    h("span", { class: "value-label", text: "sealed" }),
    h("strong", { class: "value-number", text: `epoch ${sealed.epoch}` }),
  );
}

function valuesCell(device) {
  const commanded = device.commands || {};
  // A controller's property that was commanded but never reported shows as its command alone;
  // a sealed device's properties, which the node cannot read, show as one "sealed" mark.
  const names = propertiesOf(device).filter(
    (n) => device.latest[n] || (!(n in commanded) && !device.sealed),
  );
  const commands = Object.entries(commanded);
  if (names.length === 0 && commands.length === 0 && !device.sealed) {
    return h("td", {}, h("span", { class: "muted", text: "no properties" }));
  }
  return h(
    "td",
    {},
    h(
      "ul",
      { class: "values", "aria-label": `latest values of ${device.name}` },
      device.sealed ? sealedChip(device.sealed) : null,
      names.map((n) => valueChip(device, n)),
      commands.map(([n, c]) => commandChip(n, c)),
    ),
  );
}

function numberCell(field, text, warn = false) {
  return h("td", { class: warn ? "num warn" : "num", "data-field": field, text });
}

function row(device, selected, onSelect) {
  const classes = [selected ? "selected" : "", device.revoked ? "revoked" : ""];
  return h(
    "tr",
    { "data-device": device.id, class: classes.join(" ").trim() || null },
    nameCell(device, selected, onSelect),
    valuesCell(device),
    h("td", {
      class: "when",
      text: device.lastSeen ? fmt.time(device.lastSeen, true) : "no reading yet",
    }),
    numberCell("seq", String(device.lastSeq)),
    numberCell("readings", fmt.count(device.readings)),
    numberCell("rejected", fmt.count(device.rejected), device.rejected > 0),
  );
}

/** Renders the devices of `model` into the table body `tbody`, and the empty state into `empty`. */
export class DeviceTable {
  constructor(tbody, empty, onSelect) {
    this.tbody = tbody;
    this.empty = empty;
    this.onSelect = onSelect;
    this.selected = null;
  }

  render(devices) {
    this.empty.hidden = devices.length > 0;
    this.tbody.closest("table").hidden = devices.length === 0;
    replace(this.tbody, devices.map((d) => row(d, d.id === this.selected, this.onSelect)));
  }

  /** Redraws one device's row after a live reading. */
  update(device) {
    const old = [...this.tbody.rows].find((r) => r.dataset.device === device.id);
    const fresh = row(device, device.id === this.selected, this.onSelect);
    if (old) {
      old.replaceWith(fresh);
    } else {
      this.tbody.append(fresh);
    }
  }

  select(id, devices) {
    this.selected = id;
    this.render(devices);
  }
}
