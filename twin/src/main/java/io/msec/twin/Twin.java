package io.msec.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Reading;
import io.msec.twin.internal.NgsiLdEntity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The digital twin of a device: the latest value of each property it reported, where it last
 * reported being, its last sequence number and, for a device that seals its readings, which was its
 * latest sealed reading (never its values: the node cannot read them). Immutable.
 *
 * <pre>{@code
 * Twin twin = store.twin(device).orElseThrow();
 * ObjectNode entity = twin.toNgsiLd("co2-sensor", "room 413", registered);
 * }</pre>
 *
 * @param device the device
 * @param lastSeq its highest stored sequence number
 * @param lastObservedAt the latest observation time among its readings
 * @param properties property name to its latest value (by observation time, then sequence)
 * @param location the location of its latest reading that carried one, or null if none did
 * @param latestSealed its latest sealed reading (by observation time, then sequence), or null if it
 *     stored none
 */
public record Twin(
    DidKey device,
    long lastSeq,
    Instant lastObservedAt,
    Map<String, TwinProperty> properties,
    Reading.Location location,
    SealedReading latestSealed) {

  /**
   * What a twin shows of a sealed reading: where it is in the device's sequence and which epoch's
   * key opens it.
   *
   * @param seq its sequence number
   * @param observedAt its observation time, at millisecond resolution
   * @param epoch the epoch it was sealed in
   */
  public record SealedReading(long seq, Instant observedAt, long epoch) {
    public SealedReading {
      Objects.requireNonNull(observedAt, "observedAt");
    }
  }

  public Twin {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(lastObservedAt, "lastObservedAt");
    properties = Map.copyOf(properties);
  }

  /** The twin of a device that stored no sealed reading. */
  public Twin(
      DidKey device,
      long lastSeq,
      Instant lastObservedAt,
      Map<String, TwinProperty> properties,
      Reading.Location location) {
    this(device, lastSeq, lastObservedAt, properties, location, null);
  }

  /** The NGSI-LD entity of this twin without registration metadata. */
  public ObjectNode toNgsiLd() {
    return toNgsiLd(null, null, null);
  }

  /**
   * The twin as an NGSI-LD entity of type {@code Device} (ETSI GS CIM 009), normalized form:
   *
   * <pre>{@code
   * {"id":"urn:ngsi-ld:Device:z6Mk...","type":"Device",
   *  "co2":{"type":"Property","value":721.25,"observedAt":"...","unitCode":"59",
   *         "ucumCode":{"type":"Property","value":"[ppm]"}},
   *  "location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[lon,lat]}},
   *  "sealed":{"type":"Property","value":{"epoch":7,"seq":42},"observedAt":"..."},
   *  "@context":"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"}
   * }</pre>
   *
   * See docs/twins.md for the unit mapping and the names used.
   *
   * @param type the registered device type, e.g. {@code co2-sensor}, or null
   * @param name the registered device name, or null
   * @param registeredLocation the registered location, used when no reading carried one, or null
   * @return a new mutable JSON object
   */
  public ObjectNode toNgsiLd(String type, String name, Reading.Location registeredLocation) {
    return NgsiLdEntity.of(this, type, name, registeredLocation);
  }
}
