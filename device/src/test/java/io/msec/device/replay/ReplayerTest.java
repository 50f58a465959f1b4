package io.msec.device.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.core.DidKey;
import io.msec.core.KeyFile;
import io.msec.core.MsecException;
import io.msec.device.FakeNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayerTest {
  @TempDir Path state;

  private ReplayOptions options(FakeNode node) {
    return ReplayOptions.of("bundled:luftdaten-aberdeen-pm")
        .withNode(node.uri())
        .withStateDir(state)
        .withSpeed(Speed.MAX)
        .withQuiet(true);
  }

  @Test
  void replaysTheBundledDatasetAndContinuesAfterWhatTheNodeStored() throws Exception {
    try (FakeNode node = FakeNode.onSharedBroker()) {
      ReplaySummary first = Replayer.run(options(node).withLimit(500).withBatch(10));
      ReplaySummary second = Replayer.run(options(node).withLimit(300));

      assertThat(first.devices()).isEqualTo(6);
      assertThat(first.readingsSent()).isEqualTo(500);
      assertThat(first.acknowledged()).isEqualTo(500);
      assertThat(first.refused()).isEmpty();
      assertThat(first.complete()).isTrue();
      assertThat(second.alreadyStored()).isEqualTo(500);
      assertThat(second.acknowledged()).isEqualTo(300);
      List<DidKey> devices = deviceKeys();
      assertThat(devices).hasSize(6);
      long total = 0;
      for (DidKey did : devices) {
        List<Long> seqs = node.seqs(did);
        assertThat(seqs)
            .as("no gap and no duplicate")
            .isEqualTo(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
        total += seqs.size();
      }
      assertThat(total).isEqualTo(800);
      assertThat(first.describe()).contains("sent 500 readings, acknowledged 500");
    }
  }

  @Test
  void refusesADatasetWithoutMapping(@TempDir Path folder) throws Exception {
    Path dataset = Files.createDirectories(folder.resolve("unknown-set"));

    assertThatThrownBy(() -> Replayer.run(ReplayOptions.of(dataset.toString()).withQuiet(true)))
        .isInstanceOf(MsecException.class)
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo("no-mapping");
  }

  private List<DidKey> deviceKeys() throws Exception {
    try (Stream<Path> files = Files.list(state.resolve("devices"))) {
      return files.map(f -> KeyFile.read(f).did()).toList();
    }
  }
}
