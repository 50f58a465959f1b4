package io.msec.node.market;

import io.msec.core.MsecException;
import io.msec.ledger.Operation;
import io.msec.market.License;
import io.msec.market.Market;
import io.msec.market.Offer;
import io.msec.market.Order;
import io.msec.market.Product;
import io.msec.market.Refund;
import io.msec.market.Settle;
import io.msec.node.chain.Anchorer;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node as escrow agent: it settles or refunds held escrow on the ledger, signed with its own
 * key, according to what it delivered (docs/market.md, "Settlement"):
 *
 * <ul>
 *   <li>nothing delivered within the offer's delivery window: refund ({@code delivery-timeout});
 *   <li>a stream whose period is over: settle if a grant was delivered, else refund;
 *   <li>a bundle delivered and the window over without the buyer's answer: settle.
 * </ul>
 *
 * It decides from the ledger and the durable {@link DeliveryLog} only, so it decides the same way
 * after a crash; {@link #reconcile()} runs at start and then periodically.
 */
final class EscrowAgent {
  private static final Logger LOG = LoggerFactory.getLogger(EscrowAgent.class);

  private final Market market;
  private final DeliveryLog log;
  private final Anchorer signer;
  private final Clock clock;

  EscrowAgent(Market market, DeliveryLog log, Anchorer signer, Clock clock) {
    this.market = market;
    this.log = log;
    this.signer = signer;
    this.clock = clock;
  }

  /**
   * Settles or refunds every held escrow that is due.
   *
   * @return the number of escrows closed
   */
  synchronized int reconcile() {
    long now = clock.millis();
    int closed = 0;
    for (Order o : market.orders()) {
      if (o.escrow().held()) {
        String decision = decide(o, now);
        if (decision != null && close(o, decision)) {
          closed++;
        }
      }
    }
    return closed;
  }

  /** Refunds {@code order} at once because the node cannot deliver it. */
  synchronized void deliveryFailed(String order, String reason) {
    market.order(order).filter(o -> o.escrow().held()).ifPresent(o -> close(o, "refund:" + reason));
  }

  private String decide(Order o, long now) {
    License l = o.license();
    boolean delivered = log.deliveredAt(o.id()).isPresent();
    long window = market.offer(l.offer()).map(Offer::deliveryWindowMillis).orElse(0L);
    if (l.product().kind() == Product.Kind.STREAM) {
      if (now >= l.validUntilMillis()) {
        return delivered ? "settle" : "refund:not-delivered";
      }
      return !delivered && now >= l.validFromMillis() + window ? "refund:delivery-timeout" : null;
    }
    if (now < o.escrow().deadlineMillis()) {
      return null;
    }
    return delivered ? "settle" : "refund:delivery-timeout";
  }

  private boolean close(Order o, String decision) {
    Operation op =
        decision.equals("settle")
            ? new Settle(o.id())
            : new Refund(o.id(), decision.substring("refund:".length()));
    try {
      signer.submitAsNode(op);
      LOG.info(
          "escrow closed order={} decision={} amount={}", o.id(), decision, o.escrow().amount());
      return true;
    } catch (MsecException e) {
      // The buyer may have settled in the same block, or the block time is not yet past the
      // deadline the node saw; the next round looks again.
      LOG.debug("escrow not closed order={} decision={} error={}", o.id(), decision, e.code());
      return false;
    }
  }
}
