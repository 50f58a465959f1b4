package io.msec.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.ledger.Args;
import io.msec.ledger.LedgerException;
import io.msec.ledger.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Products, usage policies and every market operation read back what they write, and a changed
 * member is either read as a different value or refused: one spelling per value.
 */
class MarketCodecPropertiesTest {
  private static final List<DidKey> DEVICES =
      List.of(
          MarketFixture.seeded(21).did(),
          MarketFixture.seeded(22).did(),
          MarketFixture.seeded(23).did());

  @Provide
  Arbitrary<Duration> durations() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(1, 36_600).map(Duration::ofDays),
        Arbitraries.longs().between(1, 86_400_000L * 365).map(Duration::ofMillis));
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
  }

  @Provide
  Arbitrary<Product> products() {
    Arbitrary<Product> streams =
        Combinators.combine(Arbitraries.of(DEVICES), durations()).as(Product::stream);
    Arbitrary<Product> windows =
        Combinators.combine(
                Arbitraries.of(Product.Kind.HISTORY, Product.Kind.DATASET),
                Arbitraries.subsetOf(DEVICES).ofMinSize(1),
                instants(),
                Arbitraries.longs().between(1, 86_400_000L * 400))
            .as(
                (kind, devices, from, span) ->
                    new Product(
                        kind,
                        kind == Product.Kind.HISTORY
                            ? List.of(devices.iterator().next())
                            : List.copyOf(devices),
                        from,
                        from.plusMillis(span),
                        null));
    return Arbitraries.oneOf(streams, windows);
  }

  @Provide
  Arbitrary<UsagePolicy> policies() {
    return Combinators.combine(
            Arbitraries.subsetOf("research", "ventilation-control", "billing", "ml:training")
                .ofMinSize(1),
            durations(),
            Arbitraries.subsetOf("GB", "JP", "JP-13", "FR"),
            Arbitraries.of(true, false),
            Arbitraries.of("", "Aberdeen citizen sensors, ODbL"))
        .as(
            (purposes, validity, regions, noResale, attribution) ->
                new UsagePolicy(
                    purposes,
                    validity,
                    regions,
                    noResale,
                    attribution.isEmpty() ? null : attribution));
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
  }

  @Provide
  Arbitrary<Operation> operations() {
    Arbitrary<CreateOffer> offers =
        Combinators.combine(
                products(),
                Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.longs().between(0, Args.MAX_SAFE_INTEGER),
                Arbitraries.longs().between(0, 4_102_444_800_000L),
                Arbitraries.longs().between(1, 86_400L * 30).map(s -> s * 1000),
                policies(),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().ofMaxLength(80))
            .as(
                (product, price, units, expires, window, policy, title, description) ->
                    new CreateOffer(
                        product,
                        price,
                        units,
                        expires,
                        window,
                        policy,
                        title,
                        description,
                        title.length() % 2 == 0 ? List.of() : List.of("co2", "indoor")));
    Arbitrary<String> reasons = Arbitraries.strings().ofMinLength(1).ofMaxLength(60);
    Arbitrary<Buy> buys =
        Combinators.combine(
                ids(),
                Arbitraries.of("research", "billing"),
                Arbitraries.of("GB", "JP-13", "").map(r -> r.isEmpty() ? null : r),
                Arbitraries.bytes().array(byte[].class).ofSize(32).map(Args::base64),
                Arbitraries.longs().between(0, Long.MAX_VALUE))
            .as(Buy::new);
    return Arbitraries.oneOf(
        offers,
        buys,
        ids().map(WithdrawOffer::new),
        ids().map(Settle::new),
        Combinators.combine(ids(), reasons).as(Refund::new),
        Combinators.combine(ids(), reasons).as(RevokeLicense::new),
        Combinators.combine(
                ids(),
                Arbitraries.integers().between(1, 5),
                Arbitraries.strings().ofMaxLength(Rate.MAX_COMMENT))
            .as(Rate::new));
  }

  private static final java.util.Map<String, Function<JsonNode, Operation>> READERS =
      java.util.Map.of(
          CreateOffer.TYPE, CreateOffer::fromArgs,
          Buy.TYPE, Buy::fromArgs,
          WithdrawOffer.TYPE, WithdrawOffer::fromArgs,
          Settle.TYPE, Settle::fromArgs,
          Refund.TYPE, Refund::fromArgs,
          RevokeLicense.TYPE, RevokeLicense::fromArgs,
          Rate.TYPE, Rate::fromArgs);

  @Property(tries = 300)
  void productReadsBackWhatItWrites(@ForAll("products") Product p) throws Exception {
    JsonNode text = Json.mapper().readTree(p.toJson().toString());

    assertThat(Product.fromJson(text)).isEqualTo(p);
  }

  @Property(tries = 300)
  void policyReadsBackWhatItWrites(@ForAll("policies") UsagePolicy p) {
    assertThat(UsagePolicy.fromOdrl(p.toOdrl())).isEqualTo(p);
  }

  @Property(tries = 500)
  void everyOperationReadsBackItsArgs(@ForAll("operations") Operation op) {
    ObjectNode args = op.toArgs();

    Operation back = READERS.get(op.type()).apply(args);

    assertThat(back).isEqualTo(op);
    assertThat(back.toArgs()).isEqualTo(args);
  }

  @Property(tries = 300)
  void anUnknownMemberIsRefused(@ForAll("operations") Operation op) {
    ObjectNode args = op.toArgs();
    args.put("extra", 1);

    assertThatThrownBy(() -> READERS.get(op.type()).apply(args))
        .isInstanceOf(LedgerException.class)
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo(MarketCodes.MALFORMED_TRANSACTION);
  }

  @Property(tries = 200)
  void wholeDaysAreWrittenOnlyInDays(@ForAll("days") long days) {
    ObjectNode json = Product.stream(DEVICES.get(0), Duration.ofDays(days)).toJson();
    assertThat(json.get("period").textValue()).isEqualTo("P" + days + "D");

    json.put("period", "PT" + days * 24 + "H");

    assertThatThrownBy(() -> Product.fromJson(json))
        .isInstanceOf(LedgerException.class)
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo(MarketCodes.MALFORMED_TRANSACTION);
  }

  @Provide
  Arbitrary<Long> days() {
    return Arbitraries.longs().between(1, 36_600);
  }
}
