package io.msec.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.Identity;
import io.msec.core.IoFailures;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.market.client.BundleResult;
import io.msec.market.client.MarketClient;
import io.msec.market.client.Subscription;
import io.msec.market.client.VerifiedReading;
import io.msec.market.crypto.RecipientKey;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code msec market fetch}: receives what an order bought. A history or dataset comes as one
 * bundle, opened and checked (device signatures, ledger proofs) before its readings are written as
 * JSON lines and the order is settled; a stream prints each reading as it arrives, decrypted and
 * checked against its device's signature, until Ctrl-C or {@code --count} readings.
 */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description =
        "Receive an order: a history or dataset is verified, written as JSON lines and settled;"
            + " a stream is printed live, verified reading by reading.")
final class MarketFetchCommand implements Callable<Integer> {
  @Mixin MarketCommand.Connection connection;

  @Option(names = "--key", required = true, description = "The buyer's key file.")
  Path key;

  @Option(
      names = "--recipient-key",
      required = true,
      description = "The recipient key file the order was bought with.")
  Path recipientKey;

  @Option(names = "--order", required = true, description = "The order id.")
  String order;

  @Option(names = "--purpose", required = true, description = "The license's purpose of use.")
  String purpose;

  @Option(
      names = "--out",
      description =
          "Folder for <order>.jsonl (and a bundle's <order>.bundle.json); a bundle goes to the"
              + " current folder if not given.")
  Path out;

  @Option(names = "--count", description = "Stop a stream after this many readings.")
  Long count;

  @Option(names = "--no-settle", description = "Do not acknowledge a verified bundle.")
  boolean noSettle;

  @Option(
      names = "--sequencer",
      description = "Check proofs against this node key (did:key) rather than the one it names.")
  String sequencer;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (count != null && count < 1) {
      throw MarketCommand.bad(spec, "--count is 1 or more, was " + count);
    }
    MarketClient client = connection.client();
    if (sequencer != null) {
      client.pinSequencer(MarketCommand.did(spec, "--sequencer", sequencer));
    }
    Identity buyer = MarketCommand.identity(key);
    RecipientKey recipient = RecipientKey.load(recipientKey);
    JsonNode o = client.order(order);
    client.checkUse(order, purpose);
    if ("stream".equals(o.path("license").path("product").path("kind").asText())) {
      return stream(client, buyer, recipient);
    }
    return bundle(client, buyer, recipient, "held".equals(o.path("escrow").path("state").asText()));
  }

  private int bundle(MarketClient client, Identity buyer, RecipientKey recipient, boolean held) {
    Path dir = out == null ? Path.of(".") : out;
    // Checked before fetching: a delivered bundle counts as delivered, written or not.
    if (!Files.isDirectory(dir)) {
      throw new MsecException(
          "no-such-folder", "the folder " + dir.toAbsolutePath() + " does not exist");
    }
    BundleResult result;
    try (ConsoleProgress progress = quiet ? null : new ConsoleProgress()) {
      step(progress, "fetch and verify bundle", 1, 0);
      result = client.fetchBundle(buyer, order, purpose, recipient);
      step(progress, "fetch and verify bundle", 1, 1);
      Path lines = dir.resolve(order + ".jsonl");
      try (BufferedWriter w = writer(lines, false)) {
        long done = 0;
        step(progress, "write readings", result.readings().size(), 0);
        for (Reading r : result.readings()) {
          w.write(r.toJson().toString());
          w.newLine();
          step(progress, "write readings", result.readings().size(), ++done);
        }
      }
      Files.writeString(dir.resolve(order + ".bundle.json"), result.bundle().toPrettyString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + dir + ": " + IoFailures.describe(e), e);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(
        "verified "
            + result.readings().size()
            + " readings (device signatures and ledger proofs); wrote "
            + dir.resolve(order + ".jsonl"));
    if (noSettle || !held) {
      stdout.println(
          held ? "not settled (--no-settle)" : "escrow already closed; nothing to settle");
      return 0;
    }
    client.settle(buyer, order);
    stdout.println("settled order " + order);
    return 0;
  }

  private int stream(MarketClient client, Identity buyer, RecipientKey recipient)
      throws InterruptedException {
    PrintWriter stdout = spec.commandLine().getOut();
    CountDownLatch enough =
        new CountDownLatch(count == null ? 1 : (int) Math.min(count, Integer.MAX_VALUE));
    BufferedWriter file = out == null ? null : writer(out.resolve(order + ".jsonl"), true);
    AtomicLong printed = new AtomicLong();
    Subscription sub =
        client.subscribe(
            buyer,
            order,
            purpose,
            recipient,
            r -> {
              // Readings that come in while the stream closes are not printed beyond the count.
              if (count == null || printed.get() < count) {
                print(stdout, file, r);
                printed.incrementAndGet();
                if (count != null) {
                  enough.countDown();
                }
              }
            });
    Thread onCtrlC = new Thread(sub::close, "msec-market-fetch-stop");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    spec.commandLine().getErr().println("receiving order " + order + " (Ctrl-C to stop)");
    try {
      while (sub.isOpen() && !enough.await(500, TimeUnit.MILLISECONDS)) {
        // Wait for the count, Ctrl-C or the node ending the stream.
      }
    } finally {
      sub.close();
      removeHook(onCtrlC);
      close(file);
    }
    spec.commandLine()
        .getErr()
        .println(
            "received "
                + printed.get()
                + " verified readings; refused "
                + sub.failures()
                + (sub.failures() == 0 ? "" : " " + sub.failuresByReason()));
    return 0;
  }

  private static synchronized void print(
      PrintWriter stdout, BufferedWriter file, VerifiedReading r) {
    String line = r.reading().toJson().toString();
    stdout.println(line);
    stdout.flush();
    if (file != null) {
      try {
        file.write(line);
        file.newLine();
        file.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static BufferedWriter writer(Path file, boolean append) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (!Files.isDirectory(dir)) {
        throw new MsecException("no-such-folder", "the folder " + dir + " does not exist");
      }
      return append
          ? Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
          : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + IoFailures.describe(e), e);
    }
  }

  private static void step(ConsoleProgress progress, String phase, long total, long done) {
    if (progress == null) {
      return;
    }
    if (done == 0) {
      progress.phase(phase, total);
    } else {
      progress.step(done);
    }
  }

  private static void close(BufferedWriter file) {
    if (file != null) {
      try {
        file.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down (Ctrl-C): the hook runs anyway.
    }
  }
}
