package io.msec.market;

import io.msec.core.DidKey;
import io.msec.ledger.Ledger;
import io.msec.ledger.StateView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Read side of the market over a {@link Ledger} opened with {@link MarketOperations#registry()}:
 * offers, orders, ratings and escrow as of the last durable block. Lists are sorted by id. A read
 * of several entries may straddle two blocks, as for every ledger read. Thread-safe.
 *
 * <pre>{@code
 * Market market = new Market(ledger);
 * List<Order> mine = market.ordersOfBuyer(buyer.did());
 * }</pre>
 */
public final class Market {
  private final Ledger ledger;

  public Market(Ledger ledger) {
    this.ledger = ledger;
  }

  public Optional<Offer> offer(String id) {
    return ledger.state().get(Offer.key(id), Offer.class);
  }

  /** Every offer, withdrawn, expired and sold out ones included. */
  public List<Offer> offers() {
    return all(Offer.PREFIX, Offer.class);
  }

  public Optional<Order> order(String id) {
    StateView state = ledger.state();
    Optional<Escrow> escrow = state.get(Escrow.key(id), Escrow.class);
    Optional<License> license = state.get(License.key(id), License.class);
    if (escrow.isEmpty() || license.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Order(escrow.get(), license.get(), state.get(Rating.key(id), Rating.class)));
  }

  public List<Order> orders() {
    return ordersWhere(e -> true);
  }

  public List<Order> ordersOfBuyer(DidKey buyer) {
    return ordersWhere(e -> e.buyer().equals(buyer));
  }

  public List<Order> ordersOfProvider(DidKey provider) {
    return ordersWhere(e -> e.provider().equals(provider));
  }

  public List<Rating> ratings() {
    return all(Rating.PREFIX, Rating.class);
  }

  /** Tokens held in escrow now. */
  public long escrowHeld() {
    return ledger.state().get(EscrowTotal.KEY, EscrowTotal.class).map(EscrowTotal::held).orElse(0L);
  }

  /** Every license whose product covers {@code device}, revoked and expired ones included. */
  public List<License> licensesOf(DidKey device) {
    return all(License.PREFIX, License.class).stream()
        .filter(l -> l.product().covers(device))
        .toList();
  }

  // Limitation: the orders of one buyer or provider and the licenses of a device are found by
  // scanning every escrow or license in the state; an index is needed beyond some ten thousand.
  private List<Order> ordersWhere(Predicate<Escrow> filter) {
    List<Order> out = new ArrayList<>();
    for (Escrow e : all(Escrow.PREFIX, Escrow.class)) {
      if (filter.test(e)) {
        order(e.order()).ifPresent(out::add);
      }
    }
    return out;
  }

  private <T> List<T> all(String prefix, Class<T> type) {
    return ledger.entries(prefix).stream().map(type::cast).toList();
  }
}
