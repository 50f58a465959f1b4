package io.msec.node.market;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.ledger.Block;
import io.msec.ledger.Ledger;
import io.msec.ledger.Transaction;
import io.msec.market.Buy;
import io.msec.market.Refund;
import io.msec.market.RevokeLicense;
import io.msec.market.Settle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One order's history as an event log in the alphabet of {@code models/purchase.fsp}, so that a
 * running node is checked against the model: {@code msec check --trace events.jsonl
 * models/purchase.fsp}. The ledger gives the purchase, settlement and refund; the {@link
 * DeliveryLog} gives the delivery, placed by its time among the ledger's blocks.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><td>{@code buy}</td><td>buyer.order, ledger.escrow, provider.license</td></tr>
 *   <tr><td>first delivery</td><td>provider.deliver</td></tr>
 *   <tr><td>{@code settle} by the buyer</td>
 *       <td>buyer.confirm, ledger.settle, order.closed</td></tr>
 *   <tr><td>{@code settle} by the node</td><td>timeout, ledger.settle, order.closed</td></tr>
 *   <tr><td>{@code refund}, or {@code revoke-license} while held</td>
 *       <td>timeout, ledger.refund, order.closed</td></tr>
 * </table>
 */
final class PurchaseEvents {
  private final Ledger ledger;
  private final DeliveryLog log;

  PurchaseEvents(Ledger ledger, DeliveryLog log) {
    this.ledger = ledger;
    this.log = log;
  }

  /** The events of {@code order}, empty if it was never bought. */
  List<ObjectNode> of(String order) {
    List<ObjectNode> out = new ArrayList<>();
    Optional<Long> delivered = log.deliveredAt(order);
    boolean deliveryPlaced = false;
    boolean closed = false;
    for (long h = 0; h <= ledger.height() && !closed; h++) {
      Block b = ledger.block(h).orElse(null);
      if (b == null) {
        continue;
      }
      if (!out.isEmpty()
          && !deliveryPlaced
          && delivered.isPresent()
          && delivered.get() <= b.header().timeMillis()) {
        add(out, order, h, null, "provider.deliver");
        deliveryPlaced = true;
      }
      for (Transaction tx : b.transactions()) {
        String tid = tx.idHex();
        String op = tx.op();
        if (op.equals(Buy.TYPE) && tid.equals(order)) {
          add(out, order, h, tid, "buyer.order", "ledger.escrow", "provider.license");
        } else if (order.equals(tx.args().path("order").asText(null)) && !out.isEmpty()) {
          if (op.equals(Settle.TYPE)) {
            String first = tx.account().equals(ledger.sequencerKey()) ? "timeout" : "buyer.confirm";
            add(out, order, h, tid, first, "ledger.settle", "order.closed");
            closed = true;
          } else if (op.equals(Refund.TYPE) || op.equals(RevokeLicense.TYPE)) {
            add(out, order, h, tid, "timeout", "ledger.refund", "order.closed");
            closed = true;
          }
        }
      }
    }
    if (!out.isEmpty() && !deliveryPlaced && !closed && delivered.isPresent()) {
      add(out, order, ledger.height(), null, "provider.deliver");
    }
    return out;
  }

  private static void add(List<ObjectNode> out, String order, long h, String tx, String... acts) {
    for (String a : acts) {
      ObjectNode e = Json.mapper().createObjectNode();
      e.put("seq", out.size() + 1);
      e.put("action", a);
      e.put("order", order);
      e.put("height", h);
      if (tx != null) {
        e.put("tx", tx);
      }
      out.add(e);
    }
  }
}
