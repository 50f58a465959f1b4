// Calls to the node's HTTP API. Errors carry the RFC 9457 problem's detail when the node sent one.

const API = "/api/v1";

/** An answer of the node other than 2xx, or no answer at all. */
export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function getJson(path, init = {}) {
  let response;
  try {
    const headers = { Accept: "application/json", ...init.headers };
    response = await fetch(path, { ...init, headers });
  } catch (e) {
    throw new ApiError(`the node does not answer (${e.message})`, 0, "unreachable");
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(`the node answered ${response.status} with something other than JSON`,
      response.status, "malformed");
  }
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : `HTTP ${response.status}`;
    throw new ApiError(detail, response.status, body && body.code);
  }
  return body;
}

export const health = () => getJson("/health");
export const devices = () => getJson(`${API}/devices`);
export const twins = () => getJson(`${API}/twins`);
export const rejects = () => getJson(`${API}/rejects`);

/**
 * A series of one property of one device between two instants (ISO-8601 strings). With a bucket
 * ("15m", "1h", "1d") the points are {t, min, max, mean, count}; without, {t, v, seq}.
 */
export function series(device, property, from, to, bucket) {
  const q = new URLSearchParams({ device, property, from, to });
  if (bucket) {
    q.set("bucket", bucket);
  }
  return getJson(`${API}/series?${q}`);
}

/** The ledger's signed head, with its sequencer, treasury and total supply. */
export const ledgerHead = () => getJson(`${API}/ledger/head`);

/** Up to `limit` blocks, newest first, below height `before` when given. */
export function blocks(limit, before) {
  const q = new URLSearchParams({ limit });
  if (before !== undefined && before !== null) {
    q.set("before", before);
  }
  return getJson(`${API}/ledger/blocks?${q}`);
}

/** One transaction and its receipt: {id, transaction, receipt}. */
export const transaction = (id) => getJson(`${API}/ledger/transactions/${encodeURIComponent(id)}`);

/** The anchors of one device's readings, oldest first. */
export const anchors = (device) =>
  getJson(`${API}/ledger/anchors?${new URLSearchParams({ device })}`);

/** An msec-proof/1 proof of one stored reading of `device`. */
export const readingProof = (device, seq) =>
  getJson(`${API}/ledger/proofs/reading?${new URLSearchParams({ device, seq })}`);

/** The node's verdict on a proof (its JSON text): {valid, failedStep, message}. */
export const checkProof = (text) => getJson(`${API}/ledger/proofs/check`, {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: text,
});

/** The stream of every accepted reading, as Server-Sent Events named "reading". */
export function stream() {
  return new EventSource(`${API}/stream`);
}
