package io.msec.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.ledger.Args;
import io.msec.market.internal.Values;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a licensee may do with the data: the purposes they may name, how long a license lasts, the
 * regions of use (empty: anywhere), whether resale is prohibited and the attribution owed (null:
 * none). Read from and written as the subset of W3C ODRL 2.2 described in docs/market.md; any other
 * constraint, operand, operator or action is refused, so that a policy never means more than the
 * platform enforces. Immutable; sets are kept sorted.
 *
 * <pre>{@code
 * UsagePolicy p = UsagePolicy.fromOdrl(offerJson.get("policy"));
 * boolean ok = p.allowsPurpose("research") && p.allowsRegion("GB");
 * }</pre>
 */
public record UsagePolicy(
    Set<String> purposes,
    Duration validity,
    Set<String> regions,
    boolean noResale,
    String attribution) {
  /** How long a license lasts when the policy does not say. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

  /** The {@code @context} of every policy. */
  public static final String CONTEXT = "http://www.w3.org/ns/odrl.jsonld";

  private static final int MAX_ITEMS = 32;
  private static final Set<String> TOP = Set.of("@context", "@type", "permission", "prohibition");
  private static final Set<String> TOP_REQUIRED = Set.of("@context", "@type", "permission");
  private static final Set<String> PERMISSION = Set.of("action", "constraint", "duty");
  private static final Set<String> PERMISSION_REQUIRED = Set.of("action", "constraint");
  private static final Set<String> CONSTRAINT = Set.of("leftOperand", "operator", "rightOperand");
  private static final Set<String> DUTY = Set.of("action", "attributedParty");
  private static final Set<String> ACTION = Set.of("action");

  public UsagePolicy {
    if (purposes == null || purposes.isEmpty() || purposes.size() > MAX_ITEMS) {
      throw Args.malformed("a usage policy names 1 to " + MAX_ITEMS + " purposes");
    }
    purposes.forEach(p -> Values.token(p, "a purpose"));
    purposes = sorted(purposes);
    validity = validity == null ? DEFAULT_VALIDITY : validity;
    Values.duration(Values.duration(validity), "elapsedTime");
    regions = regions == null ? Set.of() : regions;
    if (regions.size() > MAX_ITEMS) {
      throw Args.malformed("a usage policy names at most " + MAX_ITEMS + " regions");
    }
    regions.forEach(r -> Values.region(r, "a region"));
    regions = sorted(regions);
    if (attribution != null) {
      Values.text(attribution, 1, 200, "an attribution");
    }
  }

  /** A policy for {@code purposes} with the default validity, anywhere, resale allowed. */
  public static UsagePolicy forPurposes(String... purposes) {
    return new UsagePolicy(Set.of(purposes), DEFAULT_VALIDITY, Set.of(), false, null);
  }

  private static Set<String> sorted(Set<String> values) {
    return java.util.Collections.unmodifiableSet(new TreeSet<>(values));
  }

  /** Whether a license may be bought for {@code purpose}. */
  public boolean allowsPurpose(String purpose) {
    return purpose != null && purposes.contains(purpose);
  }

  /**
   * Whether the data may be used in {@code region}. With no regions listed, anywhere (and a null
   * region) is allowed; otherwise the region must be listed.
   */
  public boolean allowsRegion(String region) {
    if (regions.isEmpty()) {
      return true;
    }
    return region != null && regions.contains(region);
  }

  /**
   * Reads an ODRL {@code Offer} strictly.
   *
   * @throws io.msec.ledger.LedgerException {@code malformed-transaction} for anything outside the
   *     supported subset
   */
  public static UsagePolicy fromOdrl(JsonNode odrl) {
    Args.members(odrl, "usage policy", TOP, TOP_REQUIRED);
    if (!CONTEXT.equals(odrl.get("@context").textValue())
        || !"Offer".equals(odrl.get("@type").textValue())) {
      throw Args.malformed("a usage policy has @context " + CONTEXT + " and @type Offer");
    }
    JsonNode permission = single(odrl.get("permission"), "permission");
    Args.members(permission, "permission", PERMISSION, PERMISSION_REQUIRED);
    expectAction(permission, "use");

    Set<String> purposes = null;
    Duration validity = null;
    Set<String> regions = null;
    Set<String> seen = new HashSet<>();
    JsonNode constraints = permission.get("constraint");
    if (!constraints.isArray()) {
      throw Args.malformed("member 'constraint' must be an array");
    }
    for (JsonNode c : constraints) {
      Args.members(c, "constraint", CONSTRAINT, CONSTRAINT);
      String left = Args.text(c, "leftOperand");
      if (!seen.add(left)) {
        throw Args.malformed("constraint " + left + " appears twice");
      }
      switch (left) {
        case "purpose" -> purposes = anyOf(c, left);
        case "spatial" -> regions = anyOf(c, left);
        case "elapsedTime" -> {
          expectOperator(c, "lteq");
          validity = Values.duration(Args.text(c, "rightOperand"), "elapsedTime");
        }
        default -> throw Args.malformed("constraint " + left + " is not supported");
      }
    }
    if (purposes == null) {
      throw Args.malformed("a usage policy has a purpose constraint");
    }

    return new UsagePolicy(
        purposes, validity, regions, prohibitsDistribution(odrl), attribution(permission));
  }

  private static String attribution(JsonNode permission) {
    if (!permission.has("duty")) {
      return null;
    }
    JsonNode duty = single(permission.get("duty"), "duty");
    Args.members(duty, "duty", DUTY, DUTY);
    expectAction(duty, "attribute");
    return Args.text(duty, "attributedParty");
  }

  private static boolean prohibitsDistribution(JsonNode odrl) {
    if (!odrl.has("prohibition")) {
      return false;
    }
    JsonNode prohibition = single(odrl.get("prohibition"), "prohibition");
    Args.members(prohibition, "prohibition", ACTION, ACTION);
    expectAction(prohibition, "distribute");
    return true;
  }

  private static JsonNode single(JsonNode array, String what) {
    if (array == null || !array.isArray() || array.size() != 1) {
      throw Args.malformed("member '" + what + "' must be an array of one");
    }
    return array.get(0);
  }

  private static void expectAction(JsonNode json, String action) {
    if (!action.equals(Args.text(json, "action"))) {
      throw Args.malformed("only the action " + action + " is supported there");
    }
  }

  private static void expectOperator(JsonNode constraint, String operator) {
    if (!operator.equals(Args.text(constraint, "operator"))) {
      throw Args.malformed(
          "constraint " + constraint.get("leftOperand").textValue() + " takes " + operator);
    }
  }

  private static Set<String> anyOf(JsonNode constraint, String left) {
    expectOperator(constraint, "isAnyOf");
    return new HashSet<>(Values.strings(constraint, "rightOperand", MAX_ITEMS));
  }

  /** The ODRL form {@link #fromOdrl} reads; every optional part is written only when it applies. */
  public ObjectNode toOdrl() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("@context", CONTEXT);
    out.put("@type", "Offer");
    ObjectNode permission = out.putArray("permission").addObject();
    permission.put("action", "use");
    ArrayNode constraints = permission.putArray("constraint");
    constraints.add(constraint("purpose", "isAnyOf", Values.array(purposes)));
    constraints.add(
        constraint(
            "elapsedTime",
            "lteq",
            Json.mapper().getNodeFactory().textNode(Values.duration(validity))));
    if (!regions.isEmpty()) {
      constraints.add(constraint("spatial", "isAnyOf", Values.array(regions)));
    }
    if (attribution != null) {
      permission
          .putArray("duty")
          .addObject()
          .put("action", "attribute")
          .put("attributedParty", attribution);
    }
    if (noResale) {
      out.putArray("prohibition").addObject().put("action", "distribute");
    }
    return out;
  }

  private static ObjectNode constraint(String left, String operator, JsonNode right) {
    ObjectNode c = Json.mapper().createObjectNode();
    c.put("leftOperand", left);
    c.put("operator", operator);
    c.set("rightOperand", right);
    return c;
  }

  /** The purposes as a list, sorted. */
  public List<String> purposeList() {
    return List.copyOf(purposes);
  }
}
