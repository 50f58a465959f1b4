package io.msec.market;

import io.msec.ledger.OperationKind;
import io.msec.ledger.OperationRegistry;
import io.msec.market.internal.ops.BuyOperation;
import io.msec.market.internal.ops.OfferOperation;
import io.msec.market.internal.ops.RateOperation;
import io.msec.market.internal.ops.RefundOperation;
import io.msec.market.internal.ops.RevokeLicenseOperation;
import io.msec.market.internal.ops.SettleOperation;
import io.msec.market.internal.ops.WithdrawOfferOperation;
import java.util.List;

/**
 * The market's ledger operations: {@code offer}, {@code withdraw-offer}, {@code buy}, {@code
 * settle}, {@code refund}, {@code revoke-license} and {@code rate}. A ledger that holds market
 * transactions must be opened, replayed and verified with a registry that has them.
 *
 * <pre>{@code
 * Ledger ledger = Ledger.open(dir, node, treasury, clock, config, MarketOperations.registry(),
 *     EmbeddedSequencer::new);
 * }</pre>
 */
public final class MarketOperations {
  private MarketOperations() {}

  /** The standard operations and the market's. */
  public static OperationRegistry registry() {
    return addTo(OperationRegistry.standard());
  }

  /**
   * {@code registry} and the market's operations.
   *
   * @throws IllegalArgumentException if {@code registry} has one of them already
   */
  public static OperationRegistry addTo(OperationRegistry registry) {
    OperationRegistry out = registry;
    for (OperationKind<?> kind : kinds()) {
      out = out.with(kind);
    }
    return out;
  }

  private static List<OperationKind<?>> kinds() {
    return List.of(
        new OfferOperation(),
        new WithdrawOfferOperation(),
        new BuyOperation(),
        new SettleOperation(),
        new RefundOperation(),
        new RevokeLicenseOperation(),
        new RateOperation());
  }
}
