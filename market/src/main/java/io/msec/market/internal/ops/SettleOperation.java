package io.msec.market.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.ledger.Balances;
import io.msec.ledger.OperationKind;
import io.msec.ledger.TxContext;
import io.msec.market.Escrow;
import io.msec.market.License;
import io.msec.market.MarketCodes;
import io.msec.market.Product;
import io.msec.market.Settle;

/**
 * Applies {@link Settle}: pays a held escrow to the provider. The buyer may settle at any time; the
 * node (sequencer) a stream whose license has ended, or another product once its delivery deadline
 * has passed (the node settles only what it delivered and the buyer left unanswered; it refunds the
 * rest).
 */
public final class SettleOperation implements OperationKind<Settle> {
  @Override
  public String type() {
    return Settle.TYPE;
  }

  @Override
  public Settle parse(JsonNode args) {
    return Settle.fromArgs(args);
  }

  @Override
  public void apply(Settle op, TxContext ctx) {
    Escrow escrow = Orders.escrow(ctx.state(), op.order());
    License license = Orders.license(ctx.state(), op.order());
    if (!escrow.held()) {
      throw Orders.refuse(MarketCodes.ESCROW_CLOSED, "order " + op.order() + " is closed");
    }
    if (!maySettle(escrow, license, ctx)) {
      throw Orders.refuse(
          MarketCodes.NOT_ALLOWED,
          "only the buyer, or the node once the order is due, settles order " + op.order());
    }

    Orders.release(ctx.state(), escrow.amount());
    Balances.credit(ctx.state(), escrow.provider(), escrow.amount());
    ctx.state().put(Escrow.key(op.order()), escrow.settled(ctx.timeMillis()));
  }

  private static boolean maySettle(Escrow escrow, License license, TxContext ctx) {
    if (ctx.signer().equals(escrow.buyer())) {
      return true;
    }
    if (!ctx.signer().equals(ctx.sequencer())) {
      return false;
    }
    return license.product().kind() == Product.Kind.STREAM
        ? ctx.timeMillis() >= license.validUntilMillis()
        : ctx.timeMillis() >= escrow.deadlineMillis();
  }
}
