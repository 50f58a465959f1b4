package io.msec.market.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.ledger.Balances;
import io.msec.ledger.MutableState;
import io.msec.ledger.OperationKind;
import io.msec.ledger.TxContext;
import io.msec.market.Escrow;
import io.msec.market.License;
import io.msec.market.MarketCodes;
import io.msec.market.Offer;
import io.msec.market.Refund;

/** Applies {@link Refund}: returns a held escrow to the buyer; the node or the provider only. */
public final class RefundOperation implements OperationKind<Refund> {
  @Override
  public String type() {
    return Refund.TYPE;
  }

  @Override
  public Refund parse(JsonNode args) {
    return Refund.fromArgs(args);
  }

  @Override
  public void apply(Refund op, TxContext ctx) {
    Escrow escrow = Orders.escrow(ctx.state(), op.order());
    if (!escrow.held()) {
      throw Orders.refuse(MarketCodes.ESCROW_CLOSED, "order " + op.order() + " is closed");
    }
    if (!ctx.signer().equals(ctx.sequencer()) && !ctx.signer().equals(escrow.provider())) {
      throw Orders.refuse(
          MarketCodes.NOT_ALLOWED, "only the node or the provider refunds order " + op.order());
    }

    refund(ctx.state(), escrow, ctx.timeMillis(), op.reason());
  }

  /**
   * Returns {@code escrow} to its buyer and closes it. The buyer paid nothing, so the license ends
   * with it (a refunded buyer must not go on fetching the data), and the unit goes back on sale.
   */
  static void refund(MutableState state, Escrow escrow, long millis, String reason) {
    Orders.release(state, escrow.amount());
    Balances.credit(state, escrow.buyer(), escrow.amount());
    state.put(Escrow.key(escrow.order()), escrow.refunded(millis, reason));

    License license = Orders.license(state, escrow.order());
    if (!license.revoked()) {
      state.put(License.key(license.order()), license.revokedAt(millis));
    }
    Offer offer = Orders.offer(state, license.offer());
    state.put(Offer.key(offer.id()), offer.withSold(offer.sold() - 1));
  }
}
