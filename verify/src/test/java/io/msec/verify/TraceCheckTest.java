package io.msec.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TraceCheckTest {
  private final Checker purchase = new Checker(Models.load("purchase.fsp"));

  @Test
  void acceptsAPurchaseThatSettles() {
    TraceResult r =
        purchase.checkTrace(
            "PURCHASE",
            log(
                "buyer.order",
                "ledger.escrow",
                "provider.license",
                "provider.deliver",
                "buyer.confirm",
                "ledger.settle",
                "order.closed"));

    assertThat(r.accepted()).isTrue();
    assertThat(r.events()).isEqualTo(7);
  }

  @Test
  void acceptsTheExampleLogWithACrashRefundAndASettlement() throws java.io.IOException {
    try (var in = java.nio.file.Files.newBufferedReader(Models.file("purchase.events.jsonl"))) {
      TraceResult r = purchase.checkTrace("PURCHASE", in);

      assertThat(r.accepted()).isTrue();
      assertThat(r.events()).isEqualTo(15);
    }
  }

  @Test
  void reportsTheLineOfADeliveryWithoutLicenseAndWhatWasAllowed() {
    TraceResult r =
        purchase.checkTrace(
            "PURCHASE", log("buyer.order", "ledger.escrow", "provider.deliver", "buyer.confirm"));

    assertThat(r.accepted()).isFalse();
    assertThat(r.line()).isEqualTo(3);
    assertThat(r.action()).isEqualTo("provider.deliver");
    assertThat(r.allowed())
        .contains("provider.license", "timeout")
        .doesNotContain("provider.deliver");
  }

  @Test
  void skipsBlankLinesButCountsThemInLineNumbers() {
    String text =
        "{\"seq\":1,\"action\":\"buyer.order\",\"order\":\"o1\"}\n\n"
            + "{\"action\":\"ledger.settle\"}\n";

    TraceResult r = purchase.checkTrace("PURCHASE", new StringReader(text));

    assertThat(r.line()).isEqualTo(3);
    assertThat(r.events()).isEqualTo(2);
  }

  @Test
  void tracksHiddenStepsAndNondeterminism() {
    Checker c = new Checker(FspModel.parse("P = (a -> x -> b -> P | a -> c -> P) \\ {x}."));

    assertThat(c.checkTrace("P", log("a", "b", "a", "c")).accepted()).isTrue();
    assertThat(c.checkTrace("P", log("a", "b", "b")).line()).isEqualTo(3);
  }

  @Test
  void reportsAnEventLeadingToError() {
    Checker c = new Checker(FspModel.parse("property P = (a -> b -> P)."));

    TraceResult r = c.checkTrace("P", log("a", "a"));

    assertThat(r.reason()).contains("ERROR");
    assertThat(r.allowed()).containsExactly("b");
  }

  @Test
  void rejectsALineWithoutAnAction() {
    assertThatThrownBy(() -> purchase.checkTrace("PURCHASE", new StringReader("{\"seq\":1}\n")))
        .extracting(e -> ((VerifyException) e).code())
        .isEqualTo("trace-format");
    assertThatThrownBy(() -> purchase.checkTrace("PURCHASE", new StringReader("not json\n")))
        .hasMessageContaining("line 1");
  }

  @Property(tries = 50)
  void anyNumberOfRefundedOrdersIsAccepted(@ForAll @IntRange(min = 0, max = 20) int cycles) {
    List<String> one =
        List.of("buyer.order", "ledger.escrow", "timeout", "ledger.refund", "order.closed");
    List<String> events = new java.util.ArrayList<>();
    for (int i = 0; i < cycles; i++) {
      events.addAll(one);
    }

    assertThat(purchase.checkTrace("PURCHASE", log(events.toArray(String[]::new))).accepted())
        .isTrue();
  }

  static StringReader log(String... actions) {
    return new StringReader(
        java.util.Arrays.stream(actions)
            .map(a -> "{\"action\":\"" + a + "\"}")
            .collect(Collectors.joining("\n", "", "\n")));
  }
}
