package io.msec.device.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.device.replay.DatasetMapping;
import io.msec.device.replay.DatasetMapping.DeviceSpec;
import io.msec.device.replay.DatasetMapping.LocationSpec;
import io.msec.device.replay.DatasetMapping.PropertySpec;
import io.msec.device.replay.DatasetMapping.Source;
import io.msec.device.replay.DatasetMapping.TimeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a {@link DatasetMapping} from JSON strictly: unknown fields, missing fields and wrong kinds
 * are refused with a {@code bad-mapping} error that names the field, e.g. {@code
 * sources[1].time.zone}.
 */
public final class MappingParser {
  private static final Set<String> TOP = Set.of("name", "description", "sources");
  private static final Set<String> SOURCE =
      Set.of(
          "files",
          "format",
          "records",
          "delimiter",
          "header",
          "columns",
          "time",
          "device",
          "deviceType",
          "deviceName",
          "location",
          "properties");
  private static final Set<String> TIME = Set.of("column", "columns", "format", "zone");
  private static final Set<String> DEVICE = Set.of("column", "path", "id");
  private static final Set<String> LOCATION = Set.of("lat", "lon", "latColumn", "lonColumn");
  private static final Set<String> PROPERTY =
      Set.of("column", "name", "unit", "min", "max", "scale", "offset");

  private final String origin;

  private MappingParser(String origin) {
    this.origin = origin;
  }

