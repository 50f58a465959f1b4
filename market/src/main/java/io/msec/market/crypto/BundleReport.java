package io.msec.market.crypto;

import io.msec.core.DidKey;
import java.util.List;
import java.util.Objects;

/**
 * What {@link BundleCheck} found in a bundle: the readings that passed every check, in bundle
 * order, and the first failure if there is one (checking stops there). A bundle is acceptable, and
 * its order may be settled, only if {@link #valid()}. Immutable.
 *
 * @param order the order the bundle names, or null if it names none
 * @param total how many readings the bundle holds (0 if its shape is wrong)
 * @param checked the readings that passed, in bundle order
 * @param failure the first failure, or null if every reading passed
 */
public record BundleReport(String order, int total, List<ReadingId> checked, Failure failure) {
  public BundleReport {
    checked = List.copyOf(checked);
  }

  /** One reading: its device and sequence number. */
  public record ReadingId(DidKey device, long seq) {
    public ReadingId {
      Objects.requireNonNull(device, "device");
    }
  }

  /**
   * Why a bundle is refused.
   *
   * @param index the reading's index in the bundle, or -1 for the bundle itself or its license
   * @param reason a stable code: {@code malformed-bundle}, {@code malformed-license}, {@code
   *     malformed-reading}, {@code missing-proof}, {@code foreign-device}, {@code outside-window},
   *     {@code out-of-order}, {@code bad-signature}, {@code proof-mismatch} or {@code bad-proof}
   * @param message what failed, for a person
   */
  public record Failure(int index, String reason, String message) {
    public Failure {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /** True if every reading passed. */
  public boolean valid() {
    return failure == null;
  }
}
