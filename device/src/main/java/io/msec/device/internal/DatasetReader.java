package io.msec.device.internal;

import io.msec.core.IoFailures;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.device.DeviceRegistration.PropertySchema;
import io.msec.device.replay.Dataset;
import io.msec.device.replay.Dataset.DeviceSeries;
import io.msec.device.replay.Dataset.Observation;
import io.msec.device.replay.DatasetMapping;
import io.msec.device.replay.DatasetMapping.Source;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a dataset folder through its mapping into devices with time-ordered observations. */
public final class DatasetReader {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetReader.class);

  /** The observations of one device while reading, before sorting. */
  static final class Collector {
    final String id;
    final Source source;
    final Map<String, PropertySchema> schema = new LinkedHashMap<>();
    final List<Observation> observations = new ArrayList<>();
    Reading.Location firstLocation;

    Collector(String id, Source source) {
      this.id = id;
      this.source = source;
    }
  }

  private DatasetReader() {}

  public static Dataset read(Path folder, DatasetMapping mapping) {
    if (!Files.isDirectory(folder)) {
      throw new MsecException("dataset-io", "dataset folder not found: " + folder);
    }
    Map<String, Collector> devices = new TreeMap<>();
    Map<String, Long> skipped = new TreeMap<>();
    long rows = 0;
    int files = 0;
    for (Source source : mapping.sources()) {
      for (Path file : files(folder, source)) {
        String relative = folder.relativize(file).toString().replace('\\', '/');
        rows += new CsvFileReader(source, file, relative, devices, skipped).read();
        files++;
      }
    }
    if (files == 0) {
      throw new MsecException(
          "empty-dataset", "no file in " + folder + " matches the mapping " + mapping.name());
    }

    List<DeviceSeries> series = new ArrayList<>();
    for (Collector c : devices.values()) {
      List<Observation> sorted = new ArrayList<>(c.observations);
      sorted.sort(Comparator.comparing(Observation::time));
      Reading.Location location =
          c.source.location() == null
              ? null
              : c.source.location().fromColumns() ? c.firstLocation : c.source.location().fixed();
      series.add(
          new DeviceSeries(
              c.id, c.source.deviceType(), c.source.displayName(c.id), location, c.schema, sorted));
    }
    LOG.info(
        "read dataset name={} files={} rows={} devices={} skipped={}",
        mapping.name(),
        files,
        rows,
        series.size(),
        skipped);
    return new Dataset(mapping, series, rows, skipped);
  }

  private static List<Path> files(Path folder, Source source) {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + source.files());
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> matcher.matches(folder.relativize(p)))
          .sorted(Comparator.comparing(p -> folder.relativize(p).toString()))
          .toList();
    } catch (IOException e) {
      throw new MsecException(
          "dataset-io", "cannot list " + folder + ": " + IoFailures.describe(e), e);
    }
  }
}
