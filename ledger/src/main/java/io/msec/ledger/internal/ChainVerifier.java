package io.msec.ledger.internal;

import io.msec.core.DidKey;
import io.msec.ledger.Block;
import io.msec.ledger.LedgerException;
import io.msec.ledger.OperationRegistry;
import io.msec.ledger.VerifyProgress;
import io.msec.ledger.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-checks a stored chain from scratch without changing it: checksums, hash links, the sequencer's
 * signature on every block, every transaction's signature (in parallel), transaction roots, and
 * state roots by replaying every transaction. Stops at the first bad block.
 */
public final class ChainVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(ChainVerifier.class);

  private ChainVerifier() {}

  /** Verifies the chain in {@code dataDir}. */
  public static VerifyReport verify(
      Path dataDir, OperationRegistry ops, int threads, VerifyProgress progress) {
    Path file = dataDir.resolve(Replica.LOG_FILE);
    if (!Files.isRegularFile(file)) {
      throw new LedgerException(LedgerException.NOT_FOUND, "no ledger in " + dataDir);
    }
    long total = BlockLog.countRecords(file);
    ChainReplay replay = new ChainReplay(ops);
    long[] txs = {0};
    long[] bad = {-1};
    String[] reason = {null};
    BlockLog.Scan scan;
    try (ParallelVerifier verifier = new ParallelVerifier(threads)) {
      scan =
          BlockLog.scanReadOnly(
              file,
              (offset, payload) -> {
                if (bad[0] >= 0) {
                  return;
                }
                long height = replay.index().size();
                try {
                  Block block = BlockCodec.decode(payload);
                  checkSignatures(block, replay, verifier);
                  replay.apply(block);
                  replay.adopt(block, offset);
                  txs[0] += block.transactions().size();
                  progress.onBlock(replay.index().size(), total);
                } catch (LedgerException e) {
                  bad[0] = height;
                  reason[0] = e.getMessage();
                }
              });
    }
    long blocks = replay.index().size();
    if (bad[0] < 0 && blocks == 0) {
      bad[0] = 0;
      reason[0] = "no intact genesis block";
    }
    VerifyReport report =
        new VerifyReport(
            bad[0] < 0, blocks, txs[0], bad[0], reason[0], scan.fileBytes() - scan.intactBytes());
    LOG.info(
        "verified chain dir={} valid={} blocks={} txs={} firstBad={} tornTailBytes={}",
        dataDir,
        report.valid(),
        blocks,
        report.transactions(),
        report.firstBadHeight(),
        report.tornTailBytes());
    return report;
  }

  private static void checkSignatures(Block block, ChainReplay replay, ParallelVerifier verifier) {
    DidKey sequencer =
        block.height() == 0 || replay.index().size() == 0
            ? block.header().sequencer()
            : replay.sequencer();
    if (!block.header().sequencer().equals(sequencer) || !block.verifySignature()) {
      throw new LedgerException(
          LedgerException.CORRUPT_CHAIN, "the block is not signed by sequencer " + sequencer);
    }
    boolean[] ok = verifier.verify(block.transactions());
    for (int i = 0; i < ok.length; i++) {
      if (!ok[i]) {
        throw new LedgerException(
            LedgerException.CORRUPT_CHAIN,
            "transaction " + i + " (" + block.transactions().get(i).idHex() + ") is badly signed");
      }
    }
  }
}
