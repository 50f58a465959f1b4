package io.msec.node.demo;

import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.KeyFile;
import io.msec.core.MsecException;
import io.msec.device.DeviceRegistration;
import io.msec.device.NodeApi;
import io.msec.device.replay.ReplayOptions;
import io.msec.device.replay.ReplaySummary;
import io.msec.device.replay.Replayer;
import io.msec.device.replay.Speed;
import io.msec.ledger.Mint;
import io.msec.ledger.Transfer;
import io.msec.market.CreateOffer;
import io.msec.market.Product;
import io.msec.market.UsagePolicy;
import io.msec.market.agent.Room;
import io.msec.market.agent.VentilationAgent;
import io.msec.market.client.Budget;
import io.msec.market.client.BundleResult;
import io.msec.market.client.MarketClient;
import io.msec.market.crypto.RecipientKey;
import io.msec.node.Node;
import io.msec.node.registry.DeviceRecord;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The marketplace part of the demo, on the data just replayed and over the node's HTTP API as
 * remote providers and buyers use it: the citizen PM sensors' owner sells a history window under an
 * ODRL policy to a researcher, who checks every reading's signature and ledger proof, settles and
 * rates; the office owner sells a room's live CO2 stream to a ventilation agent with a budget,
 * which refuses an offer above its budget, buys a cheaper one, and switches the ventilation on its
 * own twin while a held-back slice of the room's real readings is played live. Ends with {@link
 * MarketReport}.
 */
final class MarketScenario {
  static final double THRESHOLD_PPM = 1000;
  static final double HYSTERESIS_PPM = 100;

  /** How long the live slice plays, in wall time. */
  private static final Duration LIVE_PLAY = Duration.ofSeconds(6);

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String RESEARCH = "research";

  private final Node node;
  private final Path devicesDir;
  private final LiveSlice slice;
  private final String sliceDataset;
  private final boolean quiet;
  private final PrintStream out;
  private final MarketClient market;
  private final MarketReport report;

  /**
   * @param devicesDir where the replays keep their owner and device keys, one folder per dataset
   * @param slice the room readings held back for the agent, or null if no room dataset was found
   * @param sliceDataset the name of the dataset the slice is of, or null
   */
  MarketScenario(
      Node node,
      Path devicesDir,
      LiveSlice slice,
      String sliceDataset,
      boolean quiet,
      PrintStream out) {
    this.node = node;
    this.devicesDir = devicesDir;
    this.slice = slice;
    this.sliceDataset = sliceDataset;
    this.quiet = quiet;
    this.out = out;
    this.market = new MarketClient(URI.create(node.httpUrl()));
    this.report = new MarketReport(node, market, out);
  }

  void run() {
    out.println();
    out.println("market:");
    Identity pmOwner = owner("luftdaten-aberdeen-pm");
    nameOwners();
    String pmOffer = offerPmHistory(pmOwner);
    researcherBuys(pmOffer);
    if (slice == null) {
      out.println(
          "  no room CO2 dataset under the shared data folder: the ventilation agent is left out");
    } else {
      ventilate(owner(sliceDataset));
    }
    report.print();
  }

  /** The owner key the replay of {@code dataset} registered its devices with. */
  private Identity owner(String dataset) {
    return KeyFile.read(devicesDir.resolve(dataset).resolve("owner.key"));
  }

  /** Names the owner of every replayed dataset in the report. */
  private void nameOwners() {
    try (var dirs = java.nio.file.Files.list(devicesDir)) {
      for (Path dir : dirs.toList()) {
        String dataset = dir.getFileName().toString();
        String name =
            dataset.equals("luftdaten-aberdeen-pm")
                ? "citizen PM sensors' owner"
                : dataset.equals(sliceDataset) ? "office owner" : "owner of " + dataset;
        report.name(owner(dataset).did(), name);
      }
    } catch (java.io.IOException e) {
      throw new MsecException("demo", "cannot list " + devicesDir + ": " + e.getMessage());
    }
  }

