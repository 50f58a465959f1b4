package io.msec.node.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;

/**
 * What {@code msec bench market} measured. A phase that was not run ({@code --buyers 0} or {@code
 * --licensees 0}) is null.
 *
 * @param options the run's options
 * @param purchases purchases through settlement, or null
 * @param fanOut stream fan-out to licensees, or null
 * @param supply the supply check after both phases
 * @param cores processors the JVM sees
 * @param loadBefore system load average (1 minute) when the run started
 * @param loadAfter the same when it ended
 */
public record MarketBenchResult(
    MarketBench.Options options,
    Purchases purchases,
    FanOut fanOut,
    Supply supply,
    int cores,
    double loadBefore,
    double loadAfter) {

  /** Median and 99th percentile of one step, in milliseconds. */
  public record Step(double p50Millis, double p99Millis) {
    static Step of(Latencies l) {
      return new Step(l.percentileMillis(50), l.percentileMillis(99));
    }

    ObjectNode toJson() {
      return Json.mapper().createObjectNode().put("p50Ms", p50Millis).put("p99Ms", p99Millis);
    }
  }

  /**
   * Purchases end to end: buy, delivery checked by the buyer, settle.
   *
   * @param completed purchases settled
   * @param failed purchases that stopped at a refusal or a failed check
   * @param firstFailure the first failure as {@code code: message}, or null
   * @param seconds wall time from the first buy to the last settlement
   * @param buy submit to committed receipt of the {@code buy} transaction
   * @param delivery the delivery call, decryption and checks
   * @param settle submit to committed receipt of the {@code settle} transaction
   */
  public record Purchases(
      long completed,
      long failed,
      String firstFailure,
      double seconds,
      Step buy,
      Step delivery,
      Step settle) {
    public double perSecond() {
      return seconds <= 0 ? 0 : completed / seconds;
    }

    ObjectNode toJson() {
      ObjectNode out = Json.mapper().createObjectNode();
      out.put("completed", completed).put("failed", failed).put("firstFailure", firstFailure);
      out.put("seconds", seconds).put("perSecond", perSecond());
      out.set("buyCommit", buy.toJson());
      out.set("delivery", delivery.toJson());
      out.set("settleCommit", settle.toJson());
      return out;
    }
  }

  /**
   * Latency from just before a reading's publish to a licensee holding it decrypted and verified,
   * over every (licensee, reading) pair.
   *
   * @param published readings the node accepted
   * @param publishSeconds time from the first publish to the last
   * @param delivered pairs received, decrypted and verified
   * @param lost pairs never received: {@code licensees × published − delivered}
   * @param missedReadings readings at least one licensee never received
   * @param rejected events a licensee could not decrypt or verify
   * @param epochRotations distinct epochs seen in readings, less one
   * @param grants grants received by all licensees together
   */
  public record FanOut(
      long published,
      double publishSeconds,
      long delivered,
      long lost,
      long missedReadings,
      long rejected,
      long epochRotations,
      long grants,
      double p50Millis,
      double p95Millis,
      double p99Millis,
      double maxMillis) {
    public double publishRate() {
      return publishSeconds <= 0 ? 0 : (published - 1) / publishSeconds;
    }

    ObjectNode toJson() {
      ObjectNode out = Json.mapper().createObjectNode();
      out.put("published", published).put("publishSeconds", publishSeconds);
      out.put("publishRate", publishRate()).put("delivered", delivered).put("lost", lost);
      out.put("missedReadings", missedReadings).put("rejected", rejected);
      out.put("epochRotations", epochRotations).put("grants", grants);
      out.put("p50Ms", p50Millis).put("p95Ms", p95Millis).put("p99Ms", p99Millis);
      out.put("maxMs", maxMillis);
      return out;
    }
  }

  /** Sum of balances and held escrow against the supply, read from the ledger. */
  public record Supply(long balances, long escrowHeld, long supply) {
    public boolean holds() {
      return balances + escrowHeld == supply;
    }

    ObjectNode toJson() {
      return Json.mapper()
          .createObjectNode()
          .put("balances", balances)
          .put("escrowHeld", escrowHeld)
          .put("supply", supply)
          .put("holds", holds());
    }
  }

  /** The figures as one JSON object, for machines. */
  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("benchmark", "market");
    out.set("options", options.toJson());
    out.set("purchases", purchases == null ? null : purchases.toJson());
    out.set("fanOut", fanOut == null ? null : fanOut.toJson());
    out.set("supply", supply.toJson());
    out.putObject("machine")
        .put("cores", cores)
        .put("loadBefore", loadBefore)
        .put("loadAfter", loadAfter);
    return out;
  }
}
