package io.msec.market.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.ContentKey;
import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.IoFailures;
import io.msec.core.MsecException;
import io.msec.market.client.MarketClient;
import io.msec.market.crypto.AccessToken;
import io.msec.market.crypto.Grant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key agent of a sealed device's owner: it keeps each device's epoch keys, which the node never
 * sees, and grants them to the licensees of the device's streams. The device asks it for the
 * current epoch before sealing each reading; {@link #sync()} reads the owner's orders from the
 * node, starts a new epoch when a licensee is no longer licensed (so the next key reaches only
 * those still licensed), and posts every missing grant to the node, which relays it.
 *
 * <pre>{@code
 * OwnerKeyAgent agent = new OwnerKeyAgent(client, nodeUri, owner, Duration.ofMinutes(1), clock);
 * EpochKeys keys = () -> agent.current(deviceId).asDeviceEpoch();
 * }</pre>
 *
 * <p>Thread-safe. Keys live in memory only: a restarted agent starts new epochs.
 */
public final class OwnerKeyAgent {
  private static final Logger LOG = LoggerFactory.getLogger(OwnerKeyAgent.class);

  /** One epoch of one device: its number and content key. */
  public record Epoch(long number, ContentKey key) {}

  private record State(long number, ContentKey key, long startedMillis, Set<String> granted) {}

  private final MarketClient client;
  private final URI node;
  private final Identity owner;
  private final long epochMillis;
  private final Clock clock;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<DidKey, State> devices = new HashMap<>();

  public OwnerKeyAgent(
      MarketClient client, URI node, Identity owner, Duration epochLength, Clock clock) {
    this.client = client;
    this.node = node;
    this.owner = owner;
    this.epochMillis = epochLength.toMillis();
    this.clock = clock;
  }

  /** The epoch {@code device} seals its next reading in; starts one when none or when due. */
  public synchronized Epoch current(DidKey device) {
    State s = devices.get(device);
    long now = clock.millis();
    if (s == null || now - s.startedMillis() >= epochMillis) {
      s = next(device, s, now);
    }
    return new Epoch(s.number(), s.key());
  }

  /**
   * Brings the grants up to date with the owner's licenses on the node.
   *
   * @return the grants posted
   * @throws MsecException if the node cannot be reached or refuses a grant
   */
  public synchronized int sync() {
    Map<DidKey, Map<String, String>> licensees = new HashMap<>();
    for (JsonNode o : client.ordersOfProvider(owner.did())) {
      JsonNode license = o.path("license");
      if (!o.path("valid").asBoolean(false)
          || !"stream".equals(license.path("product").path("kind").asText())) {
        continue;
      }
      for (JsonNode d : license.path("product").path("devices")) {
        licensees
            .computeIfAbsent(DidKey.parse(d.asText()), k -> new HashMap<>())
            .put(o.path("order").asText(), license.path("recipient").asText());
      }
    }

    int posted = 0;
    long now = clock.millis();
    for (Map.Entry<DidKey, Map<String, String>> e : licensees.entrySet()) {
      DidKey device = e.getKey();
      State s = devices.get(device);
      if (s == null || !e.getValue().keySet().containsAll(s.granted())) {
        s = next(device, s, now);
      }
      for (Map.Entry<String, String> l : e.getValue().entrySet()) {
        if (!s.granted().contains(l.getKey())) {
          post(
              Grant.wrap(s.key(), l.getValue(), l.getKey(), device, s.number(), s.startedMillis()));
          s.granted().add(l.getKey());
          posted++;
        }
      }
    }
    for (Map.Entry<DidKey, State> e : devices.entrySet()) {
      if (!licensees.containsKey(e.getKey()) && !e.getValue().granted().isEmpty()) {
        next(e.getKey(), e.getValue(), now);
      }
    }
    return posted;
  }

  private State next(DidKey device, State previous, long now) {
    // Epoch numbers grow with time, so a restarted agent never reuses one the node relayed.
    long number = Math.max(previous == null ? 1 : previous.number() + 1, now);
    State s = new State(number, ContentKey.generate(), now, new HashSet<>());
    devices.put(device, s);
    LOG.debug("new sealed epoch device={} epoch={}", device, number);
    return s;
  }

  private void post(Grant g) {
    HttpRequest req =
        HttpRequest.newBuilder(node.resolve("/api/v1/market/grants"))
            .header("Content-Type", "application/json")
            .header("Authorization", AccessToken.header(owner, g.order(), "grant", clock.millis()))
            .POST(HttpRequest.BodyPublishers.ofString(g.toJson().toString()))
            .build();
    HttpResponse<String> r;
    try {
      r = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new MsecException(
          "node-unreachable", "cannot post a grant to " + node + ": " + IoFailures.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MsecException("interrupted", "interrupted while posting a grant");
    }
    if (r.statusCode() / 100 != 2) {
      throw new MsecException("grant-refused", "the node refused a grant: " + r.body());
    }
  }
}
