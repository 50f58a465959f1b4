// How values, units, property names, times and device ids are shown. All times are UTC, as the
// node stores them, so that a reading reads the same on every screen.

const UNITS = {
  "ug/m3": "µg/m³",
  "mg/m3": "mg/m³",
  "g/m3": "g/m³",
  "[ppm]": "ppm",
  "[ppb]": "ppb",
  Cel: "°C",
  K: "K",
  "[degF]": "°F",
  "%": "%",
  "1": "",
  lx: "lx",
  "kg/kg": "kg/kg",
};

const PROPERTIES = {
  pm10: "PM10",
  pm25: "PM2.5",
  pm2_5: "PM2.5",
  co2: "CO₂",
  temperature: "Temperature",
  humidity: "Humidity",
  occupancy: "Occupancy",
  light: "Light",
};

/** A UCUM code as a person writes it: "ug/m3" is "µg/m³". Unknown codes are shown as they are. */
export function unit(code) {
  if (code === undefined || code === null) {
    return "";
  }
  return Object.hasOwn(UNITS, code) ? UNITS[code] : code;
}

/** A property name as a label: "pm25" is "PM2.5", "wind_speed" is "Wind speed". */
export function property(name) {
  if (Object.hasOwn(PROPERTIES, name)) {
    return PROPERTIES[name];
  }
  const words = name.replace(/[_-]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A value with at most two decimals and no trailing zeros: 2.60 is "2.6", 1234.5 is "1234.5". */
export function value(v) {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    return "–";
  }
  return String(Number(v.toFixed(2)));
}

export function count(n) {
  return Number(n || 0).toLocaleString("en");
}

/** "2019-04-01 14:02 UTC" (seconds when asked). */
export function time(iso, withSeconds = false) {
  if (!iso) {
    return "–";
  }
  const text = new Date(iso).toISOString().replace("T", " ");
  return `${text.slice(0, withSeconds ? 19 : 16)} UTC`;
}

/** The value of an <input type="datetime-local"> read as UTC, as an ISO instant. */
export function fromInput(text) {
  if (!text) {
    return null;
  }
  const d = new Date(`${text.length === 16 ? `${text}:00` : text}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** An ISO instant as the value of an <input type="datetime-local">, in UTC, to the minute. */
export function toInput(iso) {
  return new Date(iso).toISOString().slice(0, 16);
}

/** A did:key shortened for display: "did:key:z6Mk…f3Qa". The full id goes in a title. */
export function did(id) {
  const rest = id.startsWith("did:key:") ? id.slice(8) : id;
  return rest.length > 14 ? `did:key:${rest.slice(0, 6)}…${rest.slice(-4)}` : id;
}

export function latLon(location) {
  if (!location) {
    return "no location";
  }
  const ns = location.lat >= 0 ? "N" : "S";
  const ew = location.lon >= 0 ? "E" : "W";
  const lat = Math.abs(location.lat).toFixed(3);
  const lon = Math.abs(location.lon).toFixed(3);
  return `${lat}° ${ns}, ${lon}° ${ew}`;
}

/** A duration in milliseconds as "15 min", "1 h", "1 d". */
export function span(ms) {
  if (ms >= 86_400_000 && ms % 86_400_000 === 0) {
    return `${ms / 86_400_000} d`;
  }
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) {
    return `${ms / 3_600_000} h`;
  }
  return `${Math.round(ms / 60_000)} min`;
}

/** A hex hash shortened for display: "3fa2c1d0…9b1e". The full hash goes in a title. */
export function hash(hex) {
  if (!hex) {
    return "–";
  }
  return hex.length > 16 ? `${hex.slice(0, 8)}…${hex.slice(-4)}` : hex;
}

/** A token amount, a decimal string that may exceed 2^53: "1250000" is "1,250,000". */
export function amount(text) {
  try {
    return BigInt(text).toLocaleString("en");
  } catch {
    return String(text);
  }
}
