package io.msec.node.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine;

/**
 * A {@code --node} option: an http or https URL with a host, e.g. {@code http://127.0.0.1:8080}.
 */
final class NodeAddress implements CommandLine.ITypeConverter<URI> {
  @Override
  public URI convert(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new CommandLine.TypeConversionException(
          "'" + text + "' is not a URL like http://127.0.0.1:8080");
    }
    String scheme = uri.getScheme();
    if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
        || uri.getHost() == null
        || uri.getPort() > 65_535
        || !(uri.getRawPath() == null
            || uri.getRawPath().isEmpty()
            || uri.getRawPath().equals("/"))) {
      throw new CommandLine.TypeConversionException(
          "'"
              + text
              + "' is not an http(s) URL of a host and a port up to 65535, without a path,"
              + " like http://127.0.0.1:8080");
    }
    return uri;
  }
}
