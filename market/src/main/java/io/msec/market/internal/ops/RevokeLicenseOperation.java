package io.msec.market.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.ledger.OperationKind;
import io.msec.ledger.TxContext;
import io.msec.market.Escrow;
import io.msec.market.License;
import io.msec.market.MarketCodes;
import io.msec.market.RevokeLicense;

/**
 * Applies {@link RevokeLicense}: the provider or the node revokes a license once; an escrow still
 * held is refunded to the buyer in the same transaction.
 */
public final class RevokeLicenseOperation implements OperationKind<RevokeLicense> {
  @Override
  public String type() {
    return RevokeLicense.TYPE;
  }

  @Override
  public RevokeLicense parse(JsonNode args) {
    return RevokeLicense.fromArgs(args);
  }

  @Override
  public void apply(RevokeLicense op, TxContext ctx) {
    License license = Orders.license(ctx.state(), op.order());
    if (license.revoked()) {
      throw Orders.refuse(MarketCodes.LICENSE_REVOKED, "order " + op.order() + " is revoked");
    }
    if (!ctx.signer().equals(ctx.sequencer()) && !ctx.signer().equals(license.provider())) {
      throw Orders.refuse(
          MarketCodes.NOT_ALLOWED, "only the node or the provider revokes order " + op.order());
    }

    ctx.state().put(License.key(op.order()), license.revokedAt(ctx.timeMillis()));
    Escrow escrow = Orders.escrow(ctx.state(), op.order());
    if (escrow.held()) {
      RefundOperation.refund(ctx.state(), escrow, ctx.timeMillis(), op.reason());
    }
  }
}
