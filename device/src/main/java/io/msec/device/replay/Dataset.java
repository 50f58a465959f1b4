package io.msec.device.replay;

import io.msec.core.Reading;
import io.msec.device.DeviceRegistration;
import io.msec.device.internal.DatasetReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset read through its {@link DatasetMapping}: the devices found in it, each with its
 * observations in time order. The observation at index {@code i} of a device gets sequence number
 * {@code i + 1}, so the numbering is the same every time the dataset is read. Immutable.
 *
 * <pre>{@code
 * Dataset data = Dataset.read(Path.of("../shared/data/smart-building-rooms-co2"), mapping);
 * Reading first = data.devices().get(0).reading(did, 1);
 * }</pre>
 *
 * @param mapping the mapping the data was read with
 * @param devices the devices, sorted by id
 * @param rowsRead data rows read from the files
 * @param skipped how many values or rows were left out, by reason: {@code missing-value} (a
 *     property left out of its row), {@code empty-row} (no property left), {@code bad-time}, {@code
 *     short-row}, {@code no-device}
 */
public record Dataset(
    DatasetMapping mapping, List<DeviceSeries> devices, long rowsRead, Map<String, Long> skipped) {
  public Dataset {
    devices = List.copyOf(devices);
    skipped = Map.copyOf(skipped);
  }

  /**
   * What one observation of a device holds: when, the values with units, and where if the dataset
   * places every row.
   */
  public record Observation(
      Instant time, Map<String, Reading.Quantity> properties, Reading.Location location) {
    public Observation {
      Objects.requireNonNull(time, "time");
      properties = Map.copyOf(properties);
    }
  }

  /**
   * One device of the dataset.
   *
   * @param id the device's id in the dataset (a sensor id, a room, a file name)
   * @param type the device type to register
   * @param name the display name
   * @param location where the device is, or null if unknown
   * @param schema the properties it reports, with units and plausible ranges
   * @param observations in time order; the one at index i has sequence number i + 1
   */
  public record DeviceSeries(
      String id,
      String type,
      String name,
      Reading.Location location,
      Map<String, DeviceRegistration.PropertySchema> schema,
      List<Observation> observations) {
    public DeviceSeries {
      schema = Map.copyOf(schema);
      observations = List.copyOf(observations);
    }

    /** The reading with sequence number {@code seq} (1-based) of the device named {@code did}. */
    public Reading reading(io.msec.core.DidKey did, long seq) {
      Observation o = observations.get(Math.toIntExact(seq - 1));
      return new Reading(did, seq, o.time(), o.properties(), o.location());
    }

    /** The registration of this device under {@code did}. */
    public DeviceRegistration registration(io.msec.core.DidKey did) {
      return new DeviceRegistration(did, type, name, location, schema);
    }
  }

  /**
   * Reads every file of {@code folder} that the mapping names.
   *
   * @throws io.msec.core.MsecException {@code bad-mapping} if a column it names is not in a file,
   *     {@code dataset-io} if a file cannot be read, {@code empty-dataset} if no file matches
   */
  public static Dataset read(Path folder, DatasetMapping mapping) {
    return DatasetReader.read(folder, mapping);
  }

  /** All observations of all devices. */
  public long observationCount() {
    return devices.stream().mapToLong(d -> d.observations().size()).sum();
  }
}
