package io.msec.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.msec.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Chromium showing one page, driven over the DevTools protocol on a loopback port: a
 * test reads the live DOM with {@link #eval} and takes a screenshot of the 1280×900 viewport.
 * {@link #close} ends the browser and all its processes.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(30);
  private static final long CALL_SECONDS = 15;
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 900;
  private static final String BLANK = "about:blank";

  private final Process process;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final StringBuilder frame = new StringBuilder();
  private final List<String> errors = new CopyOnWriteArrayList<>();

  private HeadlessChromium(Process process, URI page) throws Exception {
    this.process = process;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(page, new Listener())
            .get(CALL_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Starts {@code chromium} with a fresh profile in {@code profile}, sets a 1280×900 viewport and
   * opens {@code url}; Chromium's output goes to a log file beside the profile.
   */
  static HeadlessChromium open(Path chromium, String url, Path profile) throws Exception {
    Files.createDirectories(profile);
    Path log = profile.resolveSibling(profile.getFileName() + ".log");
    // Chromium keeps its singleton socket under TMPDIR: inside the profile, it goes with it.
    Path tmp = Files.createDirectories(profile.resolve("tmp"));
    ProcessBuilder builder =
        new ProcessBuilder(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--window-size=" + WIDTH + "," + HEIGHT,
                BLANK)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("TMPDIR", tmp.toString());
    Process process = builder.start();
    HeadlessChromium browser = null;
    try {
      browser = new HeadlessChromium(process, pageSocket(devToolsPort(process, profile, log)));
      browser.show(url);
      return browser;
    } catch (Exception | AssertionError e) {
      if (browser != null) {
        browser.close();
      } else {
        kill(process);
      }
      throw e;
    }
  }

  /** Fixes the viewport (the window size alone leaves it shorter by the window's frame). */
  private void show(String url) throws Exception {
    ObjectNode metrics = Json.mapper().createObjectNode();
    metrics.put("width", WIDTH).put("height", HEIGHT).put("deviceScaleFactor", 1);
    call("Emulation.setDeviceMetricsOverride", metrics.put("mobile", false));
    call("Runtime.enable", Json.mapper().createObjectNode());
    call("Log.enable", Json.mapper().createObjectNode());
    call("Page.navigate", Json.mapper().createObjectNode().put("url", url));
  }

  /** Chromium writes the port it chose into the profile once it listens. */
  private static int devToolsPort(Process process, Path profile, Path log) throws Exception {
    Path file = profile.resolve("DevToolsActivePort");
    await()
        .atMost(START)
        .until(
            () -> !process.isAlive() || Files.exists(file) && Files.readAllLines(file).size() > 1);
    assertThat(process.isAlive())
        .as("chromium exited early; its output is in %s:%n%s", log, tail(log))
        .isTrue();
    return Integer.parseInt(Files.readAllLines(file).get(0).strip());
  }

  private static URI pageSocket(int port) {
    HttpClient http = HttpClient.newHttpClient();
    URI list = URI.create("http://127.0.0.1:" + port + "/json/list");
    String[] socket = new String[1];
    await()
        .atMost(START)
        .until(
            () -> {
              String body =
                  http.send(
                          HttpRequest.newBuilder(list).build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body();
              for (JsonNode target : Json.mapper().readTree(body)) {
                if ("page".equals(target.path("type").asText())
                    && BLANK.equals(target.path("url").asText())) {
                  socket[0] = target.path("webSocketDebuggerUrl").asText();
                  return true;
                }
              }
              return false;
            });
    return URI.create(socket[0]);
  }

  /**
   * The value of a JavaScript expression in the page, as text ("null" for null or undefined); a
   * promise is awaited.
   */
  String eval(String expression) throws Exception {
    ObjectNode params = Json.mapper().createObjectNode();
    params.put("expression", expression).put("returnByValue", true).put("awaitPromise", true);
    JsonNode result = call("Runtime.evaluate", params);
    if (result.has("exceptionDetails")) {
      throw new AssertionError(
          "page threw on " + expression + ": " + result.get("exceptionDetails"));
    }
    JsonNode value = result.path("result").path("value");
    return value.isMissingNode() || value.isNull() ? "null" : value.asText();
  }

  /** The rendered text of the first element matching a CSS selector, or "null" if none does. */
  String text(String selector) throws Exception {
    String quoted = TextNode.valueOf(selector).toString();
    return eval(
        "(() => { const e = document.querySelector("
            + quoted
            + "); return e && e.innerText.trim(); })()");
  }

  /** Writes a PNG of the viewport to {@code file}. */
  void screenshot(Path file) throws Exception {
    ObjectNode params = Json.mapper().createObjectNode().put("format", "png");
    JsonNode result = call("Page.captureScreenshot", params);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(result.get("data").asText()));
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = Json.mapper().createObjectNode();
    message.put("id", id).put("method", method).set("params", params);
    socket.sendText(message.toString(), true).get(CALL_SECONDS, TimeUnit.SECONDS);
    JsonNode reply = answer.get(CALL_SECONDS, TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new AssertionError(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  /**
   * What went wrong in the page so far: uncaught exceptions, console errors, and errors the browser
   * logged (a failed request, for one).
   */
  List<String> errors() {
    return List.copyOf(errors);
  }

  private void event(JsonNode message) {
    JsonNode params = message.path("params");
    switch (message.path("method").asText()) {
      case "Runtime.exceptionThrown" -> errors.add(params.path("exceptionDetails").toString());
      case "Runtime.consoleAPICalled" -> {
        if ("error".equals(params.path("type").asText())) {
          errors.add("console.error " + params.path("args"));
        }
      }
      case "Log.entryAdded" -> {
        if ("error".equals(params.path("entry").path("level").asText())) {
          errors.add(
              params.path("entry").path("text").asText()
                  + " "
                  + params.path("entry").path("url").asText());
        }
      }
      default -> {}
    }
  }

  /** Collects each DevTools message: completes the call it answers, or records the event. */
  private final class Listener implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      frame.append(data);
      if (last) {
        try {
          JsonNode message = Json.mapper().readTree(frame.toString());
          CompletableFuture<JsonNode> waiting = pending.remove(message.path("id").asInt(-1));
          if (waiting != null) {
            waiting.complete(message);
          } else if (message.has("method")) {
            event(message);
          }
        } catch (Exception e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
        frame.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  @Override
  public void close() {
    socket.abort();
    kill(process);
  }

  private static void kill(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (Exception e) {
      return "(unreadable: " + e + ")";
    }
  }
}
