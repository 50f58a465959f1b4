package io.msec.node.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.market.Product;
import io.msec.node.cli.MsecCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The market benchmark at a tiny size: its counts add up and the supply holds. Timings are only
 * checked to be well-formed, never against a bound.
 */
class MarketBenchTest {
  private static final IngestBench.Progress QUIET =
      new IngestBench.Progress() {
        @Override
        public void phase(String name, long total) {}

        @Override
        public void step(long done) {}
      };

  @TempDir Path dir;

  @Test
  void settlesEveryHistoryPurchaseAndDeliversEveryReadingToEveryLicensee() throws Exception {
    MarketBench.Options options =
        new MarketBench.Options(5, 2, Product.Kind.HISTORY, 4, 3, 5, 20, 60);

    MarketBenchResult r = new MarketBench(options, dir).run(QUIET);

    assertThat(r.purchases().firstFailure()).isNull();
    assertThat(r.purchases().completed()).isEqualTo(5);
    assertThat(r.purchases().failed()).isZero();
    assertThat(r.purchases().buy().p50Millis())
        .isLessThanOrEqualTo(r.purchases().buy().p99Millis());
    assertThat(r.fanOut().published()).isEqualTo(5);
    assertThat(r.fanOut().delivered()).isEqualTo(15);
    assertThat(r.fanOut().lost()).isZero();
    assertThat(r.fanOut().missedReadings()).isZero();
    assertThat(r.fanOut().rejected()).isZero();
    assertThat(r.fanOut().grants()).isGreaterThanOrEqualTo(3);
    assertThat(r.fanOut().p50Millis())
        .isLessThanOrEqualTo(r.fanOut().p95Millis())
        .isLessThanOrEqualTo(r.fanOut().p99Millis())
        .isLessThanOrEqualTo(r.fanOut().maxMillis());
    assertThat(r.supply().holds()).isTrue();
    assertThat(r.supply().escrowHeld()).isEqualTo(3 * MarketBench.PRICE);
  }

  @Test
  void settlesStreamPurchasesAndWritesEveryFigureAsJson() throws Exception {
    MarketBench.Options options =
        new MarketBench.Options(5, 3, Product.Kind.STREAM, 1, 0, 1, 20, 60);

    MarketBenchResult r = new MarketBench(options, dir).run(QUIET);
    JsonNode json = r.toJson();

    assertThat(r.purchases().completed()).as(r.purchases().firstFailure()).isEqualTo(5);
    assertThat(r.fanOut()).isNull();
    assertThat(r.supply().escrowHeld()).isZero();
    assertThat(json.at("/purchases/completed").asLong()).isEqualTo(5);
    assertThat(json.at("/purchases/settleCommit/p99Ms").isNumber()).isTrue();
    assertThat(json.at("/fanOut").isNull()).isTrue();
    assertThat(json.at("/supply/holds").asBoolean()).isTrue();
    assertThat(json.at("/options/kind").asText()).isEqualTo("stream");
  }

  @Test
  void refusesABadOptionInOneLine() {
    StringWriter err = new StringWriter();
    CommandLine cli = MsecCommand.commandLine().setErr(new PrintWriter(err, true));

    int status = cli.execute("bench", "market", "--licensees", "-1");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("msec: --licensees is at least 0, was -1 [bad-input]");
    assertThatThrownBy(() -> new MarketBench.Options(1, 1, Product.Kind.DATASET, 1, 1, 1, 20, 60))
        .hasMessage("--kind is stream or history, was dataset");
  }
}
