package io.msec.ledger.internal;

import io.msec.core.IoFailures;
import io.msec.ledger.LedgerException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BiConsumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only block file. Each record is a 4-byte big-endian payload length, the 4-byte CRC32C
 * of the payload, and the payload. At open, the first record whose header or payload is cut short
 * or whose checksum fails marks a torn or corrupt tail: the file is truncated there. Appends are
 * durable only after {@link #sync()}. Reads may run concurrently with appends.
 */
public final class BlockLog implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockLog.class);
  static final int HEADER = 8;
  static final int MAX_RECORD = 256 << 20;

  private final Path file;
  private final FileChannel channel;
  private long end;

  private BlockLog(Path file, FileChannel channel, long end) {
    this.file = file;
    this.channel = channel;
    this.end = end;
  }

  /** What a scan found: intact records up to {@code intactBytes}, then {@code reason}. */
  public record Scan(long records, long intactBytes, long fileBytes, String reason) {
    public boolean tornTail() {
      return intactBytes < fileBytes;
    }
  }

  /**
   * Opens (or creates) {@code file}, hands every intact record to {@code onRecord} as (offset,
   * payload), and cuts whatever follows the last intact one.
   */
  public static BlockLog open(Path file, BiConsumer<Long, byte[]> onRecord) {
    try {
      boolean created = !java.nio.file.Files.exists(file);
      FileChannel ch =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      if (created) {
        syncDirectory(file.toAbsolutePath().getParent());
      }
      Scan scan;
      try {
        scan = scan(ch, onRecord);
      } catch (RuntimeException e) {
        ch.close();
        throw e;
      }
      if (scan.tornTail()) {
        LOG.warn(
            "cut log tail file={} records={} offset={} cutBytes={} reason={}",
            file,
            scan.records(),
            scan.intactBytes(),
            scan.fileBytes() - scan.intactBytes(),
            scan.reason());
        ch.truncate(scan.intactBytes());
        ch.force(true);
      } else {
        LOG.info("opened log file={} records={} bytes={}", file, scan.records(), scan.fileBytes());
      }
      return new BlockLog(file, ch, scan.intactBytes());
    } catch (IOException e) {
      throw new LedgerException(
          LedgerException.IO, "cannot open " + file + ": " + IoFailures.describe(e), e);
    }
  }

  /** Makes a new file's directory entry durable (Linux allows fsync on a directory). */
  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      LOG.info("directory sync unsupported dir={} error={}", dir, e.toString());
    }
  }

  /** Reads {@code file} without changing it, handing every intact record to {@code onRecord}. */
  public static Scan scanReadOnly(Path file, BiConsumer<Long, byte[]> onRecord) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return scan(ch, onRecord);
    } catch (IOException e) {
      throw new LedgerException(
          LedgerException.IO, "cannot read " + file + ": " + IoFailures.describe(e), e);
    }
  }

  /** Counts intact-looking records by their headers only (for progress reporting). */
  public static long countRecords(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long offset = 0;
      long n = 0;
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      while (size - offset >= HEADER) {
        header.clear();
        readFully(ch, header, offset);
        int length = header.getInt(0);
        if (length <= 0 || length > MAX_RECORD || size - offset - HEADER < length) {
          break;
        }
        offset += HEADER + length;
        n++;
      }
      return n;
    } catch (IOException e) {
      throw new LedgerException(
          LedgerException.IO, "cannot read " + file + ": " + IoFailures.describe(e), e);
    }
  }

  private static Scan scan(FileChannel ch, BiConsumer<Long, byte[]> onRecord) throws IOException {
    long size = ch.size();
    long offset = 0;
    long records = 0;
    String reason = null;
    while (offset < size) {
      Probe probe = probe(ch, offset, size);
      reason = probe.reason();
      if (reason != null) {
        break;
      }
      byte[] payload = probe.payload();
      onRecord.accept(offset, payload);
      offset += HEADER + payload.length;
      records++;
    }
    return new Scan(records, offset, size, reason);
  }

  private record Probe(byte[] payload, String reason) {}

  /** The payload of the intact record at {@code offset}, or why there is none. */
  private static Probe probe(FileChannel ch, long offset, long size) throws IOException {
    if (size - offset < HEADER) {
      return new Probe(null, "torn-header");
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    readFully(ch, header, offset);
    int length = header.getInt(0);
    if (length <= 0 || length > MAX_RECORD) {
      return new Probe(null, "bad-length");
    }
    if (size - offset - HEADER < length) {
      return new Probe(null, "torn-payload");
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    readFully(ch, payload, offset + HEADER);
    CRC32C crc = new CRC32C();
    crc.update(payload.array());
    if ((int) crc.getValue() != header.getInt(4)) {
      return new Probe(null, "bad-checksum");
    }
    return new Probe(payload.array(), null);
  }

  private static byte[] readPayload(FileChannel ch, long offset) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    readFully(ch, header, offset);
    ByteBuffer payload = ByteBuffer.allocate(header.getInt(0));
    readFully(ch, payload, offset + HEADER);
    return payload.array();
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file at " + pos);
      }
      pos += n;
    }
  }

  /** Appends one record and returns its offset. Not durable before {@link #sync()}. */
  public synchronized long append(byte[] payload) {
    if (payload.length > MAX_RECORD) {
      // Written, such a record would be cut as corrupt at the next open: refuse it instead.
      throw new LedgerException(
          LedgerException.IO, "a record of " + payload.length + " bytes exceeds " + MAX_RECORD);
    }
    CRC32C crc = new CRC32C();
    crc.update(payload);
    ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length);
    buf.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
    long offset = end;
    try {
      long pos = offset;
      while (buf.hasRemaining()) {
        pos += channel.write(buf, pos);
      }
    } catch (IOException e) {
      throw new LedgerException(
          LedgerException.IO, "cannot append to " + file + ": " + IoFailures.describe(e), e);
    }
    end = offset + HEADER + payload.length;
    return offset;
  }

  /** Forces appended records to the device. */
  public void sync() {
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new LedgerException(
          LedgerException.IO, "cannot sync " + file + ": " + IoFailures.describe(e), e);
    }
  }

  /** The payload of the record at {@code offset}. */
  public byte[] read(long offset) {
    try {
      return readPayload(channel, offset);
    } catch (IOException e) {
      throw new LedgerException(
          LedgerException.IO, "cannot read " + file + ": " + IoFailures.describe(e), e);
    }
  }

  /** Bytes of intact records. */
  public synchronized long size() {
    return end;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("close failed file={} error={}", file, e.toString());
    }
  }
}
