package io.msec.market.reputation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.core.MsecException;

/**
 * What the node itself measured of one provider's data, summed over the provider's devices.
 * Immutable.
 *
 * <p>Every sequence number a device used is either a stored reading, a rejected reading or a gap,
 * so {@link #expected()} is their sum. Implausible readings were stored but failed a plausibility
 * check, so they are a part of {@code stored} and not counted as good.
 *
 * <pre>{@code
 * Quality q = new Quality(9_800, 50, 150, 20);
 * double r = q.ratio(); // (9800 - 20) / (10000 + 100) = 0.968...
 * }</pre>
 *
 * @param stored readings the node accepted and stored
 * @param rejected readings the node refused (bad signature, replay, clock, schema)
 * @param gaps sequence numbers that never arrived
 * @param implausible stored readings that failed a plausibility check
 * @throws MsecException with code {@code malformed-quality} if a count is negative or more readings
 *     are implausible than were stored
 */
public record Quality(long stored, long rejected, long gaps, long implausible) {
  /**
   * Readings counted as expected but not good on top of the measured ones, so that a provider earns
   * its quality with volume: 3 good readings give 0.03, 10 000 give 0.99.
   */
  public static final long PRIOR_READINGS = 100;

  /** A provider the node has measured nothing of. Its {@link #ratio()} is 0. */
  public static final Quality NONE = new Quality(0, 0, 0, 0);

  public Quality {
    if (stored < 0 || rejected < 0 || gaps < 0 || implausible < 0) {
      throw new MsecException("malformed-quality", "quality counts are 0 or more");
    }
    if (implausible > stored) {
      throw new MsecException(
          "malformed-quality",
          "implausible readings are stored readings: " + implausible + " > " + stored);
    }
    try {
      Math.addExact(Math.addExact(Math.addExact(stored, rejected), gaps), PRIOR_READINGS);
    } catch (ArithmeticException e) {
      throw new MsecException("malformed-quality", "quality counts overflow", e);
    }
  }

  /** Readings the devices should have delivered: stored, rejected and missing. */
  public long expected() {
    return stored + rejected + gaps;
  }

  /** Stored readings that passed the plausibility checks. */
  public long good() {
    return stored - implausible;
  }

  /**
   * The quality in [0, 1]: good readings over expected readings plus {@link #PRIOR_READINGS}. A
   * provider with no data gets 0, so it never outranks one with good data for its quality.
   */
  public double ratio() {
    return (double) good() / (double) (expected() + PRIOR_READINGS);
  }

  /** The counts and the ratio, for auditors. */
  public ObjectNode toJson() {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("ratio", ratio());
    json.put("stored", stored);
    json.put("rejected", rejected);
    json.put("gaps", gaps);
    json.put("implausible", implausible);
    return json;
  }
}
