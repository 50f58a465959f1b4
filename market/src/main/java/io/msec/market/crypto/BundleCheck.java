package io.msec.market.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.CanonicalJson;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.ledger.ProofChecker;
import io.msec.market.crypto.BundleReport.Failure;
import io.msec.market.crypto.BundleReport.ReadingId;
import io.msec.market.delivery.SignedReading;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an {@code msec-bundle/1} bundle and checks one on the buyer's side (docs/market.md,
 * "History and datasets: bundles"):
 *
 * <pre>{@code
 * {"format":"msec-bundle/1","order":"<order id>","license":{…the license state…},
 *  "readings":[{"envelope":{…signed reading as stored…},"proof":{…msec-proof/1…}}, …]}
 * }</pre>
 *
 * For every reading, in this order: its device is one of the license's product, its time lies in
 * the product's window {@code [from, to)}, its sequence number is above the previous one of its
 * device, the envelope is signed by the device, the proof carries exactly the signed reading, and
 * {@link ProofChecker} accepts the proof against the sequencer's key. Stateless and thread-safe.
 *
 * <pre>{@code
 * BundleReport report = BundleCheck.check(Bundles.open(sealed, key, order), sequencerDid);
 * if (report.valid()) submit(settle(order));
 * }</pre>
 *
 * <p>Limitation: the signer must be the device's id key, so readings signed after a key rotation
 * are refused ({@code bad-signature}); and a buyer cannot tell that a bundle holds every reading of
 * the window, since the ledger has no proofs of absence.
 */
public final class BundleCheck {
  /** The bundle format this class writes and reads. */
  public static final String FORMAT = "msec-bundle/1";

  private static final Logger LOG = LoggerFactory.getLogger(BundleCheck.class);
  private static final Set<String> MEMBERS = Set.of("format", "order", "license", "readings");
  private static final Set<String> ITEM = Set.of("envelope", "proof");

  private BundleCheck() {}

  /**
   * The bundle of {@code order}: {@code envelopes.get(i)} is proved by {@code proofs.get(i)}.
   *
   * @param license the license state entry's JSON
   * @throws IllegalArgumentException if the lists differ in length
   */
  public static ObjectNode bundle(
      String order, ObjectNode license, List<ObjectNode> envelopes, List<ObjectNode> proofs) {
    if (envelopes.size() != proofs.size()) {
      throw new IllegalArgumentException(
          envelopes.size() + " envelopes but " + proofs.size() + " proofs");
    }
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("format", FORMAT);
    out.put("order", order);
    out.set("license", license.deepCopy());
    ArrayNode readings = out.putArray("readings");
    for (int i = 0; i < envelopes.size(); i++) {
      ObjectNode item = readings.addObject();
      item.set("envelope", envelopes.get(i).deepCopy());
      item.set("proof", proofs.get(i).deepCopy());
    }
    return out;
  }

  /** Checks every reading of an opened bundle against {@code sequencer}, the node's key. */
  public static BundleReport check(ObjectNode bundle, DidKey sequencer) {
    String order = bundle.path("order").isTextual() ? bundle.get("order").textValue() : null;
    BundleReport report;
    try {
      report = checkReadings(bundle, order, sequencer);
    } catch (Refusal r) {
      report = new BundleReport(order, 0, List.of(), r.failure);
    }
    if (report.valid()) {
      LOG.debug("checked bundle order={} readings={}", order, report.total());
    } else {
      LOG.warn(
          "refused bundle order={} index={} reason={}",
          order,
          report.failure().index(),
          report.failure().reason());
    }
    return report;
  }

  private static BundleReport checkReadings(ObjectNode bundle, String order, DidKey sequencer) {
    try {
      Wire.exactly(bundle, MEMBERS, "malformed-bundle", "a bundle");
    } catch (MsecException e) {
      throw new Refusal(-1, "malformed-bundle", e.getMessage());
    }
    if (!FORMAT.equals(bundle.get("format").asText()) || order == null) {
      throw new Refusal(-1, "malformed-bundle", "not an " + FORMAT + " bundle naming its order");
    }
    JsonNode items = bundle.get("readings");
    if (!items.isArray()) {
      throw new Refusal(-1, "malformed-bundle", "member 'readings' must be an array");
    }
    LicenseWindow window = LicenseWindow.of(bundle.get("license"), order);

    List<ReadingId> checked = new ArrayList<>(items.size());
    Map<DidKey, Long> lastSeq = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Failure failure;
      try {
        failure = checkOne(i, items.get(i), window, lastSeq, sequencer, checked);
      } catch (MsecException e) {
        failure = new Failure(i, "malformed-reading", e.getMessage());
      }
      if (failure != null) {
        return new BundleReport(order, items.size(), checked, failure);
      }
    }
    return new BundleReport(order, items.size(), checked, null);
  }

  private static Failure checkOne(
      int index,
      JsonNode item,
      LicenseWindow window,
      Map<DidKey, Long> lastSeq,
      DidKey sequencer,
      List<ReadingId> checked) {
    if (item.isObject() && item.has("envelope") && !item.has("proof")) {
      return new Failure(index, "missing-proof", "the reading comes without its proof");
    }
    Reading claimed;
    try {
      Wire.exactly(item, ITEM, "malformed-reading", "a bundle reading");
      claimed = Reading.fromJson(item.get("envelope").get("payload"));
    } catch (MsecException e) {
      return new Failure(index, "malformed-reading", e.getMessage());
    }
    DidKey device = claimed.device();
    if (!window.devices().contains(device)) {
      return new Failure(index, "foreign-device", device + " is not a device of the license");
    }
    if (claimed.observedAt().isBefore(window.from())
        || !claimed.observedAt().isBefore(window.to())) {
      return new Failure(
          index, "outside-window", "observed at " + claimed.observedAt() + ", outside the window");
    }
    Long previous = lastSeq.put(device, claimed.seq());
    if (previous != null && previous >= claimed.seq()) {
      return new Failure(index, "out-of-order", "seq " + claimed.seq() + " follows " + previous);
    }
    return signatureAndProof(index, item, device, sequencer, checked, claimed.seq());
  }

  private static Failure signatureAndProof(
      int index,
      JsonNode item,
      DidKey device,
      DidKey sequencer,
      List<ReadingId> checked,
      long seq) {
    JsonNode envelope = item.get("envelope");
    try {
      // Limitation: the device's id is taken as its key; a buyer cannot learn a rotated key from
      // the bundle, so readings signed after a rotation are refused.
      SignedReading.verify(envelope, device);
    } catch (MsecException e) {
      String reason = "bad-signature".equals(e.code()) ? e.code() : "malformed-reading";
      return new Failure(index, reason, e.getMessage());
    }

    JsonNode proof = item.get("proof");
    JsonNode proved = proof.get("reading");
    if (proved == null
        || !proved.isObject()
        || !Arrays.equals(
            CanonicalJson.bytes(proved), CanonicalJson.bytes(envelope.get("payload")))) {
      return new Failure(index, "proof-mismatch", "the proof is not of the signed reading");
    }
    ProofChecker.Result result = ProofChecker.check(proof, sequencer);
    if (!result.valid()) {
      return new Failure(index, "bad-proof", result.failedStep() + ": " + result.message());
    }
    checked.add(new ReadingId(device, seq));
    return null;
  }

  /** A failure of the bundle as a whole, carried out of the nested checks. */
  static final class Refusal extends RuntimeException {
    final transient Failure failure;

    Refusal(int index, String reason, String message) {
      super(message, null, false, false);
      this.failure = new Failure(index, reason, message);
    }
  }
}
