package io.msec.market.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.MsecException;
import io.msec.ledger.Operation;
import io.msec.ledger.Transaction;
import io.msec.ledger.TransactionBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs ledger operations with the account's next nonce and submits them to the node, which answers
 * once the block holding the transaction is durable. Transactions of one account through one client
 * go one at a time, so they do not take each other's nonce. Thread-safe.
 */
final class Transactions {
  private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
  private static final String WRONG_NONCE = "wrong-nonce";
  private static final int ATTEMPTS = 20;

  private final NodeHttp http;
  private final Map<DidKey, ReentrantLock> locks = new ConcurrentHashMap<>();

  Transactions(NodeHttp http) {
    this.http = http;
  }

  long nextNonce(DidKey account) {
    JsonNode doc = http.get("/api/v1/ledger/accounts/" + account, null);
    JsonNode next = doc.get("nextNonce");
    if (next == null || !next.canConvertToLong() || next.longValue() < 1) {
      throw new MsecException("malformed-answer", "the node names no next nonce for " + account);
    }
    return next.longValue();
  }

  long balance(DidKey account) {
    JsonNode doc = http.get("/api/v1/ledger/accounts/" + account, null);
    try {
      return Long.parseLong(doc.path("balance").asText());
    } catch (NumberFormatException e) {
      throw new MsecException("malformed-answer", "the node names no balance for " + account);
    }
  }

  /**
   * Submits {@code op} signed by {@code signer}. Another client of the same account may take the
   * nonce first: with another operation (the node refuses this one, {@code wrong-nonce}), or with
   * the very same one, which makes the very same transaction (the node answers {@code repeated}: it
   * moved nothing for this call). Either way the operation is signed again with a fresh nonce, up
   * to {@value #ATTEMPTS} times in all, so that every call does what it asks once.
   *
   * @return the receipt: {@code {"tx","height","index","block","time","repeated":false}}
   * @throws MsecException with the node's code when it refuses the transaction
   */
  JsonNode submit(Identity signer, Operation op) {
    ReentrantLock lock = locks.computeIfAbsent(signer.did(), k -> new ReentrantLock());
    lock.lock();
    try {
      for (int attempt = 1; ; attempt++) {
        boolean last = attempt == ATTEMPTS;
        try {
          JsonNode receipt = submitOnce(signer, op);
          if (!receipt.path("repeated").asBoolean(false)) {
            return receipt;
          }
          if (last) {
            throw new MsecException(
                "nonce-contended",
                "other clients of "
                    + signer.did()
                    + " kept taking its nonce with the same "
                    + op.type()
                    + "; nothing was done for this call");
          }
        } catch (MsecException e) {
          if (!WRONG_NONCE.equals(e.code()) || last) {
            throw e;
          }
        }
        LOG.debug("nonce taken, signing again op={} account={}", op.type(), signer.did());
        // Clients that collided would collide again at once: wait a random part of a block.
        pause(ThreadLocalRandom.current().nextLong(20, 250));
      }
    } finally {
      lock.unlock();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MsecException("interrupted", "interrupted while waiting to sign again");
    }
  }

  private JsonNode submitOnce(Identity signer, Operation op) {
    long nonce = nextNonce(signer.did());
    Transaction tx = TransactionBuilder.sign(signer, nonce, op);
    JsonNode receipt = http.post("/api/v1/ledger/transactions", tx.toJson().toString());
    LOG.debug(
        "transaction committed op={} account={} tx={} height={}",
        op.type(),
        signer.did(),
        receipt.path("tx").asText(),
        receipt.path("height").asLong());
    return receipt;
  }
}
