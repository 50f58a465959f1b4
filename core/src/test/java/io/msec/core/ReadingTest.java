package io.msec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadingTest {
  private static final Identity DEVICE = Identity.generate();
  private static final Instant T0 = Instant.parse("2015-02-04T17:51:00Z");

  @Provide
  Arbitrary<Reading> openReadings() {
    Arbitrary<Reading.Quantity> quantity =
        Combinators.combine(
                Arbitraries.doubles().between(-1e12, 1e12).withSpecialValue(-0.0),
                Arbitraries.of("[ppm]", "Cel", "ug/m3", "%", "[ppb]"))
            .as(Reading.Quantity::new);
    Arbitrary<Map<String, Reading.Quantity>> properties =
        Arbitraries.maps(Arbitraries.strings().withCharRange('a', 'z').ofLength(4), quantity)
            .ofMinSize(1)
            .ofMaxSize(5);
    Arbitrary<Reading.Location> location =
        Combinators.combine(
                Arbitraries.doubles().between(-90, 90), Arbitraries.doubles().between(-180, 180))
            .as(Reading.Location::new)
            .injectNull(0.3);
    return Combinators.combine(
            Arbitraries.longs().between(1, 1L << 40),
            Arbitraries.longs().between(0, 4_000_000_000L),
            properties,
            location)
        .as((seq, s, p, l) -> new Reading(DEVICE.did(), seq, T0.plusSeconds(s), p, l));
  }

  /** What JSON keeps of a reading: RFC 8785 writes -0 as 0. */
  private static Reading asSigned(Reading r) {
    return Reading.fromJson(read(CanonicalJson.bytes(r.toJson())));
  }

  private static JsonNode read(byte[] bytes) {
    try {
      return Json.mapper().readTree(bytes);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Property(tries = 200)
  void opensWhatItSealedWithTheEpochKey(
      @ForAll("openReadings") Reading reading,
      @ForAll @LongRange(max = Reading.Sealed.MAX_EPOCH) long epoch) {
    ContentKey key = ContentKey.generate();

    Reading sealed = reading.seal(key, epoch);

    assertThat(sealed.isSealed()).isTrue();
    assertThat(sealed.sealed().epoch()).isEqualTo(epoch);
    assertThat(sealed.properties()).isEmpty();
    assertThat(sealed.location()).isNull();
    assertThat(sealed.open(key)).isEqualTo(asSigned(reading));
  }

  @Property(tries = 200)
  void sealedReadingSurvivesTheWireWithTheSameCanonicalBytes(
      @ForAll("openReadings") Reading reading,
      @ForAll @LongRange(max = Reading.Sealed.MAX_EPOCH) long epoch) {
    Reading sealed = reading.seal(ContentKey.generate(), epoch);
    byte[] signed = CanonicalJson.bytes(sealed.toJson());

    Reading received = Reading.fromJson(read(signed));

    assertThat(received).isEqualTo(sealed);
    assertThat(CanonicalJson.bytes(received.toJson())).isEqualTo(signed);
    assertThat(received.toJson().has("properties")).isFalse();
    assertThat(received.toJson().has("location")).isFalse();
  }

  @Property(tries = 200)
  void openReadingSurvivesTheWireWithTheSameCanonicalBytes(
      @ForAll("openReadings") Reading reading) {
    byte[] signed = CanonicalJson.bytes(reading.toJson());

    Reading received = Reading.fromJson(read(signed));

    assertThat(received.isSealed()).isFalse();
    assertThat(CanonicalJson.bytes(received.toJson())).isEqualTo(signed);
  }

  @Test
  void signsAnOpenReadingWithTheBytesItAlwaysHad() {
    Reading r =
        new Reading(
            DidKey.parse("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"),
            42,
            T0,
            Map.of(
                "temperature",
                new Reading.Quantity(21.5, "Cel"),
                "co2",
                new Reading.Quantity(721.25, "[ppm]")),
            new Reading.Location(57.15, -2.09));

    assertThat(CanonicalJson.string(r.toJson()))
        .isEqualTo(
            "{\"device\":\"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK\","
                + "\"location\":{\"lat\":57.15,\"lon\":-2.09},"
                + "\"properties\":{\"co2\":{\"unit\":\"[ppm]\",\"value\":721.25},"
                + "\"temperature\":{\"unit\":\"Cel\",\"value\":21.5}},"
                + "\"seq\":42,\"time\":\"2015-02-04T17:51:00Z\"}");
  }

  @Test
  void writesTheSealedFormWithEpochAndUnpaddedBase64url() {
    byte[] ct = new byte[30];
    ct[0] = (byte) 0xfb;
    ct[29] = (byte) 0xff;
    Reading r =
        Reading.sealed(
            DidKey.parse("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"),
            3,
            T0,
            new Reading.Sealed(9, ct));

    assertThat(CanonicalJson.string(r.toJson()))
        .isEqualTo(
            "{\"device\":\"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK\","
                + "\"sealed\":{\"ct\":\"-wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD_\",\"epoch\":9},"
                + "\"seq\":3,\"time\":\"2015-02-04T17:51:00Z\"}");
  }

  @Test
  void sealsTheCanonicalPropertiesAndLocationBoundToDeviceSeqAndEpoch() {
    ContentKey key = ContentKey.generate();
    Reading open =
        new Reading(
            DEVICE.did(),
            5,
            T0,
            Map.of("co2", new Reading.Quantity(800, "[ppm]")),
            new Reading.Location(1.5, 2));

    Reading sealed = open.seal(key, 11);
    byte[] aad = ("msec/sealed/v1\n" + DEVICE.did() + "\n5\n11").getBytes(StandardCharsets.UTF_8);

    assertThat(new String(key.open(sealed.sealed().ct(), aad), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"location\":{\"lat\":1.5,\"lon\":2},"
                + "\"properties\":{\"co2\":{\"unit\":\"[ppm]\",\"value\":800}}}");
  }

  @Property(tries = 100)
  void refusesToOpenWithAnotherKeyOrAnyFlippedBit(
      @ForAll("openReadings") Reading reading, @ForAll @IntRange(min = -1) int at) {
    ContentKey key = ContentKey.generate();
    Reading sealed = reading.seal(key, 4);
    byte[] ct = sealed.sealed().ct();
    ContentKey opener = key;
    if (at < 0) {
      opener = ContentKey.generate();
    } else {
      int bit = at % (ct.length * 8);
      ct[bit / 8] ^= (byte) (1 << (bit % 8));
    }
    Reading altered =
        Reading.sealed(
            reading.device(), reading.seq(), reading.observedAt(), new Reading.Sealed(4, ct));

    ContentKey k = opener;
    assertThatThrownBy(() -> altered.open(k))
        .isInstanceOfSatisfying(
            MsecException.class, e -> assertThat(e.code()).isEqualTo("bad-ciphertext"));
  }

  @Test
  void refusesToOpenASealMovedToAnotherSequenceOrEpoch() {
    ContentKey key = ContentKey.generate();
    Reading sealed =
        new Reading(DEVICE.did(), 5, T0, Map.of("co2", new Reading.Quantity(800, "[ppm]")), null)
            .seal(key, 11);
    Reading otherSeq = Reading.sealed(DEVICE.did(), 6, T0, sealed.sealed());
    Reading otherEpoch =
        Reading.sealed(DEVICE.did(), 5, T0, new Reading.Sealed(12, sealed.sealed().ct()));

    assertThat(sealed.open(key).properties()).containsKey("co2");
    for (Reading moved : new Reading[] {otherSeq, otherEpoch}) {
      assertThatThrownBy(() -> moved.open(key))
          .isInstanceOfSatisfying(
              MsecException.class, e -> assertThat(e.code()).isEqualTo("bad-ciphertext"));
    }
  }

  private static ObjectNode sealedJson() {
    return new Reading(DEVICE.did(), 5, T0, Map.of("co2", new Reading.Quantity(1, "[ppm]")), null)
        .seal(ContentKey.generate(), 1)
        .toJson();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "both",
        "neither",
        "location",
        "extraSealedMember",
        "paddedCt",
        "notBase64",
        "shortCt",
        "negativeEpoch",
        "fractionalEpoch"
      })
  void refusesMalformedSealedForms(String defect) {
    ObjectNode json = sealedJson();
    ObjectNode sealed = (ObjectNode) json.get("sealed");
    switch (defect) {
      case "both" -> json.putObject("properties").putObject("co2").put("value", 1).put("unit", "%");
      case "neither" -> json.remove("sealed");
      case "location" -> json.putObject("location").put("lat", 1).put("lon", 2);
      case "extraSealedMember" -> sealed.put("alg", "A256GCM");
      case "paddedCt" -> sealed.put("ct", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==");
      case "notBase64" -> sealed.put("ct", "not base64 at all, not even close to it!!!!");
      case "shortCt" -> sealed.put("ct", "AAAAAAAAAAAAAAAA");
      case "negativeEpoch" -> sealed.put("epoch", -1);
      case "fractionalEpoch" -> sealed.put("epoch", 1.5);
      default -> throw new IllegalArgumentException(defect);
    }

    assertThatThrownBy(() -> Reading.fromJson(json))
        .isInstanceOfSatisfying(
            MsecException.class, e -> assertThat(e.code()).isEqualTo("malformed-reading"));
  }

  @Test
  void readsTheSealedFormItWrites() {
    ObjectNode json = sealedJson();

    assertThat(Reading.fromJson(json).toJson()).isEqualTo(json);
  }

  @Test
  void refusesToSealTwiceOrOpenAnOpenReading() {
    ContentKey key = ContentKey.generate();
    Reading open =
        new Reading(DEVICE.did(), 1, T0, Map.of("co2", new Reading.Quantity(1, "[ppm]")), null);

    assertThatThrownBy(() -> open.seal(key, 1).seal(key, 2))
        .isInstanceOfSatisfying(
            MsecException.class, e -> assertThat(e.code()).isEqualTo("already-sealed"));
    assertThatThrownBy(() -> open.open(key))
        .isInstanceOfSatisfying(
            MsecException.class, e -> assertThat(e.code()).isEqualTo("not-sealed"));
  }
}
