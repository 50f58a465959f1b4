package io.msec.bus;

import java.nio.file.Path;

/**
 * Settings of the embedded MQTT broker.
 *
 * @param bindAddress address to listen on; loopback by default so nothing is exposed unasked
 * @param port TCP port, or 0 to pick a free one
 * @param workDir folder for the broker's configuration and data
 * @param maxPayloadBytes payloads above this are refused with {@code too-large}
 */
public record BrokerConfig(String bindAddress, int port, Path workDir, int maxPayloadBytes) {
  public static final int DEFAULT_MAX_PAYLOAD = 64 * 1024;

  public static BrokerConfig loopback(int port, Path workDir) {
    return new BrokerConfig("127.0.0.1", port, workDir, DEFAULT_MAX_PAYLOAD);
  }
}
