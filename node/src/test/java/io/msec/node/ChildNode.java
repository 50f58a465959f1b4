package io.msec.node;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A node in a JVM of its own, started as a user starts it ({@code msec node}), so that a test can
 * kill it with SIGKILL ({@link Process#destroyForcibly()}) and restart it on the same data.
 */
final class ChildNode {
  private ChildNode() {}

  /** Starts a node on {@code dataDir} and the given ports and waits until it answers. */
  static Process start(Path dataDir, int httpPort, int mqttPort, Path log) throws IOException {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.msec.node.Main",
                "node",
                "--data-dir",
                dataDir.toString(),
                "--http-port",
                Integer.toString(httpPort),
                "--mqtt-port",
                Integer.toString(mqttPort))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> TestDevices.get("http://127.0.0.1:" + httpPort + "/health").statusCode() == 200);
    return p;
  }

  /** A TCP port free on loopback right now. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
