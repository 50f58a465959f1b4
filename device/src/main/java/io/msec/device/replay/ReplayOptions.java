package io.msec.device.replay;

import io.msec.device.DeviceOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What to replay and how. Immutable; start from {@link #of(String)} and change what you need.
 *
 * @param dataset a dataset folder, or {@code bundled:<name>} for a dataset shipped with M-Sec
 * @param mapping the mapping file, or null to use the one shipped for the dataset's folder name
 * @param node the node's HTTP address
 * @param mqtt the node's MQTT address, or null to ask the node ({@code GET /api/v1/node})
 * @param stateDir where the owner and device keys are kept, or null for {@code
 *     .msec/replay/<dataset>} under the working directory
 * @param speed how fast to replay
 * @param batch readings per message, 1 to 1000; 1 signs each reading on its own
 * @param limit at most this many readings in this run; 0 for no limit
 * @param quiet no progress bar
 * @param ackTimeout how long to wait at the end for the node to acknowledge everything
 * @param device how the device clients connect
 */
public record ReplayOptions(
    String dataset,
    Path mapping,
    URI node,
    URI mqtt,
    Path stateDir,
    Speed speed,
    int batch,
    long limit,
    boolean quiet,
    Duration ackTimeout,
    DeviceOptions device) {
  /** The node address used when none is given. */
  public static final URI DEFAULT_NODE = URI.create("http://127.0.0.1:8080");

  public ReplayOptions {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(speed, "speed");
    Objects.requireNonNull(ackTimeout, "ackTimeout");
    Objects.requireNonNull(device, "device");
    if (batch < 1 || batch > 1000) {
      throw new IllegalArgumentException("batch must be 1 to 1000, was " + batch);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be 0 (none) or more, was " + limit);
    }
  }

  /** Replays {@code dataset} to the default node at 600x, one reading per message. */
  public static ReplayOptions of(String dataset) {
    return new ReplayOptions(
        dataset,
        null,
        DEFAULT_NODE,
        null,
        null,
        new Speed(600),
        1,
        0,
        false,
        Duration.ofMinutes(5),
        DeviceOptions.defaults());
  }

  public ReplayOptions withMapping(Path value) {
    return new ReplayOptions(
        dataset, value, node, mqtt, stateDir, speed, batch, limit, quiet, ackTimeout, device);
  }

  public ReplayOptions withNode(URI value) {
    return new ReplayOptions(
        dataset, mapping, value, mqtt, stateDir, speed, batch, limit, quiet, ackTimeout, device);
  }

  public ReplayOptions withMqtt(URI value) {
    return new ReplayOptions(
        dataset, mapping, node, value, stateDir, speed, batch, limit, quiet, ackTimeout, device);
  }

  public ReplayOptions withStateDir(Path value) {
    return new ReplayOptions(
        dataset, mapping, node, mqtt, value, speed, batch, limit, quiet, ackTimeout, device);
  }

  public ReplayOptions withSpeed(Speed value) {
    return new ReplayOptions(
        dataset, mapping, node, mqtt, stateDir, value, batch, limit, quiet, ackTimeout, device);
  }

  public ReplayOptions withBatch(int value) {
    return new ReplayOptions(
        dataset, mapping, node, mqtt, stateDir, speed, value, limit, quiet, ackTimeout, device);
  }

  public ReplayOptions withLimit(long value) {
    return new ReplayOptions(
        dataset, mapping, node, mqtt, stateDir, speed, batch, value, quiet, ackTimeout, device);
  }

  public ReplayOptions withQuiet(boolean value) {
    return new ReplayOptions(
        dataset, mapping, node, mqtt, stateDir, speed, batch, limit, value, ackTimeout, device);
  }

  public ReplayOptions withAckTimeout(Duration value) {
    return new ReplayOptions(
        dataset, mapping, node, mqtt, stateDir, speed, batch, limit, quiet, value, device);
  }

  public ReplayOptions withDevice(DeviceOptions value) {
    return new ReplayOptions(
        dataset, mapping, node, mqtt, stateDir, speed, batch, limit, quiet, ackTimeout, value);
  }
}
