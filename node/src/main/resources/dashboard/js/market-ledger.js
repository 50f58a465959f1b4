// Ledger transactions signed in the page with the loaded account key (docs/ledger.md): the
// account signs "msec/tx/v1\n" followed by the RFC 8785 bytes of {account, nonce, op, args}, and
// the node answers with the receipt once the transaction is in a block.

import { ApiError } from "./api.js";
import { base64, concat, utf8 } from "./market-bytes.js";
import { canonical } from "./proof.js";

const LEDGER = "/api/v1/ledger";
const DOMAIN = "msec/tx/v1\n";

async function call(path, init) {
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(`the node does not answer (${e.message})`, 0, "unreachable");
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(body && body.detail ? body.detail : `HTTP ${response.status}`,
      response.status, body && body.code);
  }
  return body;
}

/** Signs and submits `op` with `args` as `account`; answers the node's receipt. */
export async function submit(account, op, args) {
  const state = await call(`${LEDGER}/accounts/${encodeURIComponent(account.did)}`);
  const unsigned = { account: account.did, nonce: state.nextNonce, op, args };
  const sig = await account.sign(concat(utf8(DOMAIN), utf8(canonical(unsigned))));
  return call(`${LEDGER}/transactions`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ ...unsigned, sig: base64(sig) }),
  });
}
