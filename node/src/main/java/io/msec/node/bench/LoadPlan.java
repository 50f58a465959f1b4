package io.msec.node.bench;

/**
 * The load of an ingest benchmark.
 *
 * @param devices simulated devices, each with its own MQTT connection and key
 * @param ratePerDevice readings per second each device produces
 * @param seconds how long the measured phase lasts
 * @param batch readings per signed batch (1 = one signature per reading)
 */
public record LoadPlan(int devices, double ratePerDevice, int seconds, int batch) {
  public LoadPlan {
    if (devices < 1 || ratePerDevice <= 0 || seconds < 1 || batch < 1 || batch > 200) {
      throw new IllegalArgumentException(
          "need devices >= 1, rate > 0, seconds >= 1 and batch in 1..200");
    }
  }

  /** Publishes each device makes in the measured phase. */
  int publishesPerDevice() {
    return (int) Math.ceil(ratePerDevice * seconds / batch);
  }

  public double offeredReadingsPerSecond() {
    return devices * ratePerDevice;
  }
}
