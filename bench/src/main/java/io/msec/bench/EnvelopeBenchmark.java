package io.msec.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.BatchEnvelope;
import io.msec.core.CanonicalJson;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-reading work of ingestion: canonical encoding, parsing a did:key, and checking a single
 * signature against a batch signature spread over its readings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class EnvelopeBenchmark {
  private ObjectNode reading;
  private Envelope envelope;
  private byte[] wireBatch;
  private String did;

  @Setup
  public void setUp() {
    Identity device = Identity.generate();
    did = device.did().toString();
    reading = reading(device, 42);
    envelope = Envelope.fromJson(Envelope.sign(device, reading).toJson());
    List<ObjectNode> batch = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      batch.add(reading(device, i));
    }
    wireBatch = BatchEnvelope.sign(device, batch).toJson().toString().getBytes();
  }

  private static ObjectNode reading(Identity device, long seq) {
    return new Reading(
            device.did(),
            seq,
            Instant.parse("2015-02-04T17:51:00Z").plusSeconds(seq * 60),
            Map.of(
                "co2", new Reading.Quantity(721.25, "[ppm]"),
                "temperature", new Reading.Quantity(23.18, "Cel")),
            new Reading.Location(50.45, 3.95))
        .toJson();
  }

  @Benchmark
  public byte[] canonicalizeReading() {
    return CanonicalJson.bytes(reading);
  }

  @Benchmark
  public DidKey parseDidKey() {
    return DidKey.parse(did);
  }

  @Benchmark
  public boolean verifySingleEnvelope() {
    return envelope.verify();
  }

  /** Parse and verify a batch of 50 readings; divide by 50 for the per-reading figure. */
  @Benchmark
  public boolean parseAndVerifyBatchOf50() throws Exception {
    return BatchEnvelope.fromJson(Json.mapper().readTree(wireBatch)).verify();
  }
}
