package io.msec.node.demo;

import io.msec.node.Node;
import io.msec.node.registry.DeviceRecord;
import io.msec.twin.SeriesBucket;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's closing summary, computed from what the node stored: devices, readings accepted and
 * refused by reason, minutes each room spent above 1000 ppm CO2, and hours each citizen PM sensor
 * read above the WHO 2021 24-hour PM2.5 guideline of 15 ug/m3 (with the days whose 24-hour mean
 * exceeded it).
 */
final class DemoReport {
  static final double CO2_LIMIT_PPM = 1000;
  static final double WHO_PM25_24H = 15;

  /** Readings further apart than this are a gap, not a stretch above the limit. */
  private static final Duration CO2_GAP = Duration.ofMinutes(5);

  private static final Duration PM_GAP = Duration.ofMinutes(10);

  private DemoReport() {}

  static void print(Node node, PrintStream out) {
    List<DeviceRecord> devices = node.registry().list();
    out.println();
    out.println("== M-Sec demo summary ==");
    out.printf(
        Locale.ROOT,
        "devices: %d registered; readings stored: %d%n",
        devices.size(),
        node.store().count());
    Map<String, Long> rejected = node.ingestor().rejects().byReason();
    out.printf(
        Locale.ROOT,
        "readings refused: %d %s%n",
        node.ingestor().rejects().total(),
        rejected.isEmpty() ? "" : rejected);
    co2(node, devices, out);
    pm(node, devices, out);
  }

  private static void co2(Node node, List<DeviceRecord> devices, PrintStream out) {
    List<DeviceRecord> rooms = withProperty(devices, "co2");
    if (rooms.isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, "%nrooms: minutes with CO2 above %.0f ppm%n", CO2_LIMIT_PPM);
    for (DeviceRecord room : rooms) {
      Duration above = node.store().timeAbove(room.device(), "co2", CO2_LIMIT_PPM, CO2_GAP);
      out.printf(
          Locale.ROOT,
          "  %-28s %6d min   (%d readings)%n",
          label(room),
          above.toMinutes(),
          node.store().count(room.device()));
    }
  }

  private static void pm(Node node, List<DeviceRecord> devices, PrintStream out) {
    List<DeviceRecord> sensors = withProperty(devices, "pm25");
    if (sensors.isEmpty()) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "%ncitizen PM sensors: hours with PM2.5 above the WHO 24-hour guideline (%.0f ug/m3),"
            + " and days whose 24-hour mean exceeded it%n",
        WHO_PM25_24H);
    for (DeviceRecord sensor : sensors) {
      Duration above = node.store().timeAbove(sensor.device(), "pm25", WHO_PM25_24H, PM_GAP);
      out.printf(
          Locale.ROOT,
          "  %-28s %6.1f h   %d of %d days%n",
          label(sensor),
          above.toMinutes() / 60.0,
          daysAbove(node, sensor),
          days(node, sensor));
    }
  }

  private static long daysAbove(Node node, DeviceRecord sensor) {
    return daily(node, sensor).stream().filter(b -> b.mean() > WHO_PM25_24H).count();
  }

  private static long days(Node node, DeviceRecord sensor) {
    return daily(node, sensor).size();
  }

  private static List<SeriesBucket> daily(Node node, DeviceRecord sensor) {
    Instant from = Instant.parse("2000-01-01T00:00:00Z");
    return node.store()
        .buckets(
            sensor.device(), "pm25", from, Instant.now().plusSeconds(86_400), Duration.ofDays(1));
  }

  private static List<DeviceRecord> withProperty(List<DeviceRecord> devices, String property) {
    return devices.stream().filter(d -> d.schema().containsKey(property)).toList();
  }

  private static String label(DeviceRecord d) {
    return d.name().isEmpty() ? d.device().toString().substring(0, 24) : d.name();
  }
}
