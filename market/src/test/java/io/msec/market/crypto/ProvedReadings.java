package io.msec.market.crypto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.CanonicalJson;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.MerkleTree;
import io.msec.core.Reading;
import io.msec.ledger.AnchorBatch;
import io.msec.ledger.FakeClock;
import io.msec.ledger.Ledger;
import io.msec.ledger.LedgerConfig;
import io.msec.ledger.Operation;
import io.msec.ledger.ReadingSource;
import io.msec.ledger.RegisterDevice;
import io.msec.ledger.TransactionBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real ledger in a directory with two registered devices, each with readings 1..5 (one a minute
 * from {@link #START}) signed by the device and anchored by the sequencer: what a node holds when
 * it builds a bundle.
 */
final class ProvedReadings implements AutoCloseable {
  static final Instant START = Instant.parse("2026-12-04T15:00:00Z");
  static final int COUNT = 5;

  final Identity sequencer;
  final Identity owner = seeded(3);
  final Identity deviceA = seeded(20);
  final Identity deviceB = seeded(21);
  final Ledger ledger;
  private final Map<DidKey, List<Reading>> stored = new LinkedHashMap<>();

  ProvedReadings(Path dir, Identity sequencer) {
    this.sequencer = sequencer;
    this.ledger =
        Ledger.open(
            dir,
            sequencer,
            seeded(2).did(),
            new FakeClock(1_764_860_000_000L),
            new LedgerConfig(1, 1, 2));
    for (Identity device : List.of(deviceA, deviceB)) {
      commit(owner, new RegisterDevice(device.did(), "co2-sensor", "room", null, schema()));
      List<Reading> readings = new ArrayList<>();
      for (long seq = 1; seq <= COUNT; seq++) {
        readings.add(
            new Reading(
                device.did(),
                seq,
                START.plusSeconds(60 * seq),
                Map.of("co2", new Reading.Quantity(600.5 + seq, "[ppm]")),
                null));
      }
      stored.put(device.did(), readings);
      List<byte[]> leaves =
          readings.stream().map(r -> MerkleTree.leafHash(CanonicalJson.bytes(r.toJson()))).toList();
      commit(sequencer, new AnchorBatch(device.did(), 1, COUNT, COUNT, MerkleTree.root(leaves)));
    }
  }

  static Identity seeded(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 11;
    return Identity.fromSeed(seed);
  }

  /** The signed envelope of reading {@code seq} of {@code device}, as the node stores it. */
  ObjectNode envelope(Identity device, long seq) {
    return Envelope.sign(device, reading(device.did(), seq).toJson()).toJson();
  }

  /** The ledger's {@code msec-proof/1} proof of reading {@code seq} of {@code device}. */
  ObjectNode proof(Identity device, long seq) {
    ReadingSource source =
        (d, from, to) ->
            stored.get(d).stream()
                .filter(r -> r.seq() >= from && r.seq() <= to)
                .map(r -> CanonicalJson.bytes(r.toJson()))
                .toList();
    return ledger.proveReading(device.did(), seq, source);
  }

  Reading reading(DidKey device, long seq) {
    return stored.get(device).get((int) seq - 1);
  }

  /** The license state JSON of a history or dataset of {@code devices} in {@code [from, to)}. */
  static ObjectNode license(
      String order, String kind, List<DidKey> devices, Instant from, Instant to) {
    ObjectNode license = Json.mapper().createObjectNode();
    license.put("order", order);
    license.put("buyer", seeded(40).did().toString());
    ObjectNode product = license.putObject("product");
    product.put("kind", kind);
    devices.forEach(d -> product.withArray("devices").add(d.toString()));
    product.put("from", from.toString());
    product.put("to", to.toString());
    license.put("purpose", "research");
    return license;
  }

  private void commit(Identity account, Operation op) {
    try {
      ledger
          .submit(TransactionBuilder.sign(account, ledger.nextNonce(account.did()), op))
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the ledger refused " + op, e);
    }
  }

  private static ObjectNode schema() {
    ObjectNode s = Json.mapper().createObjectNode();
    s.putObject("co2").put("unit", "[ppm]").put("min", 0).put("max", 10000);
    return s;
  }

  @Override
  public void close() {
    ledger.close();
  }
}
