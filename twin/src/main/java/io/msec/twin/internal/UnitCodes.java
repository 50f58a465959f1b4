package io.msec.twin.internal;

import java.util.Map;
import java.util.Optional;

/**
 * Maps UCUM unit codes, which readings carry, to the UN/CEFACT common codes (UNECE Recommendation
 * 20) that NGSI-LD's {@code unitCode} expects.
 */
public final class UnitCodes {
  private static final Map<String, String> UCUM_TO_CEFACT =
      Map.ofEntries(
          Map.entry("[ppm]", "59"),
          Map.entry("[ppb]", "61"),
          Map.entry("Cel", "CEL"),
          Map.entry("K", "KEL"),
          Map.entry("%", "P1"),
          Map.entry("lx", "LUX"),
          Map.entry("ug/m3", "GQ"),
          Map.entry("mg/m3", "GP"),
          Map.entry("Pa", "PAL"),
          Map.entry("hPa", "A97"),
          Map.entry("m/s", "MTS"),
          Map.entry("km/h", "KMH"),
          Map.entry("m", "MTR"),
          Map.entry("W", "WTT"),
          Map.entry("kW.h", "KWH"),
          Map.entry("V", "VLT"),
          Map.entry("A", "AMP"),
          Map.entry("dB", "2N"),
          Map.entry("1", "C62"));

  private UnitCodes() {}

  /** The UN/CEFACT common code of a UCUM code, empty if there is no mapping. */
  public static Optional<String> cefact(String ucum) {
    return Optional.ofNullable(UCUM_TO_CEFACT.get(ucum));
  }
}
