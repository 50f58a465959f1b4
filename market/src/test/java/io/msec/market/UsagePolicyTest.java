package io.msec.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.ledger.LedgerException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The ODRL subset of docs/market.md is read exactly; anything beyond it is refused. */
class UsagePolicyTest {
  static final String EXAMPLE =
      """
      {"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer",
       "permission": [{"action": "use",
         "constraint": [
           {"leftOperand": "purpose", "operator": "isAnyOf",
            "rightOperand": ["research", "ventilation-control"]},
           {"leftOperand": "elapsedTime", "operator": "lteq", "rightOperand": "P30D"},
           {"leftOperand": "spatial", "operator": "isAnyOf", "rightOperand": ["GB", "JP"]}],
         "duty": [{"action": "attribute", "attributedParty": "Aberdeen citizen sensors, ODbL"}]}],
       "prohibition": [{"action": "distribute"}]}
      """;

  static ObjectNode example() {
    try {
      return (ObjectNode) Json.mapper().readTree(EXAMPLE);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertMalformed(Consumer<ObjectNode> change) {
    ObjectNode policy = example();
    change.accept(policy);

    assertThatThrownBy(() -> UsagePolicy.fromOdrl(policy))
        .isInstanceOf(LedgerException.class)
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo(MarketCodes.MALFORMED_TRANSACTION);
  }

  static ObjectNode permission(ObjectNode policy) {
    return (ObjectNode) policy.get("permission").get(0);
  }

  static ArrayNode constraints(ObjectNode policy) {
    return (ArrayNode) permission(policy).get("constraint");
  }

  @Test
  void readsTheDocumentedExample() {
    UsagePolicy p = UsagePolicy.fromOdrl(example());

    assertThat(p.purposes()).containsExactly("research", "ventilation-control");
    assertThat(p.validity()).isEqualTo(Duration.ofDays(30));
    assertThat(p.regions()).containsExactly("GB", "JP");
    assertThat(p.noResale()).isTrue();
    assertThat(p.attribution()).isEqualTo("Aberdeen citizen sensors, ODbL");
    assertThat(p.allowsPurpose("research")).isTrue();
    assertThat(p.allowsPurpose("advertising")).isFalse();
    assertThat(p.allowsRegion("JP")).isTrue();
    assertThat(p.allowsRegion("FR")).isFalse();
    assertThat(p.allowsRegion(null)).isFalse();
    assertThat(UsagePolicy.fromOdrl(p.toOdrl())).isEqualTo(p);
  }

  @Test
  void leftOutPartsMeanDefaultValidityAnywhereResaleAllowedNoAttribution() {
    ObjectNode policy = example();
    policy.remove("prohibition");
    permission(policy).remove("duty");
    constraints(policy).remove(2);
    constraints(policy).remove(1);

    UsagePolicy p = UsagePolicy.fromOdrl(policy);

    assertThat(p.validity()).isEqualTo(UsagePolicy.DEFAULT_VALIDITY);
    assertThat(p.regions()).isEmpty();
    assertThat(p.allowsRegion(null)).isTrue();
    assertThat(p.allowsRegion("FR")).isTrue();
    assertThat(p.noResale()).isFalse();
    assertThat(p.attribution()).isNull();
  }

  @Test
  void refusesUnknownConstraint() {
    assertMalformed(
        p ->
            constraints(p)
                .addObject()
                .put("leftOperand", "count")
                .put("operator", "lteq")
                .put("rightOperand", 10));
  }

  @Test
  void refusesOtherOperators() {
    assertMalformed(p -> ((ObjectNode) constraints(p).get(0)).put("operator", "neq"));
    assertMalformed(p -> ((ObjectNode) constraints(p).get(1)).put("operator", "gteq"));
  }

  @Test
  void refusesPolicyWithoutPurposeOrWithAPurposeTwice() {
    assertMalformed(p -> constraints(p).remove(0));
    assertMalformed(p -> constraints(p).add(constraints(p).get(0).deepCopy()));
  }

  @Test
  void refusesOtherActionsDutiesAndProhibitions() {
    assertMalformed(p -> permission(p).put("action", "distribute"));
    assertMalformed(p -> ((ObjectNode) permission(p).get("duty").get(0)).put("action", "pay"));
    assertMalformed(p -> ((ObjectNode) p.get("prohibition").get(0)).put("action", "modify"));
    assertMalformed(p -> p.putArray("obligation"));
    assertMalformed(p -> ((ArrayNode) p.get("permission")).add(permission(p).deepCopy()));
    assertMalformed(p -> permission(p).put("target", "urn:x"));
  }

  @Test
  void refusesOtherContextTypeAndMalformedValues() {
    assertMalformed(p -> p.put("@type", "Agreement"));
    assertMalformed(p -> p.put("@context", "http://example.org/odrl"));
    assertMalformed(p -> ((ObjectNode) constraints(p).get(1)).put("rightOperand", "30 days"));
    assertMalformed(p -> ((ObjectNode) constraints(p).get(2)).putArray("rightOperand").add("gb"));
    assertMalformed(p -> ((ObjectNode) constraints(p).get(0)).putArray("rightOperand"));
    assertMalformed(p -> ((ObjectNode) constraints(p).get(0)).putArray("rightOperand").add("a b"));
  }

  @Test
  void productShapesAreChecked() {
    var d = MarketFixture.seeded(21).did();
    var e = MarketFixture.seeded(22).did();
    Instant from = Instant.parse("2026-11-01T00:00:00Z");
    Instant to = Instant.parse("2026-12-01T00:00:00Z");

    assertThatThrownBy(
            () -> new Product(Product.Kind.STREAM, List.of(d, e), null, null, Duration.ofDays(1)))
        .isInstanceOf(LedgerException.class);
    assertThatThrownBy(
            () -> new Product(Product.Kind.STREAM, List.of(d), from, null, Duration.ofDays(1)))
        .isInstanceOf(LedgerException.class);
    assertThatThrownBy(() -> Product.history(d, to, from)).isInstanceOf(LedgerException.class);
    assertThatThrownBy(() -> Product.history(d, from, from)).isInstanceOf(LedgerException.class);
    assertThatThrownBy(() -> Product.dataset(List.of(d, d), from, to))
        .isInstanceOf(LedgerException.class);
    assertThatThrownBy(() -> Product.dataset(List.of(), from, to))
        .isInstanceOf(LedgerException.class);
    assertThatThrownBy(() -> Product.history(d, from.plusNanos(1), to))
        .isInstanceOf(LedgerException.class);
    assertThat(Product.dataset(List.of(d, e), from, to).covers(e)).isTrue();
  }

  @Test
  void productJsonIsReadStrictly() throws Exception {
    JsonNode stream =
        Json.mapper()
            .readTree(
                "{\"kind\":\"stream\",\"devices\":[\""
                    + MarketFixture.seeded(21).did()
                    + "\"],\"period\":\"P7D\"}");
    assertThat(Product.fromJson(stream).period()).isEqualTo(Duration.ofDays(7));

    ObjectNode withFrom = stream.deepCopy();
    withFrom.put("from", "2026-11-01T00:00:00Z");
    ObjectNode otherKind = stream.deepCopy();
    otherKind.put("kind", "Stream");
    ObjectNode badInstant =
        Product.history(
                MarketFixture.seeded(21).did(),
                Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"))
            .toJson();
    badInstant.put("from", "2026-11-01T00:00:00.000Z");
    for (JsonNode bad : List.of(withFrom, otherKind, badInstant)) {
      assertThatThrownBy(() -> Product.fromJson(bad)).isInstanceOf(LedgerException.class);
    }
  }
}