  private String offerPmHistory(Identity owner) {
    DeviceRecord sensor =
        node.registry().list().stream()
            .filter(d -> d.owner().equals(owner.did()) && d.schema().containsKey("pm25"))
            .max(Comparator.comparingLong(d -> node.store().count(d.device())))
            .orElseThrow(() -> new MsecException("demo", "no citizen PM sensor was replayed"));
    Instant to = node.store().lastObservedAt(sensor.device()).orElseThrow().plusMillis(1);
    Instant from = to.minus(Duration.ofDays(7));
    UsagePolicy policy =
        new UsagePolicy(
            Set.of(RESEARCH),
            Duration.ofDays(365),
            Set.of(),
            true,
            "sensor.community (luftdaten) contributors, ODbL 1.0");
    String id =
        market.offer(
            owner,
            new CreateOffer(
                Product.history(sensor.device(), from, to),
                20,
                0,
                0,
                600_000,
                policy,
                "PM10 and PM2.5 of " + sensor.name() + ", Aberdeen, the week to " + day(to),
                "Signed readings of a citizen particulate sensor, with ledger proofs",
                List.of("pm25", "pm10", "air quality", "Aberdeen")));
    out.printf(
        Locale.ROOT,
        "  citizen PM sensors' owner offers the week to %s of %s (the bundled data holds its last"
            + " two days): 20 tokens, for research only, no resale, attribution \"%s\"%n",
        day(to),
        sensor.name(),
        policy.attribution());
    return id;
  }

  private void researcherBuys(String offer) {
    Identity researcher = Identity.generate();
    report.name(researcher.did(), "researcher");
    market.submit(node.keys().treasury(), new Mint(researcher.did(), 200));
    RecipientKey key = RecipientKey.generate();
    // The researcher trusts the sequencer key it took from the signed head, not the node's word.
    MarketClient own =
        new MarketClient(URI.create(node.httpUrl())).pinSequencer(node.ledger().sequencerKey());
    String order = own.buy(researcher, offer, RESEARCH, null, key, 20);
    BundleResult bundle = own.fetchBundle(researcher, order, RESEARCH, key);
    own.settle(researcher, order);
    own.rate(researcher, order, 5, "the whole window, every proof checks");
    out.printf(
        Locale.ROOT,
        "  researcher (200 tokens from the treasury) bought it: bundle of %d readings, %s to %s;"
            + " every signature and ledger proof verified; settled and rated 5%n",
        bundle.readings().size(),
        bundle.readings().get(0).observedAt(),
        bundle.readings().get(bundle.readings().size() - 1).observedAt());
  }

  private void ventilate(Identity officeOwner) {
    DeviceRecord room =
        node.registry().list().stream()
            .filter(d -> d.owner().equals(officeOwner.did()) && d.name().equals(slice.name()))
            .findFirst()
            .orElseThrow(() -> new MsecException("demo", "room " + slice.name() + " not found"));
    offerRoom(officeOwner, room, Duration.ofDays(30), 45);

    Identity facility = Identity.generate();
    report.name(facility.did(), "facility manager");
    market.submit(node.keys().treasury(), new Mint(facility.did(), 100));
    Identity controller = registerController(facility, room);
    report.name(controller.did(), "ventilation agent");
    market.submit(facility, new Transfer(controller.did(), 50));
    Budget budget = new Budget(20, 40);
    out.printf(
        Locale.ROOT,
        "  facility manager (100 tokens from the treasury) registers a ventilation controller for"
            + " %s, moves 50 tokens to it and sets its budget: %d tokens a purchase, %d in all%n",
        room.name(),
        budget.maxPerPurchase(),
        budget.maxTotal());
    VentilationAgent agent =
        new VentilationAgent(
            market,
            VentilationAgent.Config.of(
                    controller, facility.did(), budget, new Room(room.name(), room.location(), 500))
                .withThreshold(THRESHOLD_PPM, HYSTERESIS_PPM),
            RecipientKey.generate(),
            Clock.systemUTC());
    try {
      agent.step(Instant.now());
      out.println("  agent: " + agent.status());
      offerRoom(officeOwner, room, Duration.ofDays(1), 15);
      agent.step(Instant.now());
      out.println("  agent: " + agent.status());
      if (!waitFor("the agent's first content key", agent::receiving)) {
        return;
      }
      playLive(room, agent);
      report.agent(agent, controller.did());
    } finally {
      agent.close();
    }
    catchUp(room);
  }

