// Opens a history or dataset bundle in the page: HPKE with the recipient key (info
// msec/bundle/v1\n<order>), then the device's signature of every reading (docs/market.md
// "History and datasets: bundles"). The ledger proofs travel with the readings; the node's
// checker or the offline tools check those.

import { open } from "./market-hpke.js";
import { verifySigned } from "./market-signed.js";

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Opens `sealed` (bytes) for `order` and checks each reading against `keys` (device -> did:key on
 * the ledger). Answers {readings, verified, devices, proofs, failures: [{index, reason}]}; throws
 * when the bundle does not open or is not this order's.
 */
export async function openBundle(sealed, recipient, order, keys) {
  let bundle;
  try {
    bundle = JSON.parse(decoder.decode(await open(sealed, recipient, `msec/bundle/v1\n${order}`)));
  } catch {
    throw new Error("the bundle does not open with this recipient key (other key, or altered)");
  }
  if (!bundle || bundle.format !== "msec-bundle/1" || bundle.order !== order
    || !Array.isArray(bundle.readings)) {
    throw new Error(`not an msec-bundle/1 bundle of order ${order}`);
  }
  const report = { readings: bundle.readings.length, verified: 0, devices: new Set(), proofs: 0,
    failures: [] };
  for (const [index, item] of bundle.readings.entries()) {
    const envelope = (item && item.envelope) || {};
    const device = envelope.payload && envelope.payload.device;
    const key = keys.get(device);
    const verdict = key ? await verifySigned(envelope, key)
      : { ok: false, reason: `${device} is not a device of this license` };
    if (verdict.ok) {
      report.verified += 1;
      report.devices.add(device);
    } else {
      report.failures.push({ index, reason: verdict.reason });
    }
    if (item && item.proof) {
      report.proofs += 1;
    }
  }
  return report;
}
