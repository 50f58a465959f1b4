package io.msec.device.replay;

import io.msec.core.Identity;
import io.msec.core.MsecException;
import io.msec.device.NodeApi;
import io.msec.device.internal.BundledDatasets;
import io.msec.device.internal.KeyStore;
import io.msec.device.internal.Publisher;
import io.msec.device.internal.Publisher.Stream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a real dataset into a node as if its sensors were live: reads the files through the
 * dataset's {@link DatasetMapping}, gives every device of the dataset its own key (kept in the
 * state folder), registers each device under an owner key, asks the node which readings it already
 * stored, and publishes the rest over MQTT in dataset time order at the chosen speed, signed by
 * their devices. The sequence number of a reading is its position in its device's time-ordered
 * series, so a replay interrupted and started again continues where the node stopped, without gaps
 * or duplicates.
 *
 * <pre>{@code
 * ReplaySummary s = Replayer.run(ReplayOptions.of("bundled:luftdaten-aberdeen-pm")
 *     .withNode(URI.create("http://127.0.0.1:8080")).withSpeed(Speed.MAX));
 * }</pre>
 */
public final class Replayer {
  private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);

  /** Where shared datasets are looked up by name, relative to the working directory. */
  public static final Path SHARED_DATA = Path.of("..", "shared", "data");

  private Replayer() {}

  /**
   * Runs a replay to the end: until everything is acknowledged or {@link
   * ReplayOptions#ackTimeout()} passed after the last publish.
   *
   * @throws MsecException {@code no-mapping}, {@code bad-mapping}, {@code unknown-dataset}, {@code
   *     dataset-io}, {@code node-unreachable}, {@code connect-refused} or a code the node answered
   *     a registration with
   */
  public static ReplaySummary run(ReplayOptions options) {
    Path extracted = null;
    try {
      String name;
      Path folder;
      if (options.dataset().startsWith(BundledDatasets.PREFIX)) {
        name = options.dataset().substring(BundledDatasets.PREFIX.length());
        extracted = Files.createTempDirectory("msec-dataset-");
        folder = BundledDatasets.extract(name, extracted);
      } else {
        folder = folder(options.dataset());
        if (!Files.isDirectory(folder)) {
          throw new MsecException(
              "no-dataset",
              "no dataset folder "
                  + folder.toAbsolutePath().normalize()
                  + " (nor a dataset of that name under "
                  + SHARED_DATA.toAbsolutePath().normalize()
                  + ")");
        }
        name = folder.toAbsolutePath().normalize().getFileName().toString();
      }
      DatasetMapping mapping = mapping(options, name);
      return replay(Dataset.read(folder, mapping), options);
    } catch (IOException e) {
      throw new MsecException("dataset-io", "cannot prepare dataset: " + e.getMessage(), e);
    } finally {
      deleteQuietly(extracted);
    }
  }

  /** Replays an already read {@code dataset}; {@link ReplayOptions#dataset()} is not used. */
  public static ReplaySummary replay(Dataset dataset, ReplayOptions options) {
    String name = dataset.mapping().name();
    Path stateDir =
        options.stateDir() != null ? options.stateDir() : Path.of(".msec", "replay", name);
    KeyStore keys = new KeyStore(stateDir);
    Identity owner = keys.owner();
    NodeApi api = new NodeApi(options.node());
    URI mqtt = options.mqtt() != null ? options.mqtt() : api.node().mqtt();

    List<Stream> streams = new ArrayList<>();
    long alreadyStored = 0;
    for (Dataset.DeviceSeries series : dataset.devices()) {
      // Limitation: the key a device was registered with is also the key it signs with; a device
      // whose key was rotated since is refused by the node.
      Identity device = keys.device(series.id());
      api.register(owner, series.registration(device.did()));
      long lastSeq = Math.min(api.lastSeq(device.did()), series.observations().size());
      alreadyStored += lastSeq;
      streams.add(new Stream(series, device, lastSeq));
    }
    streams.sort(Comparator.comparing(s -> s.series().id()));
    LOG.info(
        "replay starting dataset={} devices={} alreadyStored={} mqtt={} speed={} batch={}",
        name,
        streams.size(),
        alreadyStored,
        mqtt,
        options.speed(),
        options.batch());

    Publisher.Outcome outcome = new Publisher(mqtt, streams, options).run();
    ReplaySummary summary =
        new ReplaySummary(
            name,
            dataset.devices().size(),
            dataset.rowsRead(),
            alreadyStored,
            outcome.sent(),
            outcome.acknowledged(),
            outcome.refused(),
            outcome.unanswered(),
            dataset.skipped(),
            outcome.resends(),
            outcome.elapsed());
    LOG.info(
        "replay done dataset={} sent={} acknowledged={} refused={} unanswered={}",
        name,
        summary.readingsSent(),
        summary.acknowledged(),
        summary.refused(),
        summary.unanswered());
    return summary;
  }

  /**
   * The folder of {@code dataset}: the path itself if it exists, else a shared dataset of that name
   * in {@code ../shared/data} under the working directory.
   */
  static Path folder(String dataset) {
    Path path = Path.of(dataset);
    Path shared = SHARED_DATA.resolve(dataset);
    if (!Files.isDirectory(path)
        && dataset.matches("[A-Za-z0-9._-]+")
        && Files.isDirectory(shared)) {
      return shared;
    }
    return path;
  }

  private static DatasetMapping mapping(ReplayOptions options, String name) {
    if (options.mapping() != null) {
      return DatasetMapping.read(options.mapping());
    }
    return DatasetMapping.shipped(name)
        .orElseThrow(
            () ->
                new MsecException(
                    "no-mapping",
                    "no mapping is shipped for dataset '"
                        + name
                        + "'; write one (docs/mappings.md) and pass it with --mapping"));
  }

  private static void deleteQuietly(Path folder) {
    if (folder == null) {
      return;
    }
    try (var walk = Files.walk(folder)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("cannot delete temporary folder={} error={}", folder, e.toString());
    }
  }
}
