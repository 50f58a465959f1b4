package io.msec.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.node.registry.DeviceRecord;
import io.msec.node.registry.DeviceRegistry;

/** {@code /api/v1/devices}: register, list, look up and revoke devices. */
final class DeviceRoutes {
  private final HttpApi.Parts parts;

  DeviceRoutes(HttpApi.Parts parts) {
    this.parts = parts;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.get("/api/v1/devices", this::list);
    cfg.routes.post("/api/v1/devices", this::create);
    cfg.routes.get("/api/v1/devices/{did}", this::get);
    cfg.routes.post("/api/v1/devices/{did}/revoke", this::revoke);
    cfg.routes.post("/api/v1/devices/{did}/rotate", this::rotate);
  }

  private void list(Context ctx) {
    ArrayNode out = Json.mapper().createArrayNode();
    for (DeviceRecord r : parts.registry().list()) {
      out.add(withCounts(r));
    }
    ctx.contentType("application/json").result(out.toString());
  }

  private void get(Context ctx) {
    DidKey did = Params.did("device", ctx.pathParam("did"));
    DeviceRecord r =
        parts
            .registry()
            .find(did)
            .orElseThrow(() -> new MsecException("unknown-device", did + " is not registered"));
    ctx.contentType("application/json").result(withCounts(r).toString());
  }

  private ObjectNode withCounts(DeviceRecord r) {
    ObjectNode json = r.toJson();
    json.put("lastSeq", parts.store().lastSeq(r.device()));
    json.put("readings", parts.store().count(r.device()));
    ObjectNode rejects = json.putObject("rejected");
    parts.ingestor().rejects().byReason(r.device().toString()).forEach(rejects::put);
    return json;
  }

  private void create(Context ctx) {
    DeviceRegistry.Registered result = parts.registry().register(body(ctx));
    ctx.status(result.created() ? 201 : 200)
        .contentType("application/json")
        .result(withCounts(result.device()).toString());
  }

  private void revoke(Context ctx) {
    DidKey did = Params.did("device", ctx.pathParam("did"));
    DeviceRecord revoked = parts.registry().revoke(did, body(ctx));
    ctx.contentType("application/json").result(withCounts(revoked).toString());
  }

  private void rotate(Context ctx) {
    DidKey did = Params.did("device", ctx.pathParam("did"));
    DeviceRecord rotated = parts.registry().rotate(did, body(ctx));
    ctx.contentType("application/json").result(withCounts(rotated).toString());
  }

  /** The request body as JSON, refused with {@code malformed} when it is not. */
  static JsonNode body(Context ctx) {
    try {
      JsonNode body = Json.mapper().readTree(ctx.bodyAsBytes());
      if (body == null || !body.isObject()) {
        throw new MsecException("malformed", "body must be a JSON object");
      }
      return body;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new MsecException("malformed", "body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new MsecException("malformed", "body cannot be read");
    }
  }
}
