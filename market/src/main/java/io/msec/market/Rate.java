package io.msec.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.ledger.Args;
import io.msec.ledger.Operation;
import io.msec.market.internal.Values;
import java.util.Set;

/**
 * Rates a settled order, once, by its buyer. Args: {@code {"order":"<hex>","score":4,
 * "comment":".."}}; {@code comment} may be left out.
 *
 * @param score 1 to 5
 * @param comment at most 280 characters; empty when left out
 */
public record Rate(String order, int score, String comment) implements Operation {
  public static final String TYPE = "rate";
  public static final int MAX_COMMENT = 280;
  private static final Set<String> MEMBERS = Set.of("order", "score", "comment");
  private static final Set<String> REQUIRED = Set.of("order", "score");

  public Rate {
    Values.txId(order, "order");
    if (score < 1 || score > 5) {
      throw Args.malformed("a score is 1 to 5");
    }
    comment = comment == null ? "" : comment;
    Values.text(comment, 0, MAX_COMMENT, "a comment");
  }

  public static Rate fromArgs(JsonNode args) {
    Args.members(args, "rate args", MEMBERS, REQUIRED);
    long score = Args.integer(args, "score", 1);
    if (score > 5) {
      throw Args.malformed("a score is 1 to 5");
    }
    String comment = args.has("comment") ? Args.text(args, "comment") : "";
    if (args.has("comment") && comment.isEmpty()) {
      throw Args.malformed("an empty comment is left out");
    }
    return new Rate(Args.text(args, "order"), (int) score, comment);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ObjectNode toArgs() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("order", order);
    out.put("score", score);
    if (!comment.isEmpty()) {
      out.put("comment", comment);
    }
    return out;
  }
}
