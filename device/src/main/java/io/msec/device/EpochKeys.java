package io.msec.device;

import io.msec.core.ContentKey;
import java.util.Objects;

/**
 * Port: where a sealed device gets the content key of the epoch it is in. The owner's key agent
 * hands out a fresh key per epoch and posts grants of it to the licensees (docs/market.md, "Sealed
 * device"); the device only asks for the current one, once per reading it publishes.
 * Implementations are thread-safe and never log keys.
 *
 * <pre>{@code
 * EpochKeys keys = EpochKeys.fixed(new EpochKeys.Epoch(7, ContentKey.generate()));
 * DeviceClient client = DeviceClient.connect(mqtt, id, DeviceOptions.defaults().withSealing(keys));
 * }</pre>
 */
@FunctionalInterface
public interface EpochKeys {

  /**
   * An epoch and its content key.
   *
   * @param number the epoch number, 0 or more, as {@link io.msec.core.Reading.Sealed} carries it
   * @param key the epoch's content key
   */
  record Epoch(long number, ContentKey key) {
    public Epoch {
      Objects.requireNonNull(key, "key");
      if (number < 0 || number > io.msec.core.Reading.Sealed.MAX_EPOCH) {
        throw new IllegalArgumentException("epoch number out of range: " + number);
      }
    }
  }

  /** The epoch to seal the next reading in, never null. */
  Epoch current();

  /** Always the same epoch: for a device whose owner hands it one key at a time by hand. */
  static EpochKeys fixed(Epoch epoch) {
    Objects.requireNonNull(epoch, "epoch");
    return () -> epoch;
  }
}
