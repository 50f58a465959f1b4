// What the dashboard knows about the node's devices: each registration joined with the latest
// values of its twin, kept current by the live stream of readings.

const TWIN_PREFIX = "urn:ngsi-ld:Device:";
const NOT_PROPERTIES = new Set([
  "id",
  "type",
  "@context",
  "location",
  "name",
  "deviceCategory",
  "commands",
  "sealed",
]);

/** The did:key of a twin entity id, "urn:ngsi-ld:Device:z6Mk…" or "…:Device:did:key:z6Mk…". */
export function twinDevice(entityId) {
  const rest = entityId.startsWith(TWIN_PREFIX) ? entityId.slice(TWIN_PREFIX.length) : entityId;
  return rest.startsWith("did:key:") ? rest : `did:key:${rest}`;
}

/** The latest values of a twin entity: {property: {value, unit, observedAt}}. */
export function twinValues(entity) {
  const values = {};
  for (const [name, member] of Object.entries(entity)) {
    if (NOT_PROPERTIES.has(name) || !member || member.type !== "Property") {
      continue;
    }
    const ucum = member.ucumCode && member.ucumCode.value;
    values[name] = {
      value: member.value,
      unit: ucum || member.unitCode,
      observedAt: member.observedAt,
    };
  }
  return values;
}

/** The latest command of each name sent to a twin: {name: {value, at, reason, signer}}. */
export function twinCommands(entity) {
  const member = entity && entity.commands;
  return member && member.type === "Property" && member.value ? member.value : {};
}

/** The newest sealed reading of a twin, {epoch, seq, observedAt}, or null if it has none. */
function twinSealed(entity) {
  const member = entity && entity.sealed;
  if (!member || member.type !== "Property" || !member.value) {
    return null;
  }
  return { epoch: member.value.epoch, seq: member.value.seq, observedAt: member.observedAt };
}

function twinLocation(entity) {
  const point = entity.location && entity.location.value;
  if (!point || !Array.isArray(point.coordinates)) {
    return null;
  }
  return { lon: point.coordinates[0], lat: point.coordinates[1] };
}

/**
 * One device as shown: its registration, latest values, last observation time and sequence.
 * `changed` names the properties whose value the last live reading changed.
 */
function deviceView(record, entity) {
  const latest = entity ? twinValues(entity) : {};
  const sealed = twinSealed(entity);
  const times = Object.values(latest).map((p) => p.observedAt);
  times.push(sealed && sealed.observedAt);
  const seen = times.filter(Boolean).sort();
  return {
    id: record.id,
    name: record.name || record.id,
    type: record.type || "device",
    location: (entity && twinLocation(entity)) || record.location || null,
    schema: record.schema || {},
    revoked: Boolean(record.revoked),
    lastSeq: record.lastSeq || 0,
    readings: record.readings || 0,
    rejected: Object.values(record.rejected || {}).reduce((a, b) => a + b, 0),
    latest,
    commands: twinCommands(entity),
    sealed,
    lastSeen: seen.length ? seen[seen.length - 1] : null,
    changed: new Set(),
  };
}

/** The devices of the node, in registration order, and who wants to hear when they change. */
export class Devices {
  constructor() {
    this.byId = new Map();
    this.listeners = new Set();
  }

  /** Replaces everything with a fresh snapshot of /api/v1/devices and /api/v1/twins. */
  load(records, entities) {
    const twins = new Map(entities.map((e) => [twinDevice(e.id), e]));
    this.byId = new Map(records.map((r) => [r.id, deviceView(r, twins.get(r.id))]));
    this.notify({ kind: "snapshot" });
  }

  list() {
    return [...this.byId.values()];
  }

  get(id) {
    return this.byId.get(id);
  }

  /**
   * Takes in one live reading. Answers false for a device this page does not know yet (one
   * registered after the page loaded), so that the caller can reload.
   */
  apply(reading) {
    const device = this.byId.get(reading.device);
    if (!device) {
      return false;
    }
    device.changed = new Set();
    if (reading.sealed) {
      device.sealed = { epoch: reading.sealed.epoch, seq: reading.seq, observedAt: reading.time };
    }
    for (const [name, q] of Object.entries(reading.properties || {})) {
      const before = device.latest[name];
      if (!before || before.value !== q.value) {
        device.changed.add(name);
      }
      device.latest[name] = { value: q.value, unit: q.unit, observedAt: reading.time };
    }
    if (reading.location) {
      device.location = reading.location;
    }
    device.lastSeq = Math.max(device.lastSeq, reading.seq);
    device.readings += 1;
    if (!device.lastSeen || reading.time > device.lastSeen) {
      device.lastSeen = reading.time;
    }
    this.notify({ kind: "reading", device, reading });
    return true;
  }

  subscribe(listener) {
    this.listeners.add(listener);
  }

  notify(event) {
    for (const listener of this.listeners) {
      listener(event);
    }
  }
}

/** The property names of a device: its schema's, then any its twin has that the schema lacks. */
export function propertiesOf(device) {
  const names = Object.keys(device.schema);
  for (const name of Object.keys(device.latest)) {
    if (!names.includes(name)) {
      names.push(name);
    }
  }
  return names;
}
