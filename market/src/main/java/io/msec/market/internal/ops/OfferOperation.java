package io.msec.market.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.ledger.Args;
import io.msec.ledger.Device;
import io.msec.ledger.OperationKind;
import io.msec.ledger.TxContext;
import io.msec.market.CreateOffer;
import io.msec.market.MarketCodes;
import io.msec.market.Offer;

/**
 * Applies {@link CreateOffer}: the signer must own every device of the product, none revoked; the
 * offer is stored under its transaction id with nothing sold.
 */
public final class OfferOperation implements OperationKind<CreateOffer> {
  @Override
  public String type() {
    return CreateOffer.TYPE;
  }

  @Override
  public CreateOffer parse(JsonNode args) {
    return CreateOffer.fromArgs(args);
  }

  @Override
  public void apply(CreateOffer op, TxContext ctx) {
    for (DidKey id : op.product().devices()) {
      Device d =
          ctx.state()
              .get(Device.key(id), Device.class)
              .orElseThrow(() -> Orders.refuse(MarketCodes.UNKNOWN_DEVICE, "no device " + id));
      if (!d.owner().equals(ctx.signer())) {
        throw Orders.refuse(MarketCodes.NOT_OWNER, "device " + id + " belongs to another account");
      }
      if (d.revoked()) {
        throw Orders.refuse(MarketCodes.DEVICE_REVOKED, "device " + id + " is revoked");
      }
    }
    if (op.expiresMillis() != 0 && op.expiresMillis() <= ctx.timeMillis()) {
      throw Args.malformed("the offer expires before it is recorded");
    }

    ctx.state()
        .put(
            Offer.key(ctx.txId()),
            new Offer(
                ctx.txId(),
                ctx.signer(),
                op.product(),
                op.price(),
                op.units(),
                0,
                op.expiresMillis(),
                op.deliveryWindowMillis(),
                op.policy(),
                op.title(),
                op.description(),
                op.keywords(),
                ctx.timeMillis(),
                false));
  }
}
