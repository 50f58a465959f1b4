package io.msec.node.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.msec.core.Json;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts refused readings by reason, overall and per device, exports them as the Prometheus counter
 * {@code msec_readings_rejected_total{reason}}, and logs a rate-limited summary instead of one WARN
 * line per refusal.
 */
public final class RejectCounters {
  private static final Logger LOG = LoggerFactory.getLogger(RejectCounters.class);
  private static final String ANONYMOUS = "(unauthenticated)";

  private final MeterRegistry metrics;
  private final Map<String, LongAdder> total = new ConcurrentHashMap<>();
  private final Map<String, Map<String, LongAdder>> byDevice = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> sinceLastLog = new ConcurrentHashMap<>();

  public RejectCounters(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  /** Counts one refusal; {@code device} may be null when it is unknown. */
  public void count(String device, String code) {
    total.computeIfAbsent(code, c -> new LongAdder()).increment();
    sinceLastLog.computeIfAbsent(code, c -> new LongAdder()).increment();
    byDevice
        .computeIfAbsent(device == null ? ANONYMOUS : device, d -> new ConcurrentHashMap<>())
        .computeIfAbsent(code, c -> new LongAdder())
        .increment();
    metrics.counter("msec.readings.rejected", "reason", code).increment();
  }

  public long total(String code) {
    LongAdder a = total.get(code);
    return a == null ? 0 : a.sum();
  }

  public long total() {
    return total.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Counts by reason, sorted. */
  public Map<String, Long> byReason() {
    Map<String, Long> out = new TreeMap<>();
    total.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Counts by reason of one device. */
  public Map<String, Long> byReason(String device) {
    Map<String, Long> out = new TreeMap<>();
    byDevice.getOrDefault(device, Map.of()).forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("total", total());
    ObjectNode reasons = out.putObject("byReason");
    byReason().forEach(reasons::put);
    ObjectNode devices = out.putObject("byDevice");
    new TreeMap<>(byDevice)
        .forEach(
            (device, counts) -> {
              ObjectNode d = devices.putObject(device);
              new TreeMap<>(counts).forEach((code, n) -> d.put(code, n.sum()));
            });
    return out;
  }

  /** Logs one WARN line summing the refusals since the last call, if there were any. */
  public void logSummary() {
    StringBuilder line = new StringBuilder();
    long sum = 0;
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(sinceLastLog).entrySet()) {
      long n = e.getValue().sumThenReset();
      if (n > 0) {
        line.append(' ').append(e.getKey()).append('=').append(n);
        sum += n;
      }
    }
    if (sum > 0) {
      LOG.warn("rejected readings count={}{}", sum, line);
    }
  }
}
