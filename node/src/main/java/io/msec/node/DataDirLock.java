package io.msec.node;

import io.msec.core.IoFailures;
import io.msec.core.MsecException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a node's data directory ({@code node.lock}), so that a second node on the
 * same files refuses to start instead of corrupting them. The operating system releases it when the
 * process dies, also after {@code kill -9}.
 */
final class DataDirLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @throws MsecException {@code data-dir-in-use} if another process holds it
   */
  static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve("node.lock");
    try {
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new MsecException(
            "data-dir-in-use",
            "another node is running on " + dataDir.toAbsolutePath() + "; stop it first");
      }
      return new DataDirLock(channel, lock);
    } catch (java.nio.channels.OverlappingFileLockException e) {
      throw new MsecException(
          "data-dir-in-use", "a node in this process already runs on " + dataDir.toAbsolutePath());
    } catch (IOException e) {
      throw new MsecException("data-dir", "cannot lock " + file + ": " + IoFailures.describe(e), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The lock goes with the process anyway.
    }
  }
}
