package io.msec.device.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.device.internal.TimeParser;
import io.msec.device.replay.Dataset.Observation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.time.api.DateTimes;

class CsvAndTimeParsingTest {
  record Row(LocalDateTime time, Double value, boolean quoteTime, boolean quoteValue) {}

  @Provide
  Arbitrary<List<Row>> rows() {
    return Combinators.combine(
            DateTimes.dateTimes()
                .between(LocalDateTime.of(1990, 1, 1, 0, 0), LocalDateTime.of(2040, 1, 1, 0, 0))
                .map(t -> t.withNano(0)),
            Arbitraries.doubles().between(-1e6, 1e6).ofScale(3).injectNull(0.2),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(Row::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(30);
  }

  @Provide
  Arbitrary<Character> delimiters() {
    return Arbitraries.of(',', ';', '\t', '|');
  }

  @Property(tries = 60)
  void readsBackEveryValueWrittenQuotedOrNotWithAnyDelimiter(
      @ForAll("rows") List<Row> rows, @ForAll("delimiters") char delimiter) {
    DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    StringBuilder csv = new StringBuilder("time" + delimiter + "v\n");
    for (Row r : rows) {
      String t = r.time().format(format);
      String v = r.value() == null ? "" : r.value().toString();
      csv.append(r.quoteTime() ? "\"" + t + "\"" : t)
          .append(delimiter)
          .append(r.quoteValue() ? "\"" + v + "\"" : v)
          .append('\n');
    }
    String delimiterText = delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
    String mapping =
        """
        {"name": "p", "files": "*.csv", "delimiter": "%s",
         "time": {"column": "time", "format": "yyyy-MM-dd HH:mm:ss", "zone": "UTC"},
         "device": {"id": "d"}, "deviceType": "t",
         "properties": [{"column": "v", "unit": "1", "min": -1e7, "max": 1e7}]}
        """
            .formatted(delimiterText);

    Dataset data = Dataset.read(folderWith(csv.toString()), DatasetMapping.parse(mapping, "p"));

    List<Row> expected = rows.stream().filter(r -> r.value() != null).toList();
    List<Observation> read =
        data.devices().isEmpty() ? List.of() : data.devices().get(0).observations();
    assertThat(read).hasSize(expected.size());
    assertThat(read.stream().map(o -> o.properties().get("v").value()).sorted().toList())
        .isEqualTo(expected.stream().map(Row::value).sorted().toList());
    assertThat(read.stream().map(Observation::time).toList())
        .isSorted()
        .containsExactlyInAnyOrderElementsOf(
            expected.stream().map(r -> r.time().toInstant(java.time.ZoneOffset.UTC)).toList());
    assertThat(data.skipped().getOrDefault("missing-value", 0L))
        .isEqualTo(rows.size() - expected.size());
  }

  @Property(tries = 200)
  void localTimesOfAPatternLandOnTheZonesInstant(
      @ForAll("times") LocalDateTime time, @ForAll("zones") String zone) {
    String pattern = "dd/MM/yyyy H:mm:ss";
    TimeParser parser =
        new TimeParser(new DatasetMapping.TimeSpec(List.of("t"), pattern, ZoneId.of(zone)));

    Instant parsed = parser.parse(time.format(DateTimeFormatter.ofPattern(pattern)));

    assertThat(parsed).isEqualTo(time.atZone(ZoneId.of(zone)).toInstant());
  }

  @Property(tries = 100)
  void isoTimesWithOffsetIgnoreTheZoneAndEpochTimesAreExact(
      @ForAll("times") LocalDateTime time, @ForAll("zones") String zone) {
    Instant instant = time.toInstant(java.time.ZoneOffset.ofHours(3));
    TimeParser iso =
        new TimeParser(new DatasetMapping.TimeSpec(List.of("t"), "iso", ZoneId.of(zone)));
    TimeParser epoch =
        new TimeParser(new DatasetMapping.TimeSpec(List.of("t"), "epoch-ms", ZoneId.of(zone)));

    assertThat(iso.parse(time + "+03:00")).isEqualTo(instant);
    assertThat(epoch.parse(Long.toString(instant.toEpochMilli()))).isEqualTo(instant);
  }

  @Provide
  Arbitrary<LocalDateTime> times() {
    return DateTimes.dateTimes()
        .between(LocalDateTime.of(1971, 1, 1, 0, 0), LocalDateTime.of(2040, 1, 1, 0, 0))
        .map(t -> t.withNano(0));
  }

  @Provide
  Arbitrary<String> zones() {
    return Arbitraries.of("UTC", "Europe/Brussels", "Asia/Kolkata", "America/Los_Angeles");
  }

  private static Path folderWith(String csv) {
    try {
      Path folder = Files.createTempDirectory("msec-csv-");
      Files.writeString(folder.resolve("data.csv"), csv);
      folder.toFile().deleteOnExit();
      folder.resolve("data.csv").toFile().deleteOnExit();
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
