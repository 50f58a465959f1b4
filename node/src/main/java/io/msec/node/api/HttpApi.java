package io.msec.node.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.msec.bus.Channels;
import io.msec.core.MsecException;
import io.msec.node.NodeConfig;
import io.msec.node.ingest.Ingestor;
import io.msec.node.registry.DeviceRegistry;
import io.msec.twin.ReadingStore;
import io.msec.twin.StoredReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP server: the REST API under {@code /api/v1} (described by {@code
 * /api/v1/openapi.json}), {@code /health}, {@code /metrics} and the dashboard at {@code /}.
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  /** What the API serves. */
  public record Parts(
      DeviceRegistry registry,
      ReadingStore store,
      Ingestor ingestor,
      Channels<StoredReading> live,
      PrometheusMeterRegistry metrics,
      String mqttUri,
      io.msec.ledger.Ledger ledger,
      io.msec.node.chain.Anchorer anchorer,
      io.msec.node.market.MarketService market,
      io.msec.node.market.Reputations reputations) {}

  private final Javalin app;
  private final String url;
  private final EventSenders streams;
  private final CommandRoutes commands;

  private HttpApi(Javalin app, String url, EventSenders streams, CommandRoutes commands) {
    this.app = app;
    this.url = url;
    this.streams = streams;
    this.commands = commands;
  }

  public static HttpApi start(NodeConfig config, Parts parts) {
    DeviceRoutes devices = new DeviceRoutes(parts);
    CommandRoutes commands = new CommandRoutes(config.dataDir(), parts.registry());
    EventSenders streams = new EventSenders();
    DataRoutes data = new DataRoutes(parts, commands, streams);
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.http.maxRequestSize = 1024 * 1024;
              // A known path asked with another method is told so, with the methods it allows.
              cfg.http.prefer405over404 = true;
              cfg.jetty.modifyServer(server -> server.setErrorHandler(new ServerProblems()));
              cfg.staticFiles.add("/dashboard", Location.CLASSPATH);
              errors(cfg);
              // JSON is UTF-8 (RFC 8259); without this, text goes out as ISO-8859-1.
              cfg.routes.before(ctx -> ctx.res().setCharacterEncoding("UTF-8"));
              cfg.routes.get("/health", ctx -> health(ctx, parts));
              cfg.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4")
                          .result(parts.metrics().scrape()));
              cfg.routes.get("/api/v1/openapi.json", HttpApi::openApi);
              cfg.routes.get(
                  "/api/v1/node",
                  ctx -> ctx.json(java.util.Map.of("mqtt", parts.mqttUri(), "api", "/api/v1")));
              devices.register(cfg);
              data.register(cfg);
              commands.register(cfg);
              new LedgerRoutes(parts).register(cfg);
              new MarketRoutes(parts.market(), parts.reputations(), streams).register(cfg);
            });
    try {
      app.start(config.bindAddress(), config.httpPort());
    } catch (RuntimeException e) {
      commands.close();
      throw new MsecException(
          "http-start",
          "cannot listen on "
              + config.bindAddress()
              + ":"
              + config.httpPort()
              + " ("
              + listenFailure(e)
              + "); choose another port with --http-port",
          e);
    }
    String url = "http://" + config.bindAddress() + ":" + app.port();
    LOG.info("http api listening url={}", url);
    return new HttpApi(app, url, streams, commands);
  }

  private static void errors(JavalinConfig cfg) {
    cfg.routes.exception(
        MsecException.class, (e, ctx) -> Problems.write(ctx, e.code(), e.getMessage()));
    cfg.routes.exception(
        Exception.class,
        (e, ctx) -> {
          if (cutOff(e)) {
            // The client went away mid-request: its fault, not the node's, and no trace to log.
            LOG.info("request body cut off by the client path={}", pathOf(ctx));
            Problems.write(ctx, 400, "bad-request", "the request body ended early");
            return;
          }
          LOG.error("request failed path={}", pathOf(ctx), e);
          Problems.write(ctx, 500, "internal", "the node failed to answer; see its log");
        });
    cfg.routes.error(
        404,
        "*",
        ctx -> {
          if (!isProblem(ctx)) {
            Problems.write(ctx, 404, "not-found", "no such resource: " + pathOf(ctx));
          }
        });
    cfg.routes.error(
        405,
        "*",
        ctx -> Problems.write(ctx, 405, "method-not-allowed", "not allowed on " + pathOf(ctx)));
    cfg.routes.error(
        413,
        "*",
        ctx -> {
          if (!isProblem(ctx)) {
            Problems.write(ctx, 413, "too-large", "the request body is too large");
          }
        });
  }

  /** Why Jetty could not listen, in words: Javalin wraps the socket's failure. */
  private static String listenFailure(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.BindException || t instanceof java.io.IOException) {
        return io.msec.core.IoFailures.describe(t);
      }
      if (t.getClass().getSimpleName().equals("JavalinBindException")) {
        return "the port is in use";
      }
    }
    return io.msec.core.IoFailures.describe(e);
  }

  /** Whether {@code e} comes of a request body that ended before its announced length. */
  private static boolean cutOff(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.eclipse.jetty.io.EofException) {
        return true;
      }
    }
    return false;
  }

  private static boolean isProblem(Context ctx) {
    String type = ctx.res().getContentType();
    return type != null && type.startsWith("application/problem+json");
  }

  /** The request's path, or a marker when the request was already recycled by the server. */
  static String pathOf(Context ctx) {
    try {
      return ctx.path();
    } catch (RuntimeException e) {
      return "(request gone)";
    }
  }

  private static void health(Context ctx, Parts parts) {
    ctx.json(
        java.util.Map.of(
            "status", "UP",
            "devices", parts.registry().list().size(),
            "readings", parts.store().count()));
  }

  private static void openApi(Context ctx) throws java.io.IOException {
    try (var in = HttpApi.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new MsecException("internal", "openapi.json missing from the node's resources");
      }
      ctx.contentType("application/json").result(in.readAllBytes());
    }
  }

  public String url() {
    return url;
  }

  @Override
  public void close() {
    // Event streams end first, while their requests still exist.
    streams.close();
    app.stop();
    commands.close();
  }
}
