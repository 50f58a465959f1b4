package io.msec.device.internal;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.msec.core.IoFailures;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.device.DeviceRegistration.PropertySchema;
import io.msec.device.replay.Dataset.Observation;
import io.msec.device.replay.DatasetMapping.PropertySpec;
import io.msec.device.replay.DatasetMapping.Source;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Reads one CSV file of a dataset, adding its rows to the devices they belong to.
 *
 * <p>JSON files go through {@link JsonRecords}, which turns each record into the same row of text
 * fields.
 */
final class CsvFileReader {
  private static final CsvMapper CSV =
      CsvMapper.builder()
          .enable(CsvParser.Feature.WRAP_AS_ARRAY)
          .enable(CsvParser.Feature.TRIM_SPACES)
          .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
          .build();

  private final Source source;
  private final Path file;
  private final String relative;
  private final Map<String, DatasetReader.Collector> devices;
  private final Map<String, Long> skipped;
  private final TimeParser time;

  private int[] timeColumns;
  private int deviceColumn = -1;
  private int latColumn = -1;
  private int lonColumn = -1;
  private int[] propertyColumns;
  private String fileDevice;

  CsvFileReader(
      Source source,
      Path file,
      String relative,
      Map<String, DatasetReader.Collector> devices,
      Map<String, Long> skipped) {
    this.source = source;
    this.file = file;
    this.relative = relative;
    this.devices = devices;
    this.skipped = skipped;
    this.time = new TimeParser(source.time());
  }

  /** Reads the file; returns the number of data rows. */
  long read() {
    fileDevice = fileDevice();
    try {
      return source.json() ? readJson() : readCsv();
    } catch (IOException | RuntimeException e) {
      if (e instanceof MsecException m) {
        throw m;
      }
      throw new MsecException(
          "dataset-io", "cannot read " + file + ": " + IoFailures.describe(e), e);
    }
  }

  private long readJson() throws IOException {
    List<String> names = JsonRecords.columns(source);
    resolve(names);
    long rows = 0;
    for (com.fasterxml.jackson.databind.JsonNode record :
        JsonRecords.read(file, source.records())) {
      row(JsonRecords.fields(record, names));
      rows++;
    }
    return rows;
  }

  private long readCsv() throws IOException {
    CsvSchema schema =
        CsvSchema.emptySchema().withColumnSeparator(source.delimiter()).withQuoteChar('"');
    long rows = 0;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        MappingIterator<String[]> it = CSV.readerFor(String[].class).with(schema).readValues(in)) {
      List<String> names = source.columns();
      if (source.header() && it.hasNext()) {
        String[] header = it.next();
        if (names.isEmpty()) {
          names = Arrays.stream(header).map(String::trim).toList();
        }
      }
      resolve(names);
      while (it.hasNext()) {
        row(it.next());
        rows++;
      }
    }
    return rows;
  }

  private String fileDevice() {
    if (source.device().path() != null) {
      Matcher m = source.device().path().matcher(relative);
      return m.matches() ? m.group(1) : null;
    }
    return source.device().fixed();
  }

  private void resolve(List<String> names) {
    timeColumns = source.time().columns().stream().mapToInt(c -> index(names, c)).toArray();
    if (source.device().column() != null) {
      deviceColumn = index(names, source.device().column());
    }
    if (source.location() != null && source.location().fromColumns()) {
      latColumn = index(names, source.location().latColumn());
      lonColumn = index(names, source.location().lonColumn());
    }
    propertyColumns =
        source.properties().stream().mapToInt(p -> index(names, p.column())).toArray();
  }

  private int index(List<String> names, String column) {
    int i = names.indexOf(column);
    if (i < 0) {
      throw new MsecException(
          "bad-mapping",
          "column '" + column + "' is not in " + relative + " (columns: " + names + ")");
    }
    return i;
  }

  private void row(String[] fields) {
    String id = deviceColumn >= 0 ? field(fields, deviceColumn) : fileDevice;
    if (id == null || id.isEmpty()) {
      count(fileDevice == null && deviceColumn < 0 ? "no-device" : "short-row");
      return;
    }
    Instant at = time(fields);
    if (at == null) {
      return;
    }

    Map<String, Reading.Quantity> values = new LinkedHashMap<>();
    List<PropertySpec> specs = source.properties();
    for (int i = 0; i < specs.size(); i++) {
      Double value = number(field(fields, propertyColumns[i]));
      if (value == null) {
        count("missing-value");
      } else {
        PropertySpec spec = specs.get(i);
        values.put(spec.name(), new Reading.Quantity(spec.convert(value), spec.unit()));
      }
    }
    if (values.isEmpty()) {
      count("empty-row");
      return;
    }

    DatasetReader.Collector device = devices.computeIfAbsent(id, k -> collector(k));
    Reading.Location location = latColumn >= 0 ? location(fields) : null;
    if (device.firstLocation == null) {
      device.firstLocation = location;
    }
    device.observations.add(new Observation(at, values, location));
  }

  private DatasetReader.Collector collector(String id) {
    DatasetReader.Collector c = new DatasetReader.Collector(id, source);
    for (PropertySpec p : source.properties()) {
      c.schema.put(p.name(), new PropertySchema(p.unit(), p.min(), p.max()));
    }
    return c;
  }

  private Instant time(String[] fields) {
    StringBuilder text = new StringBuilder();
    for (int column : timeColumns) {
      String f = field(fields, column);
      if (f == null) {
        count("short-row");
        return null;
      }
      text.append(text.length() == 0 ? "" : " ").append(f);
    }
    try {
      return time.parse(text.toString());
    } catch (DateTimeException e) {
      count("bad-time");
      return null;
    }
  }

  private Reading.Location location(String[] fields) {
    Double lat = number(field(fields, latColumn));
    Double lon = number(field(fields, lonColumn));
    if (lat == null || lon == null || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      count("missing-location");
      return null;
    }
    return new Reading.Location(lat, lon);
  }

  private static String field(String[] fields, int index) {
    return index < fields.length && fields[index] != null ? fields[index].trim() : null;
  }

  /** The value of a field, or null if it is empty or not a finite number. */
  static Double number(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      double v = Double.parseDouble(text);
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void count(String reason) {
    skipped.merge(reason, 1L, Long::sum);
  }
}
