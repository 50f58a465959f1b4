package io.msec.device.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.device.replay.DatasetMapping.PropertySpec;
import io.msec.device.replay.DatasetMapping.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The records of a JSON dataset file: a JSON array of objects, JSON Lines (one object per line), or
 * the array a JSON Pointer names inside the file. A mapping's column is a member name of the
 * record, or a JSON Pointer into it when it starts with {@code /} (e.g. {@code /sensor/id}).
 */
final class JsonRecords {
  private JsonRecords() {}

  /** Every record of {@code file}; {@code pointer} names the array of records, or is null. */
  static List<JsonNode> read(Path file, String pointer) throws IOException {
    List<JsonNode> values = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        Json.mapper().readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNext()) {
        values.add(it.next());
      }
    }
    if (pointer != null) {
      JsonNode array = values.size() == 1 ? values.get(0).at(pointer) : null;
      if (array == null || !array.isArray()) {
        throw new MsecException(
            "bad-mapping", "records '" + pointer + "' is not an array in " + file.getFileName());
      }
      return list(array);
    }
    if (values.size() == 1 && values.get(0).isArray()) {
      return list(values.get(0));
    }
    return values;
  }

  /** The columns a source reads, in a fixed order. */
  static List<String> columns(Source source) {
    Set<String> names = new LinkedHashSet<>(source.time().columns());
    if (source.device().column() != null) {
      names.add(source.device().column());
    }
    if (source.location() != null && source.location().fromColumns()) {
      names.add(source.location().latColumn());
      names.add(source.location().lonColumn());
    }
    for (PropertySpec p : source.properties()) {
      names.add(p.column());
    }
    return List.copyOf(names);
  }

  /** The text of each named column of {@code record}; null where it is missing or JSON null. */
  static String[] fields(JsonNode record, List<String> names) {
    String[] out = new String[names.size()];
    for (int i = 0; i < out.length; i++) {
      String name = names.get(i);
      JsonNode value = name.startsWith("/") ? record.at(name) : record.get(name);
      if (value != null && !value.isMissingNode() && !value.isNull()) {
        out[i] = value.isValueNode() ? value.asText() : value.toString();
      }
    }
    return out;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>(array.size());
    array.forEach(out::add);
    return out;
  }
}
