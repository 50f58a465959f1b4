package io.msec.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** Test access to the block log's records, to damage them on purpose. */
final class LogFiles {
  private LogFiles() {}

  static Path log(Path dir) {
    return dir.resolve("blocks.log");
  }

  /** Start offsets of the records. */
  static List<Long> offsets(Path dir) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(log(dir)));
    List<Long> out = new ArrayList<>();
    while (buf.remaining() >= 8) {
      int start = buf.position();
      int len = buf.getInt(start);
      out.add((long) start);
      buf.position(start + 8 + len);
    }
    return out;
  }

  /** Replaces {@code from} by {@code to} (same length) in record {@code k}, fixing its CRC. */
  static void rewrite(Path dir, int k, String from, String to) throws IOException {
    byte[] all = Files.readAllBytes(log(dir));
    int start = offsets(dir).get(k).intValue();
    int len = ByteBuffer.wrap(all).getInt(start);
    String payload = new String(all, start + 8, len, java.nio.charset.StandardCharsets.UTF_8);
    if (!payload.contains(from) || from.length() != to.length()) {
      throw new IllegalArgumentException("record " + k + " has no " + from);
    }
    byte[] changed = payload.replaceFirst(java.util.regex.Pattern.quote(from), to).getBytes();
    System.arraycopy(changed, 0, all, start + 8, len);
    CRC32C crc = new CRC32C();
    crc.update(changed);
    ByteBuffer.wrap(all).putInt(start + 4, (int) crc.getValue());
    Files.write(log(dir), all);
  }
}
