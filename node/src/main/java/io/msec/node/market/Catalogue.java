package io.msec.node.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.ledger.Device;
import io.msec.ledger.Ledger;
import io.msec.market.Market;
import io.msec.market.Offer;
import io.msec.market.Product;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The offers as a W3C DCAT catalogue (JSON-LD), and search over them by keyword, property, area,
 * time, price, kind, provider and device (docs/market.md, "Catalogue").
 */
public final class Catalogue {
  private final Market market;
  private final Ledger ledger;

  Catalogue(Market market, Ledger ledger) {
    this.market = market;
    this.ledger = ledger;
  }

  /**
   * What a search asks; every member is optional (null) and they combine with AND.
   *
   * @param bbox {@code minLon, minLat, maxLon, maxLat}
   * @param all include withdrawn, expired and sold-out offers
   */
  public record Query(
      String q,
      String property,
      double[] bbox,
      Instant from,
      Instant to,
      Long maxPrice,
      Product.Kind kind,
      DidKey provider,
      DidKey device,
      boolean all) {
    public static Query everything() {
      return new Query(null, null, null, null, null, null, null, null, null, false);
    }
  }

  /** The offers matching {@code query} at {@code nowMillis}, newest first, as DCAT datasets. */
  public ArrayNode search(Query query, long nowMillis) {
    List<Offer> offers = new ArrayList<>(market.offers());
    offers.sort((a, b) -> Long.compare(b.createdMillis(), a.createdMillis()));
    ArrayNode out = Json.mapper().createArrayNode();
    for (Offer o : offers) {
      if (matches(o, query, nowMillis)) {
        out.add(dataset(o, nowMillis));
      }
    }
    return out;
  }

  /** One offer as a DCAT dataset. */
  public Optional<ObjectNode> offer(String id, long nowMillis) {
    return market.offer(id).map(o -> dataset(o, nowMillis));
  }

  private boolean matches(Offer o, Query q, long now) {
    if (!q.all() && !o.availableAt(now)) {
      return false;
    }
    Product p = o.product();
    if (q.kind() != null && p.kind() != q.kind()) {
      return false;
    }
    if (q.provider() != null && !o.provider().equals(q.provider())) {
      return false;
    }
    if (q.device() != null && !p.devices().contains(q.device())) {
      return false;
    }
    if (q.maxPrice() != null && o.price() > q.maxPrice()) {
      return false;
    }
    if (q.q() != null && !text(o).contains(q.q().toLowerCase(Locale.ROOT))) {
      return false;
    }
    if (q.property() != null && !properties(p).contains(q.property())) {
      return false;
    }
    if (q.bbox() != null && !inBox(p, q.bbox())) {
      return false;
    }
    return overlaps(o, q.from(), q.to());
  }

  private static String text(Offer o) {
    return (o.title() + " " + o.description() + " " + String.join(" ", o.keywords()))
        .toLowerCase(Locale.ROOT);
  }

  private TreeSet<String> properties(Product p) {
    TreeSet<String> out = new TreeSet<>();
    for (DidKey d : p.devices()) {
      ledger
          .device(d)
          .map(Device::schema)
          .ifPresent(s -> s.fieldNames().forEachRemaining(out::add));
    }
    return out;
  }

  private boolean inBox(Product p, double[] box) {
    for (DidKey d : p.devices()) {
      Optional<double[]> at = latLon(d);
      if (at.isPresent()) {
        double lat = at.get()[0];
        double lon = at.get()[1];
        if (lon >= box[0] && lat >= box[1] && lon <= box[2] && lat <= box[3]) {
          return true;
        }
      }
    }
    return false;
  }

  /** The registered {@code [lat, lon]} of a fixed device; empty for a mobile or unknown one. */
  private Optional<double[]> latLon(DidKey device) {
    JsonNode loc = ledger.device(device).map(Device::location).orElse(null);
    if (loc == null || !loc.has("lat") || !loc.has("lon")) {
      return Optional.empty();
    }
    return Optional.of(new double[] {loc.get("lat").asDouble(), loc.get("lon").asDouble()});
  }

