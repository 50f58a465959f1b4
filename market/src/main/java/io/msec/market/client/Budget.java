package io.msec.market.client;

import io.msec.core.MsecException;
import java.util.ArrayList;
import java.util.List;

/**
 * A spending cap that an owner sets for a buyer that buys on its own, such as a smart object: at
 * most {@code maxPerPurchase} tokens for one purchase and {@code maxTotal} in all. A purchase that
 * would break either is refused with {@code over-budget} before anything is signed. Spends are kept
 * in memory only, so a new budget starts from nothing. Thread-safe.
 *
 * <pre>{@code
 * Budget budget = new Budget(10, 100);
 * String order = client.buy(sensor, offerId, "ventilation-control", null, key, budget);
 * }</pre>
 */
public final class Budget {
  /** The code of a refused purchase. */
  public static final String OVER_BUDGET = "over-budget";

  /**
   * One purchase paid from the budget.
   *
   * @param order the order id
   * @param price the tokens paid
   */
  public record Spend(String order, long price) {}

  private final long maxPerPurchase;
  private final long maxTotal;
  private final List<Spend> spends = new ArrayList<>();
  private long spent;
  private long reserved;

  /**
   * @param maxPerPurchase the most one purchase may cost, 0 or more
   * @param maxTotal the most all purchases together may cost, 0 or more
   */
  public Budget(long maxPerPurchase, long maxTotal) {
    if (maxPerPurchase < 0 || maxTotal < 0) {
      throw new IllegalArgumentException("a budget's caps are 0 or more");
    }
    this.maxPerPurchase = maxPerPurchase;
    this.maxTotal = maxTotal;
  }

  public long maxPerPurchase() {
    return maxPerPurchase;
  }

  public long maxTotal() {
    return maxTotal;
  }

  /** Tokens paid so far. */
  public synchronized long spent() {
    return spent;
  }

  /** Tokens that may still be spent, purchases under way counted as spent. */
  public synchronized long remaining() {
    return maxTotal - spent - reserved;
  }

  /** The purchases paid from this budget, oldest first. */
  public synchronized List<Spend> spends() {
    return List.copyOf(spends);
  }

  /**
   * Sets {@code price} aside for a purchase under way.
   *
   * @throws MsecException {@code over-budget} if the price is above the cap per purchase or above
   *     what remains
   */
  synchronized void reserve(long price) {
    if (price > maxPerPurchase) {
      throw new MsecException(
          OVER_BUDGET,
          "the price " + price + " is above the budget's cap of " + maxPerPurchase + " a purchase");
    }
    if (price > maxTotal - spent - reserved) {
      throw new MsecException(
          OVER_BUDGET,
          "the price " + price + " is above the " + (maxTotal - spent - reserved) + " left");
    }
    reserved += price;
  }

  /** The purchase {@code price} was set aside for did not happen. */
  synchronized void release(long price) {
    reserved -= price;
  }

  /** The purchase {@code price} was set aside for is paid, as {@code order}. */
  synchronized void record(String order, long price) {
    reserved -= price;
    spent += price;
    spends.add(new Spend(order, price));
  }
}
