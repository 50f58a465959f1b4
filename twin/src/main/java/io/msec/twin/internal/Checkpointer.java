package io.msec.twin.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log into the database file on its own thread and connection, so that the
 * copy and its fsync are not paid by the append that happens to cross SQLite's auto-checkpoint
 * threshold. PASSIVE checkpoints never wait for readers or the writer. Durability does not depend
 * on it: a commit is durable once the log is synced.
 */
public final class Checkpointer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

  private final Connection connection;
  private final ScheduledExecutorService executor;
  private volatile boolean failing;

  public Checkpointer(Connection connection, Duration interval, String name) {
    this.connection = connection;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "msec-twin-checkpoint-" + name);
              t.setDaemon(true);
              return t;
            });
    long ms = interval.toMillis();
    executor.scheduleWithFixedDelay(this::checkpoint, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void checkpoint() {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      if (rs.next() && LOG.isTraceEnabled()) {
        LOG.trace("checkpointed log frames={} copied={}", rs.getInt(2), rs.getInt(3));
      }
      if (failing) {
        LOG.info("checkpoints succeed again");
        failing = false;
      }
    } catch (SQLException e) {
      if (!failing) {
        // The writer's own auto-checkpoint still bounds the log while this fails.
        LOG.warn("checkpoint failed reason={}", e.getMessage());
        failing = true;
      }
    }
  }

  /** Stops the thread and closes the connection. */
  @Override
  public void close() throws SQLException {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("checkpoint thread did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connection.close();
  }
}