  private void offerRoom(Identity owner, DeviceRecord room, Duration period, long price) {
    market.offer(
        owner,
        new CreateOffer(
            Product.stream(room.device(), period),
            price,
            0,
            0,
            600_000,
            UsagePolicy.forPurposes("ventilation-control", RESEARCH),
            "CO2 of " + room.name() + ", live for " + days(period),
            "Signed readings every minute: CO2, temperature, humidity, light",
            List.of("co2", "indoor air", room.name())));
    out.printf(
        Locale.ROOT,
        "  office owner offers the live CO2 stream of %s for %s: %d tokens%n",
        room.name(),
        days(period),
        price);
  }

  private Identity registerController(Identity facility, DeviceRecord room) {
    Identity controller = Identity.generate();
    new NodeApi(URI.create(node.httpUrl()))
        .register(
            facility,
            new DeviceRegistration(
                controller.did(),
                "ventilation-controller",
                "ventilation of " + room.name(),
                room.location(),
                Map.of("ventilation", new DeviceRegistration.PropertySchema("1", 0.0, 1.0))));
    return controller;
  }

  private void playLive(DeviceRecord room, VentilationAgent agent) {
    Speed speed = slice.speedFor(LIVE_PLAY);
    out.printf(
        Locale.ROOT,
        "  playing %d held-back readings of %s live (%d minutes of %s, from seq %d, at %s)%n",
        slice.size(),
        room.name(),
        slice.minutes(),
        slice.room().observations().get(slice.from()).time().toString().substring(0, 10),
        slice.firstSeq(),
        speed);
    ReplaySummary played =
        Replayer.replay(
            slice.live(),
            ReplayOptions.of(sliceDataset)
                .withNode(URI.create(node.httpUrl()))
                .withStateDir(devicesDir.resolve(sliceDataset))
                .withSpeed(speed)
                .withQuiet(quiet));
    waitFor("the agent to judge every reading", () -> agent.readings() >= played.acknowledged());
    out.printf(
        Locale.ROOT,
        "  the agent received %d of %d readings decrypted and checked against the sensor's"
            + " signature (%d refused)%n",
        agent.readings(),
        played.acknowledged(),
        agent.refused());
  }

  /**
   * Replays the room's readings after the live part at full speed, the agent no longer listening.
   */
  private void catchUp(DeviceRecord room) {
    if (slice.restSize() == 0) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "  the agent stops listening; the other %d readings of %s catch up at full speed%n",
        slice.restSize(),
        room.name());
    ReplaySummary rest =
        Replayer.replay(
            slice.rest(),
            ReplayOptions.of(sliceDataset)
                .withNode(URI.create(node.httpUrl()))
                .withStateDir(devicesDir.resolve(sliceDataset))
                .withSpeed(Speed.MAX)
                .withBatch(50)
                .withQuiet(quiet));
    out.printf(
        Locale.ROOT,
        "  %d of them stored; %s now holds %d readings%n",
        rest.acknowledged(),
        room.name(),
        node.store().count(room.device()));
  }

  /** Waits for {@code done}, saying what it waits for; false if it did not happen in time. */
  private boolean waitFor(String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    boolean said = false;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        out.println("  gave up waiting for " + what + " after " + WAIT.toSeconds() + " s");
        return false;
      }
      if (!said) {
        out.println("  waiting for " + what + " ...");
        said = true;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static String days(Duration period) {
    long d = period.toDays();
    return d == 1 ? "1 day" : d + " days";
  }

  private static String day(Instant t) {
    return t.toString().substring(0, 10);
  }

  /** For a report line: a did shortened to its first characters. */
  static String shortDid(DidKey did) {
    return did.toString().substring(8, 20) + "..";
  }
}
