package io.msec.market.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.ledger.Balances;
import io.msec.ledger.OperationKind;
import io.msec.ledger.TxContext;
import io.msec.market.Buy;
import io.msec.market.Escrow;
import io.msec.market.License;
import io.msec.market.MarketCodes;
import io.msec.market.Offer;
import io.msec.market.Product;
import io.msec.market.UsagePolicy;

/**
 * Applies {@link Buy}. Refuses, in this order: {@code offer-not-found}, {@code offer-withdrawn},
 * {@code offer-expired}, {@code sold-out}, {@code own-offer}, {@code purpose-not-allowed}, {@code
 * region-not-allowed}, {@code price-changed}, {@code insufficient-funds}. Then moves the price from
 * the buyer into escrow, writes the license and counts the unit sold, all in one transaction.
 */
public final class BuyOperation implements OperationKind<Buy> {
  @Override
  public String type() {
    return Buy.TYPE;
  }

  @Override
  public Buy parse(JsonNode args) {
    return Buy.fromArgs(args);
  }

  @Override
  public void apply(Buy op, TxContext ctx) {
    Offer offer = Orders.offer(ctx.state(), op.offer());
    check(offer, op, ctx);
    long now = ctx.timeMillis();
    UsagePolicy policy = offer.policy();
    long validity = policy.validity().toMillis();
    if (offer.product().kind() == Product.Kind.STREAM) {
      validity = Math.min(validity, offer.product().period().toMillis());
    }
    long validUntil = now + validity;
    long deadline = now + offer.deliveryWindowMillis();
    if (offer.product().kind() == Product.Kind.STREAM) {
      // A stream is paid for its whole period: the node settles it once the license has ended.
      deadline = Math.max(deadline, validUntil);
    }

    Balances.debit(ctx.state(), ctx.signer(), offer.price());
    Orders.hold(ctx.state(), offer.price());

    String order = ctx.txId();
    ctx.state()
        .put(
            Escrow.key(order),
            new Escrow(
                order,
                ctx.signer(),
                offer.provider(),
                offer.price(),
                Escrow.State.HELD,
                deadline,
                0,
                null));
    ctx.state()
        .put(
            License.key(order),
            new License(
                order,
                offer.id(),
                ctx.signer(),
                offer.provider(),
                offer.product(),
                op.purpose(),
                op.region(),
                op.recipient(),
                now,
                validUntil,
                0,
                policy.noResale(),
                policy.attribution()));
    ctx.state().put(Offer.key(offer.id()), offer.withSold(offer.sold() + 1));
  }

  private static void check(Offer offer, Buy op, TxContext ctx) {
    if (offer.withdrawn()) {
      throw Orders.refuse(MarketCodes.OFFER_WITHDRAWN, "offer " + offer.id() + " is withdrawn");
    }
    if (offer.expiredAt(ctx.timeMillis())) {
      throw Orders.refuse(MarketCodes.OFFER_EXPIRED, "offer " + offer.id() + " has expired");
    }
    if (offer.soldOut()) {
      throw Orders.refuse(MarketCodes.SOLD_OUT, "offer " + offer.id() + " is sold out");
    }
    if (offer.provider().equals(ctx.signer())) {
      throw Orders.refuse(MarketCodes.OWN_OFFER, "a provider cannot buy their own offer");
    }
    if (!offer.policy().allowsPurpose(op.purpose())) {
      throw Orders.refuse(
          MarketCodes.PURPOSE_NOT_ALLOWED, "the policy does not allow purpose " + op.purpose());
    }
    if (!offer.policy().allowsRegion(op.region())) {
      throw Orders.refuse(
          MarketCodes.REGION_NOT_ALLOWED,
          "the policy allows regions " + offer.policy().regions() + ", not " + op.region());
    }
    if (op.maxPrice() < offer.price()) {
      throw Orders.refuse(
          MarketCodes.PRICE_CHANGED,
          "offer " + offer.id() + " costs " + offer.price() + ", above " + op.maxPrice());
    }
  }
}
