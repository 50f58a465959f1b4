package io.msec.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.node.ingest.IngestReport;
import io.msec.node.ingest.Rejection;
import io.msec.node.registry.DeviceRecord;
import io.msec.twin.SeriesBucket;
import io.msec.twin.SeriesPoint;
import io.msec.twin.Twin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Readings in (HTTP ingest), and twins, series, reject counts and live streams out. */
final class DataRoutes {
  private final HttpApi.Parts parts;
  private final LiveStreams streams;
  private final TwinMembers members;

  /** {@code members} adds to every twin entity served, e.g. the latest commands. */
  DataRoutes(HttpApi.Parts parts, TwinMembers members, EventSenders senders) {
    this.parts = parts;
    this.streams = new LiveStreams(parts.live(), senders);
    this.members = members;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.post("/api/v1/readings", this::ingest);
    cfg.routes.get("/api/v1/twins", this::twins);
    cfg.routes.get("/api/v1/twins/{id}", this::twin);
    cfg.routes.get("/api/v1/series", this::series);
    cfg.routes.get("/api/v1/rejects", ctx -> json(ctx, parts.ingestor().rejects().toJson()));
    // Checked before the event stream starts, so that a refusal is still a problem document.
    cfg.routes.before("/api/v1/stream", ctx -> Params.acceptsEventStream(ctx, "live readings"));
    cfg.routes.before(
        "/api/v1/devices/{did}/stream",
        ctx -> {
          Params.did("device", ctx.pathParam("did"));
          Params.acceptsEventStream(ctx, "live readings");
        });
    cfg.routes.sse("/api/v1/stream", streams::all);
    cfg.routes.sse("/api/v1/devices/{did}/stream", streams::device);
  }

  private void ingest(Context ctx) {
    IngestReport report = parts.ingestor().submit(ctx.bodyAsBytes(), null).join();
    if (report.refusedEntirely() && report.rejected().size() == 1) {
      Rejection r = report.rejected().get(0);
      Problems.write(ctx, r.code(), r.reason());
      return;
    }
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("accepted", report.accepted());
    out.put("duplicates", report.duplicates());
    ArrayNode rejected = out.putArray("rejected");
    for (Rejection r : report.rejected()) {
      rejected.addObject().put("seq", r.seq()).put("code", r.code()).put("reason", r.reason());
    }
    ctx.status(report.refusedEntirely() ? 422 : 202);
    json(ctx, out);
  }

  private void twins(Context ctx) {
    ArrayNode out = Json.mapper().createArrayNode();
    java.util.Set<DidKey> served = new java.util.HashSet<>();
    for (Twin t : parts.store().twins()) {
      out.add(entity(t));
      served.add(t.device());
    }
    // Twins with members (e.g. commands) but no readings yet, such as a controller.
    for (DidKey device : members.devices()) {
      if (!served.contains(device)) {
        withoutReadings(device).ifPresent(t -> out.add(entity(t)));
      }
    }
    ctx.contentType("application/ld+json").result(out.toString());
  }

  private void twin(Context ctx) {
    DidKey did = Params.did("id", ctx.pathParam("id"));
    Twin t =
        parts
            .store()
            .twin(did)
            .or(() -> withoutReadings(did))
            .orElseThrow(() -> new MsecException("not-found", "no twin for " + did + " yet"));
    ctx.contentType("application/ld+json").result(entity(t).toString());
  }

  /** An empty twin of a registered device that has members to show but no readings yet. */
  private Optional<Twin> withoutReadings(DidKey did) {
    if (parts.registry().find(did).isEmpty() || !members.has(did)) {
      return Optional.empty();
    }
    return Optional.of(new Twin(did, 0, Instant.EPOCH, java.util.Map.of(), null));
  }

  private ObjectNode entity(Twin t) {
    Optional<DeviceRecord> r = parts.registry().find(t.device());
    ObjectNode entity =
        t.toNgsiLd(
            r.map(DeviceRecord::type).orElse(null),
            r.map(DeviceRecord::name).orElse(null),
            r.map(DeviceRecord::location).orElse(null));
    members.addTo(t.device(), entity);
    return entity;
  }

  private void series(Context ctx) {
    DidKey did = Params.did("device", Params.required(ctx, "device"));
    String property = Params.required(ctx, "property");
    Instant given = Params.instant(ctx, "from", null);
    Instant from = given == null ? Instant.EPOCH : given;
    Instant to = Params.instant(ctx, "to", Instant.parse("9999-12-31T23:59:59Z"));
    if (!from.isBefore(to)) {
      throw Params.badRequest("'from' must be before 'to'");
    }
    Duration bucket = Params.duration(ctx, "bucket");
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("device", did.toString()).put("property", property);
    parts
        .registry()
        .find(did)
        .map(d -> d.schema().get(property))
        .ifPresent(spec -> out.put("unit", spec.unit()));
    ArrayNode points = out.putArray("points");
    if (bucket == null) {
      int limit = Params.integer(ctx, "limit", 10_000, 1, 100_000);
      List<SeriesPoint> series = parts.store().series(did, property, from, to, limit);
      for (SeriesPoint p : series) {
        points.addObject().put("t", p.time().toString()).put("v", p.value()).put("seq", p.seq());
      }
      // Limitation: a raw range longer than the limit is cut at its newest end; ask for buckets
      // or a shorter range.
      out.put("truncated", series.size() == limit);
    } else {
      if (given == null) {
        throw Params.badRequest("'from' is required with 'bucket'");
      }
      int limit = Params.integer(ctx, "limit", 10_000, 1, 100_000);
      out.put("bucket", bucket.toString());
      List<SeriesBucket> buckets = parts.store().buckets(did, property, from, to, bucket);
      out.put("truncated", buckets.size() > limit);
      for (SeriesBucket b : buckets.subList(0, Math.min(limit, buckets.size()))) {
        points
            .addObject()
            .put("t", b.start().toString())
            .put("min", b.min())
            .put("max", b.max())
            .put("mean", b.mean())
            .put("count", b.count());
      }
    }
    json(ctx, out);
  }

  private static void json(Context ctx, ObjectNode body) {
    ctx.contentType("application/json").result(body.toString());
  }
}
