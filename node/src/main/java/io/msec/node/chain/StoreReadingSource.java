package io.msec.node.chain;

import io.msec.core.DidKey;
import io.msec.ledger.ReadingSource;
import io.msec.twin.ReadingStore;
import io.msec.twin.SqliteReadingStore;
import java.nio.file.Path;
import java.util.List;

/** The node's reading store as the ledger sees it when it proves a reading. */
public final class StoreReadingSource implements ReadingSource {
  private final ReadingStore store;

  public StoreReadingSource(ReadingStore store) {
    this.store = store;
  }

  @Override
  public List<byte[]> readings(DidKey device, long from, long to) {
    return store.signedBytes(device, from, to);
  }

  /** Found by {@code msec ledger prove} through {@link java.util.ServiceLoader}. */
  public static final class Provider implements ReadingSource.Provider {
    @Override
    public ReadingSource open(Path nodeDataDir) {
      return new StoreReadingSource(SqliteReadingStore.open(nodeDataDir.resolve("readings.db")));
    }
  }
}
