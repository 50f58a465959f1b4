package io.msec.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.ledger.Mint;
import io.msec.ledger.Operation;
import io.msec.ledger.TransactionBuilder;
import io.msec.market.Buy;
import io.msec.market.CreateOffer;
import io.msec.market.Product;
import io.msec.market.UsagePolicy;
import io.msec.market.crypto.AccessToken;
import io.msec.market.crypto.RecipientKey;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

/** Marketplace steps over a node's HTTP API, as a remote provider or buyer takes them. */
final class TestMarket {
  private TestMarket() {}

  /** Submits {@code op} signed by {@code signer}; the answer's body, whatever its status. */
  static HttpResponse<String> submit(String api, Identity signer, Operation op) throws Exception {
    return TestDevices.post(
        api + "/ledger/transactions",
        TestDevices.bytes(
            TransactionBuilder.sign(signer, TestDevices.nextNonce(api, signer), op).toJson()));
  }

  /** Submits {@code op} and returns its transaction id, failing on a refusal. */
  static String ok(String api, Identity signer, Operation op) throws Exception {
    HttpResponse<String> r = submit(api, signer, op);
    if (r.statusCode() / 100 != 2) {
      JsonNode p = Json.mapper().readTree(r.body());
      throw new MsecException(p.path("code").asText(), p.path("detail").asText());
    }
    return Json.mapper().readTree(r.body()).get("tx").asText();
  }

  static void mint(String api, Identity treasury, DidKey to, long amount) throws Exception {
    ok(api, treasury, new Mint(to, amount));
  }

  static CreateOffer offer(Product product, long price, long units, long windowSeconds) {
    return new CreateOffer(
        product,
        price,
        units,
        0,
        windowSeconds * 1000,
        UsagePolicy.forPurposes("research"),
        "CO2 of room 413",
        "Office CO2 every minute",
        List.of("co2", "office"));
  }

  static Product stream(Identity device) {
    return Product.stream(device.did(), Duration.ofDays(1));
  }

  static Buy buy(String offer, RecipientKey key, long maxPrice) {
    return new Buy(offer, "research", null, key.publicKey(), maxPrice);
  }

  static long balance(String api, DidKey account) throws Exception {
    return Long.parseLong(
        Json.mapper()
            .readTree(TestDevices.get(api + "/ledger/accounts/" + account).body())
            .get("balance")
            .asText());
  }

  /** A signed delivery call. */
  static HttpResponse<byte[]> delivery(
      String api, Identity buyer, String order, String what, String purpose) throws Exception {
    return TestDevices.HTTP.send(
        HttpRequest.newBuilder(
                URI.create(api + "/market/licenses/" + order + "/" + what + "?purpose=" + purpose))
            .header(
                "Authorization",
                AccessToken.header(buyer, order, purpose, System.currentTimeMillis()))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** One Server-Sent Event. */
  record Event(String name, String data) {}

  /** The events of a licensee's stream, as they arrive. */
  static BlockingQueue<Event> subscribe(String api, Identity buyer, String order, String purpose)
      throws Exception {
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(api + "/market/licenses/" + order + "/stream?purpose=" + purpose))
            .header("Accept", "text/event-stream")
            .header(
                "Authorization",
                AccessToken.header(buyer, order, purpose, System.currentTimeMillis()))
            .GET()
            .build();
    HttpResponse<Stream<String>> r =
        TestDevices.HTTP.send(req, HttpResponse.BodyHandlers.ofLines());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("stream refused: " + r.statusCode());
    }
    CompletableFuture.runAsync(
        () -> {
          String[] name = {null};
          r.body()
              .forEach(
                  line -> {
                    if (line.startsWith("event:")) {
                      name[0] = line.substring(6).trim();
                    } else if (line.startsWith("data:") && name[0] != null) {
                      events.add(new Event(name[0], line.substring(5).trim()));
                      name[0] = null;
                    }
                  });
        });
    return events;
  }

  static Map<String, String> problem(HttpResponse<byte[]> r) throws Exception {
    JsonNode p = Json.mapper().readTree(r.body());
    return Map.of("code", p.path("code").asText(), "status", Integer.toString(r.statusCode()));
  }
}
