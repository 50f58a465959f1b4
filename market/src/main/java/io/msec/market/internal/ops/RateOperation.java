package io.msec.market.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.ledger.OperationKind;
import io.msec.ledger.TxContext;
import io.msec.market.Escrow;
import io.msec.market.MarketCodes;
import io.msec.market.Rate;
import io.msec.market.Rating;

/** Applies {@link Rate}: the buyer of a settled order rates it once. */
public final class RateOperation implements OperationKind<Rate> {
  @Override
  public String type() {
    return Rate.TYPE;
  }

  @Override
  public Rate parse(JsonNode args) {
    return Rate.fromArgs(args);
  }

  @Override
  public void apply(Rate op, TxContext ctx) {
    Escrow escrow = Orders.escrow(ctx.state(), op.order());
    if (!escrow.buyer().equals(ctx.signer())) {
      throw Orders.refuse(MarketCodes.NOT_BUYER, "only the buyer rates order " + op.order());
    }
    if (escrow.state() != Escrow.State.SETTLED) {
      throw Orders.refuse(MarketCodes.NOT_SETTLED, "order " + op.order() + " is not settled");
    }
    if (ctx.state().get(Rating.key(op.order())).isPresent()) {
      throw Orders.refuse(MarketCodes.ALREADY_RATED, "order " + op.order() + " is rated");
    }

    ctx.state()
        .put(
            Rating.key(op.order()),
            new Rating(
                op.order(),
                escrow.buyer(),
                escrow.provider(),
                op.score(),
                escrow.amount(),
                op.comment(),
                ctx.timeMillis()));
  }
}
