package io.msec.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class EnvelopeTest {
  private static final Identity DEVICE = Identity.generate();

  private static Reading reading(long seq, double co2) {
    return new Reading(
        DEVICE.did(),
        seq,
        Instant.parse("2015-02-04T17:51:00Z").plusSeconds(seq * 60),
        Map.of("co2", new Reading.Quantity(co2, "[ppm]")),
        new Reading.Location(57.15, -2.09));
  }

  @Property(tries = 200)
  void signedEnvelopeSurvivesTheWireAndVerifies(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seq, @ForAll double co2) throws Exception {
    if (Double.isNaN(co2) || Double.isInfinite(co2)) {
      return;
    }
    Envelope sent = Envelope.sign(DEVICE, reading(seq, co2).toJson());

    JsonNode wire = Json.mapper().readTree(Json.mapper().writeValueAsBytes(sent.toJson()));
    Envelope received = Envelope.fromJson(wire);

    assertThat(received.verify()).isTrue();
    assertThat(Reading.fromJson(received.payload())).isEqualTo(reading(seq, co2));
  }

  @Property(tries = 300)
  void anyOneBitChangeToSignedBytesOrSignatureFailsVerification(
      @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll @IntRange(max = 7) int bit) {
    Envelope envelope = Envelope.sign(DEVICE, reading(7, 812.5).toJson());
    byte[] payload = envelope.canonicalPayload();
    byte[] signature = envelope.signature();
    int at = position % (payload.length + signature.length);

    if (at < payload.length) {
      payload[at] ^= (byte) (1 << bit);
    } else {
      signature[at - payload.length] ^= (byte) (1 << bit);
    }

    assertThat(DEVICE.did().verify(payload, signature)).isFalse();
  }

  @Property(tries = 100)
  void batchMembersProveInclusionAndTamperingFails(
      @ForAll @IntRange(min = 1, max = 40) int size, @ForAll @IntRange(min = 0, max = 39) int i) {
    int index = i % size;
    List<ObjectNode> payloads =
        java.util.stream.IntStream.rangeClosed(1, size)
            .mapToObj(s -> reading(s, 400 + s).toJson())
            .toList();
    BatchEnvelope batch = BatchEnvelope.fromJson(BatchEnvelope.sign(DEVICE, payloads).toJson());

    assertThat(batch.verify()).isTrue();
    assertThat(
            BatchEnvelope.verifyMember(
                payloads.get(index), index, size, batch.inclusionProof(index), batch.root()))
        .isTrue();
    ObjectNode tampered = reading(index + 1, 999).toJson();
    assertThat(
            BatchEnvelope.verifyMember(
                tampered, index, size, batch.inclusionProof(index), batch.root()))
        .isFalse();
  }
}
