package io.msec.node.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.core.MsecException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo empties its own folder from the last run, and never a folder holding other files. */
class DemoFolderTest {
  @TempDir Path dir;

  @Test
  void refusesAFolderHoldingFilesTheDemoDidNotMakeAndTouchesNothingInIt() throws Exception {
    Path precious = Files.writeString(dir.resolve("precious.txt"), "keep me");
    Files.createDirectories(dir.resolve("node"));

    assertThatThrownBy(() -> Demo.emptyOwnFolder(dir))
        .isInstanceOfSatisfying(
            MsecException.class, e -> assertThat(e.code()).isEqualTo("work-dir-in-use"));
    assertThat(precious).hasContent("keep me");
    assertThat(dir.resolve("node")).isDirectory();
    assertThat(dir.resolve(Demo.MARK)).doesNotExist();
  }

  @Test
  void emptiesItsOwnFolderFromAnEarlierRunAndMarksANewOne() throws Exception {
    Path fresh = dir.resolve("fresh");
    Demo.emptyOwnFolder(fresh);
    Files.createDirectories(fresh.resolve("node/ledger"));
    Files.writeString(fresh.resolve("node/ledger/blocks.log"), "old");
    Files.writeString(fresh.resolve("proof.json"), "{}");

    Demo.emptyOwnFolder(fresh);

    try (var left = Files.list(fresh)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly(Demo.MARK);
    }
    // A folder of a run from before the mark holds only what a run writes: it is the demo's too.
    Path older = Files.createDirectories(dir.resolve("older/devices"));
    Files.writeString(dir.resolve("older/head.json"), "{}");
    Demo.emptyOwnFolder(dir.resolve("older"));
    assertThat(older).doesNotExist();
  }
}
