package io.msec.ledger.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.ledger.Balances;
import io.msec.ledger.OperationKind;
import io.msec.ledger.Transfer;
import io.msec.ledger.TxContext;

/** Applies {@link Transfer}: debits the signer, credits the recipient; supply unchanged. */
public final class TransferOperation implements OperationKind<Transfer> {
  @Override
  public String type() {
    return Transfer.TYPE;
  }

  @Override
  public Transfer parse(JsonNode args) {
    return Transfer.fromArgs(args);
  }

  @Override
  public void apply(Transfer op, TxContext ctx) {
    Balances.debit(ctx.state(), ctx.signer(), op.amount());
    Balances.credit(ctx.state(), op.to(), op.amount());
  }
}
