package io.msec.ledger.internal;

import io.msec.core.MerkleTree;
import io.msec.ledger.BlockHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory index of the stored chain: each block's header, hash, signature and file offset, the
 * position of every transaction, and the chain as an RFC 9162 log whose leaves are the block
 * hashes. Thread-safe: one writer (the sequencing thread), any number of readers.
 *
 * <p>Limitation: the index lives in memory (about 150 bytes per transaction and 500 per block) and
 * is rebuilt by replay at every start.
 */
public final class ChainIndex {
  /** One stored block. */
  public record Meta(BlockHeader header, byte[] hash, byte[] signature, long offset) {}

  /** Where a transaction sits. */
  public record Location(long height, int index) {}

  private record TxKey(long a, long b, long c, long d) {
    static TxKey of(byte[] id) {
      ByteBuffer buf = ByteBuffer.wrap(id);
      return new TxKey(buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong());
    }
  }

  private final List<Meta> blocks = new ArrayList<>();
  private final List<byte[]> chainLeaves = new ArrayList<>();
  private final CompactRange range = new CompactRange();
  private final ConcurrentHashMap<TxKey, Location> txs = new ConcurrentHashMap<>();

  /** Records a durable block and its transaction ids (in block order). */
  public void add(Meta meta, List<byte[]> txIds) {
    for (int i = 0; i < txIds.size(); i++) {
      txs.put(TxKey.of(txIds.get(i)), new Location(meta.header().height(), i));
    }
    synchronized (this) {
      blocks.add(meta);
      byte[] leaf = MerkleTree.leafHash(meta.hash());
      chainLeaves.add(leaf);
      range.append(leaf);
    }
  }

  public Optional<Location> locate(byte[] txId) {
    if (txId.length != 32) {
      return Optional.empty();
    }
    return Optional.ofNullable(txs.get(TxKey.of(txId)));
  }

  /** Number of blocks, genesis included. */
  public synchronized long size() {
    return blocks.size();
  }

  public synchronized Optional<Meta> block(long height) {
    if (height < 0 || height >= blocks.size()) {
      return Optional.empty();
    }
    return Optional.of(blocks.get((int) height));
  }

  /** The last block; the chain always has genesis once opened. */
  public synchronized Meta last() {
    return blocks.get(blocks.size() - 1);
  }

  /** RFC 9162 root over the block hashes so far. */
  public synchronized byte[] chainRoot() {
    return range.root();
  }

  /** The leaf hashes of the first {@code size} block hashes. */
  public synchronized List<byte[]> chainLeaves(long size) {
    return new ArrayList<>(chainLeaves.subList(0, (int) size));
  }

  public long transactionCount() {
    return txs.size();
  }
}