  private static boolean overlaps(Offer o, Instant from, Instant to) {
    if (from == null && to == null) {
      return true;
    }
    Product p = o.product();
    // A stream covers the time from the offer on; it has no end until bought.
    Instant start =
        p.kind() == Product.Kind.STREAM ? Instant.ofEpochMilli(o.createdMillis()) : p.from();
    Instant end = p.kind() == Product.Kind.STREAM ? Instant.MAX : p.to();
    return (to == null || start.isBefore(to)) && (from == null || end.isAfter(from));
  }

  private ObjectNode dataset(Offer o, long now) {
    Product p = o.product();
    ObjectNode d = Json.mapper().createObjectNode();
    ObjectNode ctx = d.putObject("@context");
    ctx.put("dcat", "http://www.w3.org/ns/dcat#");
    ctx.put("dct", "http://purl.org/dc/terms/");
    ctx.put("odrl", "http://www.w3.org/ns/odrl/2/");
    ctx.put("msec", "urn:msec:");
    d.put("@id", "urn:msec:offer:" + o.id());
    d.put("@type", "dcat:Dataset");
    d.put("dct:identifier", o.id());
    d.put("dct:title", o.title());
    d.put("dct:description", o.description());
    ArrayNode kw = d.putArray("dcat:keyword");
    o.keywords().forEach(kw::add);
    ArrayNode theme = d.putArray("dcat:theme");
    properties(p).forEach(theme::add);
    d.put("dct:publisher", o.provider().toString());
    d.put("dct:issued", Instant.ofEpochMilli(o.createdMillis()).toString());
    spatial(p).ifPresent(s -> d.set("dct:spatial", s));
    ObjectNode temporal = d.putObject("dct:temporal");
    if (p.kind() == Product.Kind.STREAM) {
      temporal.put("dcat:startDate", Instant.ofEpochMilli(o.createdMillis()).toString());
      temporal.put("msec:period", p.period().toString());
    } else {
      temporal.put("dcat:startDate", p.from().toString());
      temporal.put("dcat:endDate", p.to().toString());
    }
    ObjectNode dist = d.putArray("dcat:distribution").addObject();
    dist.put("@type", "dcat:Distribution");
    dist.put(
        "dcat:mediaType",
        p.kind() == Product.Kind.STREAM ? "text/event-stream" : "application/octet-stream");
    dist.put("dcat:accessURL", "/api/v1/market/licenses/{order}/" + access(p));
    dist.put("msec:encryption", "HPKE X25519/HKDF-SHA256/AES-256-GCM to the buyer's key");
    d.set("odrl:hasPolicy", o.policy().toOdrl());
    d.set("msec:product", p.toJson());
    d.put("msec:price", o.price());
    d.put("msec:units", o.units());
    d.put("msec:sold", o.sold());
    if (o.expiresMillis() > 0) {
      d.put("msec:expires", Instant.ofEpochMilli(o.expiresMillis()).toString());
    }
    d.put("msec:deliveryWindowSeconds", o.deliveryWindowMillis() / 1000);
    d.put("msec:status", status(o, now));
    return d;
  }

  private static String access(Product p) {
    return p.kind() == Product.Kind.STREAM ? "stream" : "bundle";
  }

  private static String status(Offer o, long now) {
    if (o.withdrawn()) {
      return "withdrawn";
    }
    if (o.expiredAt(now)) {
      return "expired";
    }
    return o.soldOut() ? "sold-out" : "available";
  }

  private Optional<ObjectNode> spatial(Product p) {
    double minLat = 90, maxLat = -90, minLon = 180, maxLon = -180;
    boolean any = false;
    for (DidKey d : p.devices()) {
      Optional<double[]> at = latLon(d);
      if (at.isPresent()) {
        double lat = at.get()[0];
        double lon = at.get()[1];
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        any = true;
      }
    }
    if (!any) {
      return Optional.empty();
    }
    ObjectNode s = Json.mapper().createObjectNode();
    s.put("@type", "dct:Location");
    ArrayNode box = s.putArray("dcat:bbox");
    box.add(minLon).add(minLat).add(maxLon).add(maxLat);
    return Optional.of(s);
  }
}
