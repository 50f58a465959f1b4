package io.msec.ledger;

import java.nio.file.Files;
import java.time.Duration;

/** Runs {@link LedgerBench} from the test classpath: {@code BenchMain <accounts> <seconds>}. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    LedgerBench.Result r =
        LedgerBench.run(
            Files.createTempDirectory("ledger-bench"),
            Integer.parseInt(args[0]),
            Duration.ofSeconds(Long.parseLong(args[1])),
            Integer.parseInt(args[2]),
            args.length > 3
                ? new LedgerConfig(Long.parseLong(args[3]), Integer.parseInt(args[4]), 2)
                : LedgerConfig.defaults(),
            System.out::println);
    System.out.println(r);
    System.out.printf(
        "fraction of verify limit: %.2f, in CPU time: %.2f%n",
        r.fractionOfVerifyLimit(), r.cpuFractionOfVerifyLimit());
  }
}
