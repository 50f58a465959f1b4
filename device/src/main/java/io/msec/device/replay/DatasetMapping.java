package io.msec.device.replay;

import io.msec.core.IoFailures;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.device.internal.MappingParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to turn the CSV files of a dataset into devices and readings, read from a small JSON file
 * (the format is documented in docs/mappings.md). A mapping has one or more sources; each names its
 * files, how to split them, which columns hold the time, the device and the properties with their
 * UCUM units, and where the devices are. Immutable.
 *
 * <pre>{@code
 * DatasetMapping mapping = DatasetMapping.read(Path.of("my-dataset.json"));
 * Dataset dataset = Dataset.read(Path.of("../shared/data/my-dataset"), mapping);
 * }</pre>
 *
 * @param name the dataset's name, also the default name of its state folder
 * @param description one line on what the data is
 * @param sources at least one group of files
 */
public record DatasetMapping(String name, String description, List<Source> sources) {
  /** Where shipped mappings live on the class path. */
  public static final String RESOURCE_FOLDER = "/io/msec/device/mappings/";

  public DatasetMapping {
    sources = List.copyOf(sources);
  }

  /**
   * One group of files that share a layout.
   *
   * @param files a glob over paths relative to the dataset folder, e.g. {@code * / *.csv}
   * @param format {@code csv}, or {@code json} for JSON arrays of records or JSON Lines
   * @param records for JSON, a JSON Pointer to the array of records, or null for the whole file
   * @param delimiter the field separator
   * @param header true if the first line names the columns
   * @param columns column names to use instead of the header's, or empty
   * @param time where the observation time is and how to read it
   * @param device which device a row belongs to
   * @param deviceType the registered device type
   * @param deviceName display name pattern; {@code {id}} is replaced by the device id
   * @param location where the devices are, or null if unknown
   * @param properties the observed properties, at least one
   */
  public record Source(
      String files,
      String format,
      String records,
      char delimiter,
      boolean header,
      List<String> columns,
      TimeSpec time,
      DeviceSpec device,
      String deviceType,
      String deviceName,
      LocationSpec location,
      List<PropertySpec> properties) {
    public Source {
      columns = List.copyOf(columns);
      properties = List.copyOf(properties);
    }

    /** True if the files are JSON rather than CSV. */
    public boolean json() {
      return format.equals("json");
    }

    /** The display name of device {@code id}. */
    public String displayName(String id) {
      return deviceName.replace("{id}", id);
    }
  }

  /**
   * The observation time: one column, or several joined with a space (a date and a time column).
   *
   * @param columns the column(s) holding the time
   * @param pattern the text form: {@code iso}, {@code epoch-s}, {@code epoch-ms} or a {@link
   *     DateTimeFormatter} pattern
   * @param zone the time zone of local times (ignored for epoch and offset times)
   */
  public record TimeSpec(List<String> columns, String pattern, ZoneId zone) {
    public TimeSpec {
      columns = List.copyOf(columns);
    }
  }

  /**
   * Which device a row belongs to: exactly one of a column, a regular expression over the file's
   * relative path (group 1 is the id) or one fixed id for the whole source.
   */
  public record DeviceSpec(String column, Pattern path, String fixed) {}

  /** Where the devices are: a fixed point or two columns holding latitude and longitude. */
  public record LocationSpec(Reading.Location fixed, String latColumn, String lonColumn) {
    /** True if every row carries its own location. */
    public boolean fromColumns() {
      return fixed == null;
    }
  }

  /**
   * One observed property.
   *
   * @param column the CSV column
   * @param name the property name in readings
   * @param unit the UCUM unit code
   * @param min the lowest plausible value, or null
   * @param max the highest plausible value, or null
   * @param scale what a dataset value is multiplied by, to convert it into {@code unit}
   * @param offset what is added after scaling
   */
  public record PropertySpec(
      String column,
      String name,
      String unit,
      Double min,
      Double max,
      double scale,
      double offset) {
    /** The value in {@code unit} of a dataset value. */
    public double convert(double value) {
      return value * scale + offset;
    }
  }

  /**
   * Reads a mapping file.
   *
   * @throws MsecException {@code bad-mapping} naming the field that is wrong
   */
  public static DatasetMapping read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return MappingParser.parse(in, file.toString());
    } catch (IOException e) {
      throw new MsecException(
          "bad-mapping", "cannot read mapping " + file + ": " + IoFailures.describe(e));
    }
  }

  /** Parses a mapping from JSON text; {@code origin} names it in errors. */
  public static DatasetMapping parse(String json, String origin) {
    return MappingParser.parse(json, origin);
  }

  /** The mapping shipped for dataset {@code name}, if there is one. */
  public static Optional<DatasetMapping> shipped(String name) {
    String resource = RESOURCE_FOLDER + name + ".json";
    try (InputStream in = DatasetMapping.class.getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(MappingParser.parse(in, resource));
    } catch (IOException e) {
      throw new MsecException("bad-mapping", "cannot read " + resource + ": " + e.getMessage());
    }
  }
}
