package io.msec.market.internal.ops;

import io.msec.ledger.LedgerException;
import io.msec.ledger.MutableState;
import io.msec.ledger.StateView;
import io.msec.market.Escrow;
import io.msec.market.EscrowTotal;
import io.msec.market.License;
import io.msec.market.MarketCodes;
import io.msec.market.Offer;

/** Lookups and escrow bookkeeping shared by the market operations. */
final class Orders {
  private Orders() {}

  static Offer offer(StateView state, String id) {
    return state
        .get(Offer.key(id), Offer.class)
        .orElseThrow(() -> refuse(MarketCodes.OFFER_NOT_FOUND, "no offer " + id));
  }

  static Escrow escrow(StateView state, String order) {
    return state
        .get(Escrow.key(order), Escrow.class)
        .orElseThrow(() -> refuse(MarketCodes.ORDER_NOT_FOUND, "no order " + order));
  }

  static License license(StateView state, String order) {
    return state
        .get(License.key(order), License.class)
        .orElseThrow(() -> refuse(MarketCodes.ORDER_NOT_FOUND, "no order " + order));
  }

  static long held(StateView state) {
    return state.get(EscrowTotal.KEY, EscrowTotal.class).map(EscrowTotal::held).orElse(0L);
  }

  /** Adds {@code amount} to the escrow total; the caller has debited it from an account. */
  static void hold(MutableState state, long amount) {
    state.put(EscrowTotal.KEY, new EscrowTotal(io.msec.ledger.Balances.add(held(state), amount)));
  }

  /** Takes {@code amount} from the escrow total; the caller credits it to an account. */
  static void release(MutableState state, long amount) {
    long held = held(state);
    if (held < amount) {
      // Only a broken invariant gets here: every release matches an earlier hold.
      throw new IllegalStateException("escrow total " + held + " is below " + amount);
    }
    state.put(EscrowTotal.KEY, new EscrowTotal(held - amount));
  }

  static LedgerException refuse(String code, String message) {
    return new LedgerException(code, message);
  }
}
