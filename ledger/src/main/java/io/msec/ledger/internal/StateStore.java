package io.msec.ledger.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.msec.core.CanonicalJson;
import io.msec.core.Json;
import io.msec.core.MerkleTree;
import io.msec.ledger.MutableState;
import io.msec.ledger.StateEntry;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The committed ledger state and its root. Readers may call {@link #get} from any thread; writes
 * come from the one sequencing thread. The state root is the RFC 9162 Merkle root over all entries
 * sorted by key, each leaf being the RFC 8785 bytes of the array {@code [key, value]}.
 */
public final class StateStore implements MutableState {
  private final ConcurrentSkipListMap<String, StateEntry> entries = new ConcurrentSkipListMap<>();
  private final TreeMap<String, byte[]> leaves = new TreeMap<>();

  @Override
  public Optional<StateEntry> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public Optional<Map.Entry<String, StateEntry>> floor(String key) {
    return Optional.ofNullable(entries.floorEntry(key));
  }

  @Override
  public void put(String key, StateEntry value) {
    leaves.put(key, leafHash(key, value));
    entries.put(key, value);
  }

  /** The RFC 9162 leaf hash of one state entry. */
  public static byte[] leafHash(String key, StateEntry value) {
    ArrayNode pair = Json.mapper().createArrayNode();
    pair.add(key);
    pair.add(value.toJson());
    return MerkleTree.leafHash(CanonicalJson.bytes(pair));
  }

  /**
   * Hashes {@code pending} into the state root and returns the new root, leaving the readable
   * entries as they are until {@link #publish}. Once staged, a block must be published or the store
   * abandoned.
   *
   * <p>Limitation: the root is recomputed over all entries, O(state size) per block.
   */
  public byte[] stage(Map<String, StateEntry> pending) {
    pending.forEach((k, v) -> leaves.put(k, leafHash(k, v)));
    return root();
  }

  /** Makes staged entries readable. */
  public void publish(Map<String, StateEntry> pending) {
    entries.putAll(pending);
  }

  /** The current state root. */
  public byte[] root() {
    return MerkleTree.root(new ArrayList<>(leaves.values()));
  }

  /** The entries whose keys start with {@code prefix}, sorted by key. */
  public java.util.List<StateEntry> prefixed(String prefix) {
    return new ArrayList<>(entries.subMap(prefix, prefix + Character.MAX_VALUE).values());
  }

  /** Number of entries. */
  public int size() {
    return entries.size();
  }

  /** A snapshot of all entries, sorted by key. */
  public Map<String, StateEntry> entries() {
    return new TreeMap<>(entries);
  }
}
