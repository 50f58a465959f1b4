package io.msec.twin.internal;

import io.msec.core.MsecException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

/**
 * A small pool of read-only connections, created on demand up to a maximum. SQLite in WAL mode lets
 * them read while the writer writes; each sees the last committed transaction when it starts.
 */
public final class ReaderPool implements AutoCloseable {
  /** Opens one new read-only connection. */
  @FunctionalInterface
  public interface Opener {
    Connection open() throws SQLException;
  }

  /** Work done with a borrowed connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Opener opener;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  public ReaderPool(Opener opener, int size) {
    this.opener = opener;
    this.permits = new Semaphore(size, true);
  }

  /**
   * Runs {@code work} with a connection of the pool, waiting for one if all are busy.
   *
   * @throws MsecException {@code store-closed} after {@link #close()}
   */
  public <T> T with(Work<T> work) throws SQLException {
    acquire();
    Connection connection = null;
    try {
      connection = idle.pollFirst();
      if (connection == null) {
        connection = opener.open();
      }
      return work.run(connection);
    } finally {
      release(connection);
    }
  }

  private void acquire() {
    if (closed) {
      throw StoreErrors.closed();
    }
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MsecException("store-io", "interrupted while waiting for a store connection", e);
    }
  }

  private void release(Connection connection) throws SQLException {
    try {
      if (connection != null) {
        if (closed) {
          connection.close();
        } else {
          idle.addFirst(connection);
          if (closed) {
            closeIdle();
          }
        }
      }
    } finally {
      permits.release();
    }
  }

  /** Closes the idle connections now and the busy ones when they are returned. */
  @Override
  public void close() throws SQLException {
    closed = true;
    closeIdle();
  }

  private void closeIdle() throws SQLException {
    for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      c.close();
    }
  }
}
