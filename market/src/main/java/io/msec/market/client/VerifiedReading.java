package io.msec.market.client;

import io.msec.core.Reading;
import java.util.Objects;

/**
 * A reading a licensee received on a stream, decrypted and checked against its device's signature.
 * Immutable.
 *
 * @param reading the open reading, as its device signed it (opened for a sealed device)
 * @param epoch the epoch whose content key decrypted it
 * @param receivedAtMillis when the SDK received it, on the client's clock
 */
public record VerifiedReading(Reading reading, long epoch, long receivedAtMillis) {
  public VerifiedReading {
    Objects.requireNonNull(reading, "reading");
  }
}
