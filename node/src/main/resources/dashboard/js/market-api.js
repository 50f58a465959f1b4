// Calls to the node's marketplace API (/api/v1/market, docs/market.md "HTTP API"). Delivery calls
// carry the buyer's signed access value; everything else is public.

import { ApiError } from "./api.js";

const MARKET = "/api/v1/market";

async function send(path, init = {}) {
  try {
    return await fetch(path, init);
  } catch (e) {
    throw new ApiError(`the node does not answer (${e.message})`, 0, "unreachable");
  }
}

/** The RFC 9457 problem of a refused call, as an ApiError. */
async function refusal(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // not a problem document: the status says enough
  }
  const detail = body && body.detail ? body.detail : `HTTP ${response.status}`;
  return new ApiError(detail, response.status, body && body.code);
}

async function json(path) {
  const response = await send(path, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    throw await refusal(response);
  }
  return response.json();
}

/** The catalogue: DCAT datasets matching `search` ({q, property, maxPrice, kind, ...}). */
export function offers(search = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) {
    if (v !== undefined && v !== null && v !== "") {
      q.set(k, v);
    }
  }
  const query = q.toString();
  return json(`${MARKET}/offers${query ? `?${query}` : ""}`);
}

export const offer = (id) => json(`${MARKET}/offers/${encodeURIComponent(id)}`);
export const reputation = () => json(`${MARKET}/reputation`);
export const orders = (buyer) => json(`${MARKET}/orders?${new URLSearchParams({ buyer })}`);
export const earnings = (did) => json(`${MARKET}/earnings/${encodeURIComponent(did)}`);

/** The sealed bundle of a history or dataset order, as bytes. */
export async function bundle(order, purpose, auth) {
  const path = `${MARKET}/licenses/${encodeURIComponent(order)}/bundle?`
    + new URLSearchParams({ purpose });
  const response = await send(path, { headers: { Authorization: auth } });
  if (!response.ok) {
    throw await refusal(response);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * The encrypted stream of a stream order, as Server-Sent Events "grant" and "reading". An
 * EventSource cannot set headers, so the access value goes in the query (`auth`).
 */
export function stream(order, purpose, auth) {
  const q = new URLSearchParams({ purpose, auth });
  return new EventSource(`${MARKET}/licenses/${encodeURIComponent(order)}/stream?${q}`);
}
