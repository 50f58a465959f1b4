package io.msec.node.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.msec.device.replay.Speed;
import io.msec.node.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's market part on real data: the bundled citizen PM sensors, and one file of the UCI
 * office-room dataset when the shared data folder holds it.
 */
class DemoMarketTest {
  private static final String OFFICE = "occupancy-detection-uci";

  @Test
  void sellsPmHistoryToAResearcherAndTheVentilationAgentSwitchesOnTheRoomsReadings(
      @TempDir Path dir) throws Exception {
    Path source = sharedData().resolve(OFFICE).resolve("datatest.txt");
    assumeTrue(Files.isRegularFile(source), "the shared data folder holds no " + OFFICE);
    Path shared = dir.resolve("shared");
    Files.createDirectories(shared.resolve(OFFICE));
    Files.copy(source, shared.resolve(OFFICE).resolve("datatest.txt"));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    Node node =
        new Demo(
                dir.resolve("demo"),
                shared,
                0,
                0,
                Speed.MAX,
                true,
                new PrintStream(printed, true, StandardCharsets.UTF_8))
            .run();
    long held;
    try {
      held = node.market().market().escrowHeld();
    } finally {
      node.close();
    }

    String out = printed.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("every signature and ledger proof verified; settled and rated 5")
        .contains("agent: bought nothing: the cheapest of 1 offers costs 45 tokens")
        .containsPattern("ventilation=on  at +1\\d{3} ppm")
        .containsPattern("ventilation=off at +[0-8]\\d{2} ppm")
        .contains("): ventilation=off")
        .contains("escrow: settled 1 (20 tokens), held 1 (15 tokens), refunded 0")
        .containsPattern("supply check: .*: holds");
    assertThat(held).isEqualTo(15);
  }

  /** {@code ../shared/data} of the repository, looked up from the working directory upwards. */
  private static Path sharedData() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("../shared/data").normalize();
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return Path.of("../shared/data");
  }
}
