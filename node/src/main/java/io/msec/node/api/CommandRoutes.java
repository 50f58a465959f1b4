package io.msec.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.node.registry.DeviceRegistry;
import io.msec.node.twin.CommandDesk;
import io.msec.node.twin.CommandLog;
import io.msec.node.twin.TwinCommand;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Commands to twins (docs/twins.md, "Commands"): {@code POST /api/v1/twins/{id}/commands} takes a
 * command signed by the device or its owner, {@code GET} lists them, and every twin entity shows
 * the latest value of each command. Owns the command log, kept in the node's data dir.
 */
final class CommandRoutes implements TwinMembers, AutoCloseable {
  private final DeviceRegistry registry;
  private final CommandLog log;
  private final CommandDesk desk;

  CommandRoutes(Path dataDir, DeviceRegistry registry) {
    this.registry = registry;
    this.log = CommandLog.open(dataDir.resolve("commands.db"));
    this.desk = new CommandDesk(registry, log, Clock.systemUTC());
  }

  void register(JavalinConfig cfg) {
    cfg.routes.post("/api/v1/twins/{id}/commands", this::post);
    cfg.routes.get("/api/v1/twins/{id}/commands", this::list);
  }

  private void post(Context ctx) {
    DidKey device = Params.did("id", ctx.pathParam("id"));
    JsonNode body = DeviceRoutes.body(ctx);
    CommandDesk.Kept kept = desk.accept(device, body);
    ctx.status(kept.created() ? 201 : 200)
        .contentType("application/json")
        .result(kept.command().toJson().toString());
  }

  private void list(Context ctx) {
    DidKey device = Params.did("id", ctx.pathParam("id"));
    if (registry.find(device).isEmpty()) {
      throw new MsecException("unknown-device", "no device " + device + " registered");
    }
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("device", device.toString());
    ArrayNode commands = out.putArray("commands");
    desk.list(device).forEach(c -> commands.add(c.toJson()));
    ctx.contentType("application/json").result(out.toString());
  }

  @Override
  public boolean has(DidKey device) {
    return !desk.latest(device).isEmpty();
  }

  @Override
  public Set<DidKey> devices() {
    return desk.commanded();
  }

  /**
   * Adds {@code "commands":{"type":"Property","value":{"ventilation":{"value","at","reason",
   * "signer"}},"observedAt":..}}, {@code observedAt} being the latest command's time.
   */
  @Override
  public void addTo(DidKey device, ObjectNode entity) {
    Map<String, TwinCommand> latest = desk.latest(device);
    if (latest.isEmpty()) {
      return;
    }
    // Limitation: a reading property named "commands" is replaced by the commands on the entity.
    ObjectNode property = entity.putObject("commands");
    property.put("type", "Property");
    ObjectNode value = property.putObject("value");
    Instant newest = Instant.EPOCH;
    for (TwinCommand c : latest.values()) {
      value
          .putObject(c.command())
          .put("value", c.value())
          .put("at", c.at().toString())
          .put("reason", c.reason())
          .put("signer", c.signer().toString());
      newest = c.at().isAfter(newest) ? c.at() : newest;
    }
    property.put("observedAt", newest.toString());
  }

  @Override
  public void close() {
    log.close();
  }
}
