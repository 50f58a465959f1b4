package io.msec.node.demo;

import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Reading;
import io.msec.node.Node;
import io.msec.node.ingest.IngestReport;
import io.msec.node.registry.DeviceRecord;
import io.msec.twin.StoredReading;
import java.io.PrintStream;
import java.util.List;

/**
 * What an attacker might try after the replay, each refused by ingestion: a reading under a
 * registered device's name signed with another key, a stored reading replayed with a changed value,
 * and a reading from an unregistered device.
 */
final class Forgeries {
  private Forgeries() {}

  static void attempt(Node node, PrintStream out) {
    List<DeviceRecord> devices = node.registry().list();
    if (devices.isEmpty()) {
      return;
    }
    DeviceRecord victim = devices.get(0);
    long last = node.store().lastSeq(victim.device());
    StoredReading stored = node.store().get(victim.device(), last).orElse(null);
    if (stored == null) {
      return;
    }
    Identity attacker = Identity.generate();
    Reading r = stored.reading();
    Reading next =
        new Reading(r.device(), r.seq() + 1, r.observedAt().plusSeconds(60), r.properties(), null);
    Reading stranger = new Reading(attacker.did(), 1, r.observedAt(), r.properties(), r.location());
    long before = node.store().count();

    out.println();
    out.println("forged readings sent to the node:");
    show(out, "next reading, signed by a thief", submit(node, forgedSignature(attacker, next)));
    show(out, "stored reading, value changed", submit(node, tampered(stored)));
    if (stored.batchRoot() == null) {
      show(out, "stored reading, replayed", submit(node, replayed(stored)));
    }
    show(out, "unregistered device", submit(node, Envelope.sign(attacker, stranger.toJson())));
    out.printf("  readings stored by these attempts: %d%n", node.store().count() - before);
  }

  /** The device's own signature over the stored bytes, with one value raised afterwards. */
  private static Envelope tampered(StoredReading stored) {
    var wire = replayed(stored).toJson();
    var properties =
        (com.fasterxml.jackson.databind.node.ObjectNode) wire.get("payload").get("properties");
    String first = properties.fieldNames().next();
    var quantity = (com.fasterxml.jackson.databind.node.ObjectNode) properties.get(first);
    quantity.put("value", quantity.get("value").asDouble() + 100);
    return Envelope.fromJson(wire);
  }

  /** The exact signed reading again, as a replaying attacker would send it. */
  private static Envelope replayed(StoredReading stored) {
    var wire = io.msec.core.Json.mapper().createObjectNode();
    try {
      wire.set("payload", io.msec.core.Json.mapper().readTree(stored.canonical()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("stored bytes are not JSON", e);
    }
    wire.put("signer", stored.reading().device().toString());
    wire.put(
        "sig",
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(stored.signature()));
    return Envelope.fromJson(wire);
  }

  private static Envelope forgedSignature(Identity attacker, Reading next) {
    // The attacker signs with its own key but claims to be the device.
    Envelope own = Envelope.sign(attacker, next.toJson());
    var wire = own.toJson();
    wire.put("signer", next.device().toString());
    return Envelope.fromJson(wire);
  }

  private static IngestReport submit(Node node, Envelope envelope) {
    return node.ingestor().submit(envelope.toJson().toString().getBytes(), null).join();
  }

  private static void show(PrintStream out, String what, IngestReport report) {
    String verdict;
    if (!report.rejected().isEmpty()) {
      verdict = "refused: " + report.rejected().get(0).code();
    } else if (report.duplicates() > 0) {
      verdict = "acknowledged as a duplicate, not stored again";
    } else {
      verdict = "ACCEPTED (unexpected)";
    }
    out.printf("  %-32s %s%n", what, verdict);
  }
}
