// Opens a history or dataset bundle in the page: HPKE with the recipient key (info
// msec/bundle/v1\n<order>), then the device's signature of every reading (docs/market.md
// "History and datasets: bundles"), then that each reading's ledger proof is of the signed
// reading and holds. Proofs are checked by the node's checker, as the Ledger tab does; the check
// that counts runs offline against a pinned head (./msec ledger check-proof).

import { checkProof } from "./api.js";
import { open } from "./market-hpke.js";
import { verifySigned } from "./market-signed.js";
import { canonical } from "./proof.js";

const PROOF_CHECKS_AT_ONCE = 4;

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Opens `sealed` (bytes) for `order` and checks each reading against `keys` (device -> did:key on
 * the ledger). Answers {readings, verified, devices, proved, failures: [{index, reason}]}; throws
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
  const report = { readings: bundle.readings.length, verified: 0, devices: new Set(), proved: 0,
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
  }
  await checkProofs(bundle.readings, report);
  report.failures.sort((a, b) => a.index - b.index);
  return report;
}

async function checkOneProof(item, index, report) {
  const proof = item && item.proof;
  const payload = item && item.envelope && item.envelope.payload;
  if (!proof || !proof.reading || canonical(proof.reading) !== canonical(payload)) {
    report.failures.push({ index, reason: "the proof is missing or not of the signed reading" });
    return;
  }
  let verdict;
  try {
    verdict = await checkProof(JSON.stringify(proof));
  } catch (e) {
    report.failures.push({ index, reason: `the node did not check the proof: ${e.message}` });
    return;
  }
  if (verdict.valid) {
    report.proved += 1;
  } else {
    report.failures.push({ index, reason: `proof fails at ${verdict.failedStep}` });
  }
}

/** Has the node check every proof, a few at a time. */
async function checkProofs(items, report) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await checkOneProof(items[index], index, report);
    }
  };
  await Promise.all(Array.from({ length: PROOF_CHECKS_AT_ONCE }, worker));
}
