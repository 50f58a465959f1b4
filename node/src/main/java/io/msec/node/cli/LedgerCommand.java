package io.msec.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.KeyFile;
import io.msec.ledger.Ledger;
import io.msec.ledger.ProofChecker;
import io.msec.ledger.ReadingSource;
import io.msec.ledger.SignedHead;
import io.msec.ledger.VerifyReport;
import io.msec.market.MarketOperations;
import io.msec.market.client.MarketClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code msec ledger ...}: audit the chain, pin heads, build and check proofs offline; mint,
 * transfer and read token balances on a running node.
 */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description =
        "Verify the ledger, print its signed head, build and check proofs; mint, transfer and"
            + " read token balances.",
    subcommands = {
      LedgerCommand.Verify.class,
      LedgerCommand.Head.class,
      LedgerCommand.CheckProof.class,
      LedgerCommand.Prove.class,
      LedgerCommand.Mint.class,
      LedgerCommand.Transfer.class,
      LedgerCommand.Balance.class
    })
public final class LedgerCommand implements Runnable {
  static final String DEFAULT_DIR = ".msec/node/ledger";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Re-checks every block; exits 1 naming the first bad one. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Re-check hashes, signatures and state roots by replay.")
  static final class Verify implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = DEFAULT_DIR, description = "Ledger directory.")
    Path dataDir;

    @Override
    public Integer call() {
      VerifyReport report;
      try (ProgressBar bar =
          new ProgressBarBuilder()
              .setTaskName("verify")
              .setUnit(" blocks", 1)
              .setStyle(ProgressBarStyle.ASCII)
              .setConsumer(new ConsoleProgressBarConsumer(System.err))
              .build()) {
        report =
            Ledger.verifyChain(
                dataDir,
                MarketOperations.registry(),
                (done, total) -> {
                  bar.maxHint(total);
                  bar.stepTo(done);
                });
      }
      if (report.tornTailBytes() > 0) {
        System.out.println(
            "note: " + report.tornTailBytes() + " bytes after the last intact block (cut at open)");
      }
      if (!report.valid()) {
        System.out.println(
            "chain invalid: block " + report.firstBadHeight() + " is bad: " + report.reason());
        return 1;
      }
      System.out.println(
          "chain valid: "
              + report.blocks()
              + " blocks, "
              + report.transactions()
              + " transactions");
      return 0;
    }
  }

  /** Prints the current head signed by the sequencer key, for a light client to pin. */
  @Command(
      name = "head",
      mixinStandardHelpOptions = true,
      description = "Print the signed head (needs the sequencer key).")
  static final class Head implements Callable<Integer> {
    @Mixin StoppedLedger stopped;

    @Override
    public Integer call() {
      try (Ledger ledger = stopped.open()) {
        System.out.println(ledger.head().toJson());
      }
      return 0;
    }
  }

  /**
   * A node's ledger opened by a tool while the node is stopped, with the sequencer key to sign
   * heads and the market's operations to replay.
   */
  static final class StoppedLedger {
    @Option(names = "--data-dir", defaultValue = DEFAULT_DIR, description = "Ledger directory.")
    Path dataDir;

    @Option(
        names = "--key",
        defaultValue = ".msec/node/keys/node.jwk",
        description = "Sequencer key file (JWK) (default: ${DEFAULT-VALUE}).")
    Path key;

    Ledger open() {
      return Ledger.openExisting(
          dataDir, KeyFile.read(key), Clock.systemUTC(), MarketOperations.registry());
    }
  }

  /** Checks a proof offline against a pinned head or the sequencer's key. */
  @Command(
      name = "check-proof",
      mixinStandardHelpOptions = true,
      description = "Check an msec-proof/1 file offline.")
  static final class CheckProof implements Callable<Integer> {
    @Parameters(index = "0", description = "The proof JSON file.")
    Path proof;

    @Option(names = "--head", description = "A signed head file the proof must be built on.")
    Path head;

    @Option(names = "--sequencer", description = "Trust any head signed by this did:key.")
    String sequencer;

    @Override
    public Integer call() throws IOException {
      if ((head == null) == (sequencer == null)) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "give exactly one of --head and --sequencer");
      }
      JsonNode json = Json.mapper().readTree(Files.readAllBytes(proof));
      ProofChecker.Result r =
          head != null
              ? ProofChecker.check(
                  json, SignedHead.fromJson(Json.mapper().readTree(Files.readAllBytes(head))))
              : ProofChecker.check(json, DidKey.parse(sequencer));
      if (r.valid()) {
        System.out.println("valid: " + r.message());
        return 0;
      }
      System.out.println("invalid at step " + r.failedStep() + ": " + r.message());
      return 1;
    }
  }

  /** Builds a reading proof from the ledger and the node's reading store. */
  @Command(
      name = "prove",
      mixinStandardHelpOptions = true,
      description = "Print the proof of one anchored reading.")
  static final class Prove implements Callable<Integer> {
    @Option(names = "--device", required = true, description = "The device's did:key.")
    String device;

    @Option(names = "--seq", required = true, description = "The reading's sequence number.")
    long seq;

    @Mixin StoppedLedger stopped;

    @Option(
        names = "--node-dir",
        defaultValue = ".msec/node",
        description = "Node directory holding the reading store.")
    Path nodeDir;

    @Override
    public Integer call() {
      ReadingSource.Provider provider =
          ServiceLoader.load(ReadingSource.Provider.class).findFirst().orElse(null);
      if (provider == null) {
        System.err.println("msec: this build has no reading store to prove readings from");
        return 2;
      }
      try (Ledger ledger = stopped.open()) {
        System.out.println(
            ledger
                .proveReading(DidKey.parse(device), seq, provider.open(nodeDir))
                .toPrettyString());
      }
      return 0;
    }
  }

  /** {@code msec ledger mint}: new tokens, signed with the node's treasury key. */
  @Command(
      name = "mint",
      mixinStandardHelpOptions = true,
      description = "Create tokens in an account, signed with the node's treasury key file.")
  static final class Mint implements Callable<Integer> {
    @Option(names = "--to", required = true, description = "The account's did:key.")
    String to;

    @Option(names = "--amount", required = true, description = "Tokens to create, 1 or more.")
    long amount;

    @Option(
        names = "--node-dir",
        defaultValue = ".msec/node",
        description = "The node's data dir, holding keys/treasury.jwk (default: ${DEFAULT-VALUE}).")
    Path nodeDir;

    @Option(
        names = "--treasury-key",
        description = "The treasury key file (default: in --node-dir).")
    Path treasuryKey;

    @Mixin MarketCommand.Connection connection;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (amount < 1) {
        throw MarketCommand.bad(spec, "--amount is 1 or more, was " + amount);
      }
      DidKey account = MarketCommand.did(spec, "--to", to);
      Path file = treasuryKey != null ? treasuryKey : nodeDir.resolve("keys/treasury.jwk");
      MarketClient client = connection.client();
      client.submit(KeyFile.read(file), new io.msec.ledger.Mint(account, amount));
      spec.commandLine()
          .getOut()
          .println("minted " + amount + " to " + account + "; balance " + client.balance(account));
      return 0;
    }
  }

  /** {@code msec ledger transfer}: moves tokens between accounts. */
  @Command(
      name = "transfer",
      mixinStandardHelpOptions = true,
      description = "Move tokens from your account to another.")
  static final class Transfer implements Callable<Integer> {
    @Option(names = "--key", required = true, description = "The payer's key file.")
    Path key;

    @Option(names = "--to", required = true, description = "The payee's did:key.")
    String to;

    @Option(names = "--amount", required = true, description = "Tokens to move, 1 or more.")
    long amount;

    @Mixin MarketCommand.Connection connection;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (amount < 1) {
        throw MarketCommand.bad(spec, "--amount is 1 or more, was " + amount);
      }
      DidKey payee = MarketCommand.did(spec, "--to", to);
      Identity payer = KeyFile.read(key);
      if (payer.did().equals(payee)) {
        throw MarketCommand.bad(spec, "--to names the payer's own account; nothing would move");
      }
      MarketClient client = connection.client();
      client.submit(payer, new io.msec.ledger.Transfer(payee, amount));
      spec.commandLine()
          .getOut()
          .println(
              "moved " + amount + " to " + payee + "; your balance " + client.balance(payer.did()));
      return 0;
    }
  }

  /** {@code msec ledger balance}: the tokens an account holds. */
  @Command(
      name = "balance",
      mixinStandardHelpOptions = true,
      description = "Print the tokens an account holds.")
  static final class Balance implements Callable<Integer> {
    @Option(names = "--account", description = "The account's did:key.")
    String account;

    @Option(names = "--key", description = "...or the account's key file.")
    Path key;

    @Mixin MarketCommand.Connection connection;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if ((account == null) == (key == null)) {
        throw MarketCommand.bad(spec, "give exactly one of --account and --key");
      }
      DidKey did =
          account != null ? MarketCommand.did(spec, "--account", account) : KeyFile.read(key).did();
      spec.commandLine().getOut().println(connection.client().balance(did));
      return 0;
    }
  }
}
