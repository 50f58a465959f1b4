package io.msec.ledger.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.ledger.Balances;
import io.msec.ledger.LedgerException;
import io.msec.ledger.Mint;
import io.msec.ledger.OperationKind;
import io.msec.ledger.Supply;
import io.msec.ledger.TxContext;

/** Applies {@link Mint}: treasury only; raises the balance and the total supply alike. */
public final class MintOperation implements OperationKind<Mint> {
  @Override
  public String type() {
    return Mint.TYPE;
  }

  @Override
  public Mint parse(JsonNode args) {
    return Mint.fromArgs(args);
  }

  @Override
  public void apply(Mint op, TxContext ctx) {
    if (!ctx.signer().equals(ctx.treasury())) {
      throw new LedgerException(
          LedgerException.NOT_TREASURY, "only the treasury " + ctx.treasury() + " may mint");
    }
    long supply = Balances.add(Balances.supply(ctx.state()), op.amount());
    Balances.credit(ctx.state(), op.to(), op.amount());
    ctx.state().put(Supply.KEY, new Supply(supply));
  }
}
