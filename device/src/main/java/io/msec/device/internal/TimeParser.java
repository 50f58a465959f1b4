package io.msec.device.internal;

import io.msec.device.replay.DatasetMapping.TimeSpec;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Reads observation times as a mapping describes them. Local times are placed in the mapping's zone
 * with {@link LocalDateTime#atZone}: in the autumn overlap the earlier offset is taken, and a time
 * inside the spring gap is moved forward by the gap's length.
 */
public final class TimeParser {
  private final ZoneId zone;
  private final String format;
  private final DateTimeFormatter formatter;

  public TimeParser(TimeSpec spec) {
    this.zone = spec.zone();
    this.format = spec.pattern();
    this.formatter =
        isNamedFormat(format)
            ? null
            : new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(format)
                .toFormatter(Locale.ROOT);
  }

  /** True for the formats with a name instead of a pattern. */
  public static boolean isNamedFormat(String format) {
    return format.equals("iso") || format.equals("epoch-s") || format.equals("epoch-ms");
  }

  /**
   * The instant {@code text} stands for.
   *
   * @throws DateTimeException if it does not fit the format
   */
  public Instant parse(String text) {
    String t = text.trim();
    return switch (format) {
      case "epoch-s" -> epoch(t, 1000);
      case "epoch-ms" -> epoch(t, 1);
      case "iso" -> iso(t);
      default -> pattern(t);
    };
  }

  private Instant pattern(String text) {
    TemporalAccessor parsed = formatter.parse(text);
    LocalDateTime local = LocalDateTime.from(parsed);
    if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
      return local.toInstant(
          java.time.ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)));
    }
    return local.atZone(zone).toInstant();
  }

  private Instant iso(String text) {
    TemporalAccessor parsed =
        DateTimeFormatter.ISO_DATE_TIME.parseBest(
            text.replace(' ', 'T'), OffsetDateTime::from, LocalDateTime::from);
    return parsed instanceof OffsetDateTime offset
        ? offset.toInstant()
        : ((LocalDateTime) parsed).atZone(zone).toInstant();
  }

  private static Instant epoch(String text, long millisPerUnit) {
    try {
      double value = Double.parseDouble(text);
      if (!Double.isFinite(value)) {
        throw new DateTimeException("not a finite epoch time: " + text);
      }
      return Instant.ofEpochMilli(Math.round(value * millisPerUnit));
    } catch (NumberFormatException e) {
      throw new DateTimeException("not an epoch time: " + text);
    }
  }
}
