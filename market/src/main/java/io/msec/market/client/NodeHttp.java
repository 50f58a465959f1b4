package io.msec.market.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.IoFailures;
import io.msec.core.Json;
import io.msec.core.MsecException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON and bytes over a node's HTTP API. An answer of 400 or more becomes a {@link MsecException}
 * with the {@code code} of the node's RFC 9457 problem document ({@code http-<status>} if it sent
 * none); a node that cannot be reached is {@code node-unreachable}. Thread-safe.
 */
final class NodeHttp {
  private static final Logger LOG = LoggerFactory.getLogger(NodeHttp.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final URI base;
  private final HttpClient http;

  NodeHttp(URI base, HttpClient http) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.http = http;
  }

  URI base() {
    return base;
  }

  /** {@code GET path} as JSON; {@code authorization} may be null. */
  JsonNode get(String path, String authorization) {
    HttpResponse<byte[]> r = send(request(path, authorization).GET().build());
    return json(r.body());
  }

  /** {@code GET path} as bytes, for a bundle. */
  byte[] bytes(String path, String authorization) {
    return send(request(path, authorization).GET().build()).body();
  }

  /** {@code POST path} with a JSON body; the answer as JSON. */
  JsonNode post(String path, String body) {
    HttpRequest req =
        request(path, null)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return json(send(req).body());
  }

  /**
   * Opens a long-lived {@code GET} (an event stream): returns once the node has answered with its
   * status, the body still open.
   */
  InputStream open(String path, String authorization) {
    HttpRequest req =
        HttpRequest.newBuilder(uri(path))
            .header("Accept", "text/event-stream")
            .header("Authorization", authorization)
            .GET()
            .build();
    HttpResponse<InputStream> r = call(req, HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() >= 400) {
      try (InputStream in = r.body()) {
        throw problem(req, r.statusCode(), in.readAllBytes());
      } catch (IOException e) {
        throw problem(req, r.statusCode(), new byte[0]);
      }
    }
    return r.body();
  }

  /** {@code path?k=v&...} with every value URL-encoded; null values are left out. */
  static String query(String path, Map<String, String> params) {
    StringJoiner q = new StringJoiner("&", path + "?", "").setEmptyValue(path);
    params.forEach(
        (k, v) -> {
          if (v != null) {
            q.add(encode(k) + "=" + encode(v));
          }
        });
    return q.toString();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(String path, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b.header("Accept", "application/json, application/octet-stream");
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private HttpResponse<byte[]> send(HttpRequest req) {
    HttpResponse<byte[]> r = call(req, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() >= 400) {
      throw problem(req, r.statusCode(), r.body());
    }
    return r;
  }

  private <T> HttpResponse<T> call(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(req, handler);
    } catch (IOException e) {
      throw new MsecException(
          "node-unreachable",
          "cannot reach the node at " + base + ": " + IoFailures.describe(e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MsecException("interrupted", "interrupted while calling " + req.uri().getPath());
    }
  }

  private static MsecException problem(HttpRequest req, int status, byte[] body) {
    String code = "http-" + status;
    String detail = new String(body, StandardCharsets.UTF_8);
    try {
      JsonNode doc = Json.mapper().readTree(body);
      if (doc != null && doc.hasNonNull("code")) {
        code = doc.get("code").asText();
        detail = doc.path("detail").asText(doc.path("title").asText(detail));
      }
    } catch (IOException e) {
      LOG.debug("error answer is not JSON path={} status={}", req.uri().getPath(), status);
    }
    if (detail.isBlank()) {
      detail = "the node answered " + status + " to " + req.method() + " " + req.uri().getPath();
    }
    return new MsecException(code, detail);
  }

  private static JsonNode json(byte[] body) {
    try {
      JsonNode doc = body.length == 0 ? null : Json.mapper().readTree(body);
      return doc == null ? Json.mapper().createObjectNode() : doc;
    } catch (IOException e) {
      throw new MsecException("malformed-answer", "the node answered non-JSON: " + e.getMessage());
    }
  }
}