  public static DatasetMapping parse(InputStream in, String origin) throws IOException {
    return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), origin);
  }

  public static DatasetMapping parse(String json, String origin) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new MsecException(
          "bad-mapping", origin + ": not valid JSON: " + e.getOriginalMessage());
    }
    return new MappingParser(origin).mapping(root);
  }

  private DatasetMapping mapping(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw bad("(root)", "a mapping is a JSON object");
    }
    Set<String> allowed = new HashSet<>(TOP);
    allowed.addAll(SOURCE);
    checkFields(root, allowed, "");
    String name = text(root, "name", "name");
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw bad("name", "use letters, digits, '.', '_' or '-' only, was '" + name + "'");
    }
    String description = root.path("description").asText("");

    List<Source> sources = new ArrayList<>();
    JsonNode list = root.get("sources");
    if (list == null) {
      sources.add(source(root, ""));
    } else {
      if (!list.isArray() || list.isEmpty()) {
        throw bad("sources", "must be a non-empty array of objects");
      }
      for (int i = 0; i < list.size(); i++) {
        String at = "sources[" + i + "].";
        if (!list.get(i).isObject()) {
          throw bad("sources[" + i + "]", "must be an object");
        }
        checkFields(list.get(i), SOURCE, at);
        ObjectNode merged = ((ObjectNode) root.deepCopy());
        merged.remove(TOP);
        merged.setAll((ObjectNode) list.get(i));
        sources.add(source(merged, at));
      }
    }
    return new DatasetMapping(name, description, sources);
  }

  private Source source(JsonNode s, String at) {
    String files = text(s, "files", at + "files");
    String delimiter = s.has("delimiter") ? text(s, "delimiter", at + "delimiter") : ",";
    if (delimiter.equals("\\t") || delimiter.equals("tab")) {
      delimiter = "\t";
    }
    if (delimiter.length() != 1) {
      throw bad(at + "delimiter", "must be one character, was '" + delimiter + "'");
    }
    JsonNode header = s.get("header");
    if (header != null && !header.isBoolean()) {
      throw bad(at + "header", "must be true or false");
    }
    List<String> columns = s.has("columns") ? texts(s.get("columns"), at + "columns") : List.of();
    if (header != null && !header.asBoolean() && columns.isEmpty()) {
      throw bad(at + "columns", "is required when 'header' is false");
    }
    List<PropertySpec> properties = properties(s.get("properties"), at + "properties");
    String format = s.has("format") ? text(s, "format", at + "format") : "csv";
    if (!format.equals("csv") && !format.equals("json")) {
      throw bad(at + "format", "must be 'csv' or 'json', was '" + format + "'");
    }
    String records = s.has("records") ? text(s, "records", at + "records") : null;
    if (records != null && !records.startsWith("/")) {
      throw bad(at + "records", "must be a JSON Pointer such as '/data', was '" + records + "'");
    }
    return new Source(
        files,
        format,
        records,
        delimiter.charAt(0),
        header == null || header.asBoolean(),
        columns,
        time(object(s, "time", at + "time"), at + "time"),
        device(object(s, "device", at + "device"), at + "device"),
        text(s, "deviceType", at + "deviceType"),
        s.has("deviceName") ? text(s, "deviceName", at + "deviceName") : "{id}",
        s.hasNonNull("location")
            ? location(object(s, "location", at + "location"), at + "location")
            : null,
        properties);
  }

  private TimeSpec time(JsonNode t, String at) {
    checkFields(t, TIME, at + ".");
    List<String> columns;
    if (t.has("column") == t.has("columns")) {
      throw bad(at + ".column", "give exactly one of 'column' and 'columns'");
    }
    columns =
        t.has("column") ? List.of(text(t, "column", at + ".column")) : texts(t.get("columns"), at);
    String format = t.has("format") ? text(t, "format", at + ".format") : "iso";
    if (!TimeParser.isNamedFormat(format)) {
      try {
        DateTimeFormatter.ofPattern(format);
      } catch (IllegalArgumentException e) {
        throw bad(at + ".format", "not a date-time pattern: " + e.getMessage());
      }
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(t.has("zone") ? text(t, "zone", at + ".zone") : "UTC");
    } catch (DateTimeException e) {
      throw bad(at + ".zone", "unknown time zone '" + t.get("zone").asText() + "'");
    }
    return new TimeSpec(columns, format, zone);
  }

  private DeviceSpec device(JsonNode d, String at) {
    checkFields(d, DEVICE, at + ".");
    if (d.size() != 1) {
      throw bad(at, "give exactly one of 'column', 'path' and 'id'");
    }
    if (d.has("path")) {
      String regex = text(d, "path", at + ".path");
      try {
        Pattern pattern = Pattern.compile(regex);
        if (pattern.matcher("").groupCount() < 1) {
          throw bad(at + ".path", "needs a group, e.g. '(\\\\d+)/.*', to capture the device id");
        }
        return new DeviceSpec(null, pattern, null);
      } catch (PatternSyntaxException e) {
        throw bad(at + ".path", "not a regular expression: " + e.getDescription());
      }
    }
    if (d.has("column")) {
      return new DeviceSpec(text(d, "column", at + ".column"), null, null);
    }
    return new DeviceSpec(null, null, text(d, "id", at + ".id"));
  }

  private LocationSpec location(JsonNode l, String at) {
    checkFields(l, LOCATION, at + ".");
    if (l.has("latColumn") || l.has("lonColumn")) {
      return new LocationSpec(
          null, text(l, "latColumn", at + ".latColumn"), text(l, "lonColumn", at + ".lonColumn"));
    }
    double lat = number(l, "lat", at + ".lat");
    double lon = number(l, "lon", at + ".lon");
    try {
      return new LocationSpec(new Reading.Location(lat, lon), null, null);
    } catch (RuntimeException e) {
      throw bad(at, e.getMessage());
    }
  }

  private List<PropertySpec> properties(JsonNode list, String at) {
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw bad(at, "must be a non-empty array of objects");
    }
    List<PropertySpec> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String here = at + "[" + i + "]";
      JsonNode p = list.get(i);
      if (!p.isObject()) {
        throw bad(here, "must be an object");
      }
      checkFields(p, PROPERTY, here + ".");
      String column = text(p, "column", here + ".column");
      String name = p.has("name") ? text(p, "name", here + ".name") : column;
      if (!names.add(name)) {
        throw bad(here + ".name", "property '" + name + "' is named twice");
      }
      String unit = text(p, "unit", here + ".unit");
      double min = number(p, "min", here + ".min");
      double max = number(p, "max", here + ".max");
      if (min > max) {
        throw bad(here + ".min", "min " + min + " is above max " + max);
      }
      double scale = p.has("scale") ? number(p, "scale", here + ".scale") : 1;
      double offset = p.has("offset") ? number(p, "offset", here + ".offset") : 0;
      out.add(new PropertySpec(column, name, unit, min, max, scale, offset));
    }
    return out;
  }

  private void checkFields(JsonNode node, Set<String> allowed, String at) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        throw bad(at + field, "unknown field; expected one of " + new java.util.TreeSet<>(allowed));
      }
    }
  }

  private JsonNode object(JsonNode parent, String field, String at) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw bad(at, node == null ? "is required" : "must be an object");
    }
    return node;
  }

  private String text(JsonNode parent, String field, String at) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual() || node.asText().isEmpty()) {
      throw bad(at, node == null ? "is required" : "must be a non-empty string");
    }
    return node.asText();
  }

  private double number(JsonNode parent, String field, String at) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isNumber()) {
      throw bad(at, node == null ? "is required" : "must be a number");
    }
    return node.doubleValue();
  }

  private List<String> texts(JsonNode node, String at) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw bad(at, "must be a non-empty array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : node) {
      if (!n.isTextual()) {
        throw bad(at, "must be a non-empty array of strings");
      }
      out.add(n.asText());
    }
    return out;
  }

  private MsecException bad(String field, String message) {
    return new MsecException("bad-mapping", origin + ": field '" + field + "' " + message);
  }
}
