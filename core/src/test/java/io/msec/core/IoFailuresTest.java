package io.msec.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoFailuresTest {
  @TempDir Path dir;

  @Test
  void namesFileFailuresInWordsWithoutTheExceptionClass() {
    IOException missing =
        org.junit.jupiter.api.Assertions.assertThrows(
            NoSuchFileException.class, () -> Files.readAllBytes(dir.resolve("absent.jwk")));

    assertThat(IoFailures.describe(missing)).isEqualTo("no such file or directory");
    assertThat(IoFailures.describe(new AccessDeniedException("/k.jwk")))
        .isEqualTo("permission denied");
    assertThat(IoFailures.describe(new FileSystemException("/d", null, "No space left on device")))
        .isEqualTo("no space left on device");
  }

  @Test
  void looksThroughWrappersWithoutAMessageToTheCause() {
    ConnectException refused = new ConnectException();
    refused.initCause(new ConnectException("Connection refused"));

    assertThat(IoFailures.describe(refused)).isEqualTo("connection refused");
    assertThat(IoFailures.describe(new IOException(new EOFException()))).isEqualTo("eof");
    assertThat(IoFailures.describe(new EOFException())).isEqualTo("eof");
    assertThat(IoFailures.describe(new IOException("Stream closed"))).isEqualTo("stream closed");
  }
}
