package io.msec.market.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.ledger.OperationKind;
import io.msec.ledger.TxContext;
import io.msec.market.MarketCodes;
import io.msec.market.Offer;
import io.msec.market.WithdrawOffer;

/** Applies {@link WithdrawOffer}: the provider only, once. */
public final class WithdrawOfferOperation implements OperationKind<WithdrawOffer> {
  @Override
  public String type() {
    return WithdrawOffer.TYPE;
  }

  @Override
  public WithdrawOffer parse(JsonNode args) {
    return WithdrawOffer.fromArgs(args);
  }

  @Override
  public void apply(WithdrawOffer op, TxContext ctx) {
    Offer offer = Orders.offer(ctx.state(), op.offer());
    if (!offer.provider().equals(ctx.signer())) {
      throw Orders.refuse(MarketCodes.NOT_PROVIDER, "offer " + op.offer() + " is another's");
    }
    if (offer.withdrawn()) {
      throw Orders.refuse(MarketCodes.OFFER_WITHDRAWN, "offer " + op.offer() + " is withdrawn");
    }

    ctx.state().put(Offer.key(op.offer()), offer.asWithdrawn());
  }
}
