package io.msec.node.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.ledger.Ledger;
import io.msec.ledger.Mint;
import io.msec.ledger.ProofChecker;
import io.msec.ledger.SignedHead;
import io.msec.ledger.TransactionBuilder;
import io.msec.node.Node;
import io.msec.node.chain.StoreReadingSource;
import io.msec.node.registry.DeviceRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The ledger side of the demo: the treasury funds every device owner, all stored readings are
 * anchored, and one reading's proof is built, written to a file and checked against the signed
 * head, as a buyer would check it on their own machine.
 */
final class LedgerReport {
  static final long GRANT = 1_000;

  private LedgerReport() {}

  static void print(Node node, Path workDir, PrintStream out) throws IOException {
    Ledger ledger = node.ledger();
    int funded = fund(node);
    int anchoredNow = node.anchorer().anchorDue(true);
    List<DeviceRecord> devices = node.registry().list();
    long anchors = devices.stream().mapToLong(d -> ledger.anchors(d.device()).size()).sum();

    out.println();
    out.println("ledger:");
    out.printf(
        Locale.ROOT,
        "  %d owner accounts funded with %d tokens each; total supply %d%n",
        funded,
        GRANT,
        ledger.totalSupply());
    out.printf(
        Locale.ROOT,
        "  %d devices registered on the ledger, %d anchors (%d just now), %d blocks%n",
        devices.size(),
        anchors,
        anchoredNow,
        ledger.height() + 1);
    prove(node, devices, workDir, out);
  }

  private static int fund(Node node) {
    Ledger ledger = node.ledger();
    TreeSet<DidKey> owners = new TreeSet<>();
    node.registry().list().forEach(d -> owners.add(d.owner()));
    TransactionBuilder treasury =
        TransactionBuilder.forAccount(
            node.keys().treasury(), ledger.nextNonce(node.keys().treasury().did()));
    List<CompletableFuture<?>> grants =
        owners.stream()
            .filter(o -> ledger.balance(o) == 0)
            .<CompletableFuture<?>>map(o -> ledger.submit(treasury.next(new Mint(o, GRANT))))
            .toList();
    CompletableFuture.allOf(grants.toArray(CompletableFuture[]::new)).join();
    return grants.size();
  }

  private static void prove(Node node, List<DeviceRecord> devices, Path workDir, PrintStream out)
      throws IOException {
    DeviceRecord device =
        devices.stream().filter(d -> node.store().lastSeq(d.device()) > 0).findFirst().orElse(null);
    if (device == null) {
      return;
    }
    long seq = Math.max(1, node.store().lastSeq(device.device()) / 2);
    ObjectNode proof =
        node.ledger().proveReading(device.device(), seq, new StoreReadingSource(node.store()));
    SignedHead head = node.ledger().head();
    ProofChecker.Result result = ProofChecker.check(proof, head);
    Path proofFile = workDir.resolve("proof.json");
    Path headFile = workDir.resolve("head.json");
    Files.writeString(proofFile, proof.toPrettyString());
    Files.writeString(headFile, head.toJson().toPrettyString());
    out.printf(
        Locale.ROOT,
        "  proof of reading seq %d of %s: %s%n",
        seq,
        device.name().isEmpty() ? device.device() : device.name(),
        result.valid() ? "VALID" : "INVALID at " + result.failedStep());
    out.println("    " + result.message());
    out.println(
        "  check it yourself: ./msec ledger check-proof " + proofFile + " --head " + headFile);
  }
}
