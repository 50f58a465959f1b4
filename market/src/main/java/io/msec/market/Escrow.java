package io.msec.market;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.ledger.StateEntry;
import java.util.Locale;

/**
 * The tokens of one order, held between purchase and delivery; under {@code escrow/<order>} where
 * the order id is the id of the {@code buy} transaction. It leaves {@link State#HELD} once, to the
 * provider ({@link State#SETTLED}) or back to the buyer ({@link State#REFUNDED}). Immutable.
 *
 * @param amount tokens held, the offer's price at purchase
 * @param deadlineMillis when the node refunds an undelivered order (for a stream, not before the
 *     license ends)
 * @param closedMillis time of the block that settled or refunded it, 0 while held
 * @param reason why it was refunded, null otherwise
 */
public record Escrow(
    String order,
    DidKey buyer,
    DidKey provider,
    long amount,
    State state,
    long deadlineMillis,
    long closedMillis,
    String reason)
    implements StateEntry {
  /** Key prefix of all escrows; it does not cover {@link EscrowTotal#KEY}. */
  public static final String PREFIX = "escrow/";

  /** Where the tokens of an order are. */
  public enum State {
    /** In escrow. */
    HELD,
    /** Paid to the provider. */
    SETTLED,
    /** Returned to the buyer. */
    REFUNDED;

    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Escrow {
    if (amount < 0) {
      throw new IllegalArgumentException("an escrow holds 0 tokens or more");
    }
  }

  /** The state key of the escrow of {@code order}. */
  public static String key(String order) {
    return PREFIX + order;
  }

  public boolean held() {
    return state == State.HELD;
  }

  /** This escrow paid to the provider at {@code millis}. */
  public Escrow settled(long millis) {
    return new Escrow(order, buyer, provider, amount, State.SETTLED, deadlineMillis, millis, null);
  }

  /** This escrow returned to the buyer at {@code millis} because of {@code why}. */
  public Escrow refunded(long millis, String why) {
    return new Escrow(order, buyer, provider, amount, State.REFUNDED, deadlineMillis, millis, why);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("order", order);
    out.put("buyer", buyer.toString());
    out.put("provider", provider.toString());
    out.put("amount", Long.toString(amount));
    out.put("state", state.json());
    out.put("deadline", deadlineMillis);
    out.put("closed", closedMillis);
    if (reason != null) {
      out.put("reason", reason);
    }
    return out;
  }
}
