package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.CanonicalJson;
import io.msec.core.Identity;
import io.msec.core.KeyFile;
import io.msec.core.MerkleTree;
import io.msec.core.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a small ledger for trying the command line: {@code SampleLedger <dir>} leaves {@code
 * <dir>/ledger}, the sequencer key {@code <dir>/sequencer.jwk}, a reading proof {@code
 * <dir>/proof.json} and the head it is built on {@code <dir>/head.json}.
 */
public final class SampleLedger {
  private SampleLedger() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    Identity device = Identity.generate();
    List<JsonNode> readings = new ArrayList<>();
    for (long seq = 1; seq <= 10; seq++) {
      Map<String, Reading.Quantity> co2 = Map.of("co2", new Reading.Quantity(700 + seq, "[ppm]"));
      readings.add(
          new Reading(
                  device.did(),
                  seq,
                  Instant.parse("2026-12-04T15:00:00Z").plusSeconds(seq),
                  co2,
                  null)
              .toJson());
    }
    List<byte[]> leaves =
        readings.stream().map(r -> MerkleTree.leafHash(CanonicalJson.bytes(r))).toList();
    try (Fixture f = new Fixture(out.resolve("ledger"))) {
      f.commit(f.treasury, new Mint(f.alice.did(), 1000));
      f.commit(f.alice, new Transfer(f.bob.did(), 250));
      f.commit(
          f.alice,
          new RegisterDevice(device.did(), "co2-sensor", "room 413", null, Fixture.schema()));
      f.commit(f.sequencer, new AnchorBatch(device.did(), 1, 10, 10, MerkleTree.root(leaves)));
      KeyFile.write(f.sequencer, out.resolve("sequencer.jwk"));
      ReadingSource source =
          (d, from, to) ->
              readings.subList((int) from - 1, (int) to).stream()
                  .map(CanonicalJson::bytes)
                  .toList();
      Files.writeString(
          out.resolve("proof.json"),
          f.ledger.proveReading(device.did(), 4, source).toPrettyString());
      Files.writeString(out.resolve("head.json"), f.ledger.head().toJson().toPrettyString());
      System.out.println("device " + device.did() + " sequencer " + f.sequencer.did());
    }
  }
}
