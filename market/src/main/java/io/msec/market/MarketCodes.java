package io.msec.market;

import io.msec.ledger.LedgerException;

/**
 * The stable codes of the market's refusals (docs/market.md). Ledger operations refuse with a
 * {@link LedgerException} carrying one of these; the node's access checks answer with the last
 * group. Callers act on the code, never on the message.
 */
public final class MarketCodes {
  /** No offer under that id. */
  public static final String OFFER_NOT_FOUND = "offer-not-found";

  /** Only the provider of an offer may withdraw it. */
  public static final String NOT_PROVIDER = "not-provider";

  /** The offer was withdrawn: it can be neither bought nor withdrawn again. */
  public static final String OFFER_WITHDRAWN = "offer-withdrawn";

  /** The offer's expiry has passed. */
  public static final String OFFER_EXPIRED = "offer-expired";

  /** Every unit of the offer is sold. */
  public static final String SOLD_OUT = "sold-out";

  /** A provider cannot buy their own offer. */
  public static final String OWN_OFFER = "own-offer";

  /** The usage policy does not name that purpose. */
  public static final String PURPOSE_NOT_ALLOWED = "purpose-not-allowed";

  /** The usage policy does not name that region, or names regions and the buyer named none. */
  public static final String REGION_NOT_ALLOWED = "region-not-allowed";

  /** The offer's price is above the buyer's {@code maxPrice}. */
  public static final String PRICE_CHANGED = "price-changed";

  /** The buyer holds fewer tokens than the price. */
  public static final String INSUFFICIENT_FUNDS = LedgerException.INSUFFICIENT_FUNDS;

  /** No order (escrow and license) under that id. */
  public static final String ORDER_NOT_FOUND = "order-not-found";

  /** The order's escrow was settled or refunded already. */
  public static final String ESCROW_CLOSED = "escrow-closed";

  /** The signer may not settle, refund or revoke this order (now). */
  public static final String NOT_ALLOWED = "not-allowed";

  /** The license was revoked. */
  public static final String LICENSE_REVOKED = "license-revoked";

  /** The signer is not the buyer of the order. */
  public static final String NOT_BUYER = "not-buyer";

  /** The order's escrow is not settled, so it cannot be rated yet. */
  public static final String NOT_SETTLED = "not-settled";

  /** The order was rated already; a rating is given once. */
  public static final String ALREADY_RATED = "already-rated";

  /** An offer names a device the signer does not own. */
  public static final String NOT_OWNER = LedgerException.NOT_OWNER;

  /** An offer names a device that is not registered. */
  public static final String UNKNOWN_DEVICE = LedgerException.UNKNOWN_DEVICE;

  /** An offer names a revoked device. */
  public static final String DEVICE_REVOKED = LedgerException.DEVICE_REVOKED;

  /** Arguments, product or policy are not well formed. */
  public static final String MALFORMED_TRANSACTION = LedgerException.MALFORMED_TRANSACTION;

  /** Access check: the license's validity has ended. */
  public static final String LICENSE_EXPIRED = "license-expired";

  /** Access check: the buyer's signature is missing, wrong or more than 5 minutes off. */
  public static final String BAD_AUTH = "bad-auth";

  private MarketCodes() {}
}
