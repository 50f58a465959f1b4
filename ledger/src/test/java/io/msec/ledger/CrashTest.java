package io.msec.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer killed with SIGKILL mid-stream loses no transaction it reported committed. */
class CrashTest {
  @TempDir Path dir;

  @Test
  void everyReportedCommitSurvivesSigkill() throws Exception {
    for (int run = 0; run < 2; run++) {
      List<String> committed = killWriterAfter(run == 0 ? 1_500 : 600);
      assertThat(committed).hasSizeGreaterThan(100);

      try (Fixture f = new Fixture(dir)) {
        for (String id : committed) {
          assertThat(f.ledger.receipt(id)).as("committed tx %s", id).isPresent();
        }
        VerifyReport report = f.ledger.verifyChain(VerifyProgress.NONE);
        assertThat(report.valid()).as(report.reason()).isTrue();
        long sum = 0;
        for (int i = 0; i < CrashWriter.ACCOUNTS; i++) {
          sum += f.ledger.balance(CrashWriter.account(i).did());
        }
        assertThat(sum).isEqualTo(f.ledger.totalSupply());
        assertThat(f.ledger.totalSupply() % CrashWriter.START).isZero();
      }
    }
  }

  /** Starts the writer, waits for {@code commits} reported commits, kills it, returns them. */
  private List<String> killWriterAfter(int commits) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriter.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> committed = new CopyOnWriteArrayList<>();
    CountDownLatch enough = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  if (line.startsWith("committed ")) {
                    committed.add(line.substring("committed ".length()));
                    if (committed.size() >= commits) {
                      enough.countDown();
                    }
                  }
                }
              } catch (java.io.IOException e) {
                // the pipe closes when the child dies
              }
            });
    reader.start();
    boolean reached = enough.await(60, TimeUnit.SECONDS);
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
    reader.join(10_000);
    assertThat(reached).as("writer reached %d commits", commits).isTrue();
    return committed;
  }
}
