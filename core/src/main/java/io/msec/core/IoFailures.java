package io.msec.core;

import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Map;

/**
 * Says in words what went wrong with a file or a connection, for messages a person reads: "no such
 * file" rather than {@code java.nio.file.NoSuchFileException: /path}, "connection refused" rather
 * than {@code java.net.ConnectException}.
 */
public final class IoFailures {
  /** Checked in order: the file system's own kinds before the {@link FileSystemException}. */
  private static final List<Map.Entry<Class<? extends Throwable>, String>> WORDS =
      List.of(
          Map.entry(NoSuchFileException.class, "no such file or directory"),
          Map.entry(AccessDeniedException.class, "permission denied"),
          Map.entry(FileAlreadyExistsException.class, "it already exists"),
          Map.entry(NotDirectoryException.class, "not a directory"),
          Map.entry(DirectoryNotEmptyException.class, "the directory is not empty"),
          Map.entry(ConnectException.class, "connection refused"),
          Map.entry(BindException.class, "the address is in use or not available"),
          Map.entry(NoRouteToHostException.class, "no route to host"),
          Map.entry(HttpTimeoutException.class, "timed out"),
          Map.entry(UnknownHostException.class, "unknown host"),
          Map.entry(UnresolvedAddressException.class, "unknown host"));

  private IoFailures() {}

  /** What {@code e} means, without the path or address the caller's message already names. */
  public static String describe(Throwable e) {
    // Wrappers (the HTTP client's among them) often carry no message; their causes say more.
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String known = known(t);
      if (known != null) {
        return known;
      }
    }
    Throwable deepest = e;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      deepest = t;
      String m = t.getMessage();
      // A wrapper made from its cause alone repeats the cause's class name: not words.
      boolean ownWords = t.getCause() == null || !t.getCause().toString().equals(m);
      if (m != null && !m.isBlank() && ownWords) {
        return lower(m);
      }
    }
    return words(deepest.getClass().getSimpleName());
  }

  private static String known(Throwable t) {
    for (Map.Entry<Class<? extends Throwable>, String> w : WORDS) {
      if (w.getKey().isInstance(t)) {
        return w.getValue();
      }
    }
    if (t instanceof FileSystemException f) {
      return f.getReason() != null ? lower(f.getReason()) : "file system error";
    }
    return null;
  }

  private static String lower(String s) {
    return s.length() > 1
            && Character.isUpperCase(s.charAt(0))
            && Character.isLowerCase(s.charAt(1))
        ? Character.toLowerCase(s.charAt(0)) + s.substring(1)
        : s;
  }

  /** {@code EOFException} → "eof", {@code SocketTimeoutException} → "socket timeout". */
  private static String words(String className) {
    String base =
        className.endsWith("Exception")
            ? className.substring(0, className.length() - 9)
            : className;
    return base.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }
}
