package io.msec.market.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.Reading;
import java.util.Locale;

/**
 * The room a smart object serves, as it finds the room's data in the catalogue: an offer is of the
 * room if its title, description or a keyword holds the room's name (ignoring case), or if the area
 * of its devices ({@code dct:spatial}) comes within {@code radiusMetres} of the room's location.
 * Immutable.
 *
 * @param name the room's name, or null to match by location only
 * @param location where the room is, or null to match by name only
 * @param radiusMetres how far from {@code location} a device may be
 */
public record Room(String name, Reading.Location location, double radiusMetres) {
  /** Mean Earth radius, for distances of a few hundred metres. */
  private static final double EARTH_RADIUS_METRES = 6_371_000;

  public Room {
    if ((name == null || name.isBlank()) && location == null) {
      throw new IllegalArgumentException("a room has a name, a location or both");
    }
    if (!(radiusMetres >= 0)) {
      throw new IllegalArgumentException("a radius is 0 or more metres");
    }
    name = name == null || name.isBlank() ? null : name;
  }

  /** A room found by its name only. */
  public static Room named(String name) {
    return new Room(name, null, 0);
  }

  /** Whether the DCAT dataset {@code offer} is of this room. */
  public boolean matches(JsonNode offer) {
    return (name != null && text(offer).contains(name.toLowerCase(Locale.ROOT)))
        || (location != null && near(offer.path("dct:spatial").path("dcat:bbox")));
  }

  private static String text(JsonNode offer) {
    StringBuilder b = new StringBuilder();
    b.append(offer.path("dct:title").asText()).append('\n');
    b.append(offer.path("dct:description").asText()).append('\n');
    offer.path("dcat:keyword").forEach(k -> b.append(k.asText()).append('\n'));
    return b.toString().toLowerCase(Locale.ROOT);
  }

  /** Whether the box {@code [minLon, minLat, maxLon, maxLat]} comes within the radius. */
  private boolean near(JsonNode box) {
    if (!box.isArray() || box.size() != 4) {
      return false;
    }
    double lon = clamp(location.lon(), box.get(0).asDouble(), box.get(2).asDouble());
    double lat = clamp(location.lat(), box.get(1).asDouble(), box.get(3).asDouble());
    return distanceMetres(location.lat(), location.lon(), lat, lon) <= radiusMetres;
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }

  /** Haversine distance. */
  static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2))
                * Math.sin(dLon / 2)
                * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
