package io.msec.node.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.msec.core.DidKey;
import io.msec.node.registry.DeviceRecord;
import io.msec.twin.AppendOutcome;
import io.msec.twin.ReadingStore;
import io.msec.twin.StoredReading;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stateful checks and the durable write, for one group of submissions at a time. Runs on the
 * single writer thread only, so its per-device state needs no locking.
 */
final class GroupWriter {
  private final ReadingStore store;
  private final Clock clock;
  private final IngestConfig config;
  private final RejectCounters rejects;
  private final Counter accepted;
  private final Counter duplicates;

  /** Highest stored sequence and latest observation per device, loaded lazily from the store. */
  private final Map<DidKey, DeviceState> states = new HashMap<>();

  private static final class DeviceState {
    long lastSeq;
    Instant lastObserved;
  }

  record Result(List<IngestReport> reports, List<StoredReading> stored) {}

  GroupWriter(
      ReadingStore store,
      Clock clock,
      IngestConfig config,
      RejectCounters rejects,
      MeterRegistry metrics) {
    this.store = store;
    this.clock = clock;
    this.config = config;
    this.rejects = rejects;
    this.accepted = metrics.counter("msec.readings.accepted");
    this.duplicates = metrics.counter("msec.readings.duplicate");
  }

  Result write(List<Ingestor.Job> group) {
    Instant now = clock.instant();
    List<StoredReading> toStore = new ArrayList<>();
    Map<String, byte[]> pending = new HashMap<>();
    List<IngestReport> reports = new ArrayList<>(group.size());

    for (Ingestor.Job job : group) {
      DeviceRecord device = job.verified().device();
      DeviceState state = state(device.device());
      int storing = 0;
      int duplicate = 0;
      List<Rejection> refused = new ArrayList<>();
      for (StoredReading r : job.verified().readings()) {
        if (isDuplicate(r, state, pending)) {
          duplicate++;
          continue;
        }
        Rejection rejection = check(r, device, state, now);
        if (rejection != null) {
          refused.add(rejection);
          rejects.count(device.device().toString(), rejection.code());
          continue;
        }
        toStore.add(r);
        pending.put(key(r), r.canonical());
        state.lastSeq = r.reading().seq();
        state.lastObserved = r.reading().observedAt();
        storing++;
      }
      reports.add(new IngestReport(storing, duplicate, refused));
    }

    List<StoredReading> stored = append(toStore, group);
    accepted.increment(stored.size());
    reports.forEach(rep -> duplicates.increment(rep.duplicates()));
    return new Result(reports, stored);
  }

  private List<StoredReading> append(List<StoredReading> toStore, List<Ingestor.Job> group) {
    List<AppendOutcome> outcomes;
    try {
      outcomes = toStore.isEmpty() ? List.of() : store.append(toStore);
    } catch (RuntimeException e) {
      // The in-memory sequence state ran ahead of the store: forget it, reload on next use.
      group.forEach(j -> states.remove(j.verified().device().device()));
      throw e;
    }
    List<StoredReading> stored = new ArrayList<>(toStore.size());
    for (int i = 0; i < outcomes.size(); i++) {
      if (outcomes.get(i) == AppendOutcome.STORED) {
        stored.add(toStore.get(i));
      }
    }
    return stored;
  }

  /** An exact copy of a reading already stored (or pending in this group) is a duplicate. */
  private boolean isDuplicate(StoredReading r, DeviceState state, Map<String, byte[]> pending) {
    long seq = r.reading().seq();
    if (seq > state.lastSeq) {
      return false;
    }
    byte[] previous = pending.get(key(r));
    if (previous == null) {
      previous = store.get(r.reading().device(), seq).map(StoredReading::canonical).orElse(null);
    }
    return previous != null && Arrays.equals(previous, r.canonical());
  }

  /** Sequence check, then skew, schema and range; null if the reading passes. */
  private Rejection check(StoredReading r, DeviceRecord device, DeviceState state, Instant now) {
    long seq = r.reading().seq();
    if (seq <= state.lastSeq) {
      return new Rejection(
          seq,
          "replayed-sequence",
          "sequence " + seq + " is not above the last stored " + state.lastSeq);
    }
    return ReadingChecks.check(r.reading(), device, state.lastObserved, now, config.maxClockSkew());
  }

  private DeviceState state(DidKey device) {
    return states.computeIfAbsent(
        device,
        d -> {
          DeviceState s = new DeviceState();
          s.lastSeq = store.lastSeq(d);
          Optional<Instant> last = store.lastObservedAt(d);
          s.lastObserved = last.orElse(null);
          return s;
        });
  }

  private static String key(StoredReading r) {
    return r.reading().device() + "#" + r.reading().seq();
  }
}
