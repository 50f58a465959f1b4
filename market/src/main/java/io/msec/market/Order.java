package io.msec.market;

import io.msec.core.DidKey;
import java.util.Optional;

/**
 * One purchase as the ledger holds it: its escrow, its license and its rating if given. The order
 * id is the id of the {@code buy} transaction. Immutable.
 */
public record Order(Escrow escrow, License license, Optional<Rating> rating) {
  public Order {
    if (!escrow.order().equals(license.order())) {
      throw new IllegalArgumentException("escrow and license of different orders");
    }
  }

  /** The order id. */
  public String id() {
    return escrow.order();
  }

  /** The id of the offer it was bought from. */
  public String offer() {
    return license.offer();
  }

  public DidKey buyer() {
    return escrow.buyer();
  }

  public DidKey provider() {
    return escrow.provider();
  }
}
