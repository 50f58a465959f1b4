package io.msec.node.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP server's own refusals, made before a request reaches the API (a URL or headers too long,
 * a request line it cannot parse), answered as problem documents like every other refusal of the
 * node rather than as Jetty's HTML page.
 */
final class ServerProblems extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int status,
      String message,
      Throwable cause,
      Callback callback) {
    String code =
        switch (status) {
          case 413 -> "too-large";
          case 414 -> "uri-too-long";
          case 431 -> "headers-too-large";
          default -> status >= 500 ? "internal" : "bad-request";
        };
    String detail =
        switch (status) {
          case 414 -> "the request URL is too long";
          case 431 -> "the request headers are too large";
          default -> message == null ? "the server refused the request" : message;
        };
    byte[] body =
        Problems.document(status, code, detail, null).toString().getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.TYPE + ";charset=utf-8");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
