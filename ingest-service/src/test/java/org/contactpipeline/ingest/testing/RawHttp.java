package org.contactpipeline.ingest.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket to 127.0.0.1, for requests no HTTP client will send (a NUL in a
 * header, a broken chunked body, a declared length the body never reaches) and for proving an
 * answer comes within a deadline rather than after the server's idle timeout.
 */
public final class RawHttp {

  private RawHttp() {}

  /** One answer as it came off the socket; header names lower-cased. */
  public record Reply(int status, Map<String, String> headers, String body, Duration took) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Writes {@code request} (keeping the connection open, or half-closing it when {@code
   * closeAfterWriting}) and reads one answer; fails with {@link SocketTimeoutException} if it is
   * not complete within {@code timeout}.
   */
  public static Reply exchange(
      int port, byte[] request, boolean closeAfterWriting, Duration timeout) throws IOException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
      // Written beside the reading: a server may answer (413) and close before taking a whole body,
      // and a client that only reads once it has written everything never sees that answer.
      Thread writer =
          new Thread(() -> write(socket, request, closeAfterWriting), "raw-http-writer");
      writer.setDaemon(true);
      writer.start();
      try {
        return read(socket, start, deadline);
      } finally {
        socket.close();
        joinQuietly(writer);
      }
    }
  }

  private static void write(Socket socket, byte[] request, boolean closeAfterWriting) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      if (closeAfterWriting) {
        socket.shutdownOutput();
      }
    } catch (IOException refused) {
      // The server stopped reading (it has answered, or will); the answer is what is tested.
    }
  }

  private static void joinQuietly(Thread writer) {
    try {
      writer.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Reply read(Socket socket, long start, long deadline) throws IOException {
    Reader in = new Reader(socket, deadline);
    String head = in.head();
    String[] lines = head.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    int status = Integer.parseInt(statusLine[1]);
    byte[] body;
    if (headers.containsKey("content-length")) {
      body = in.exactly(Integer.parseInt(headers.get("content-length")));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = in.chunked();
    } else if (status == 204 || status == 304) {
      body = new byte[0];
    } else {
      body = in.toEnd();
    }
    return new Reply(
        status,
        headers,
        new String(body, StandardCharsets.UTF_8),
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** {@code text} as ISO-8859-1 bytes, so every char below 256 is exactly one byte on the wire. */
  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Reads from a socket, never past a deadline. */
  private static final class Reader {

    private final Socket socket;
    private final InputStream in;
    private final long deadline;

    Reader(Socket socket, long deadline) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.deadline = deadline;
    }

    int read() throws IOException {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new SocketTimeoutException("no complete answer before the deadline");
      }
      socket.setSoTimeout((int) left);
      return in.read();
    }

    String head() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = read();
        if (b < 0) {
          throw new IOException(
              "connection closed before an answer: " + head.toString(StandardCharsets.ISO_8859_1));
        }
        head.write(b);
        matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return head.toString(StandardCharsets.ISO_8859_1);
    }

    byte[] exactly(int length) throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream(length);
      for (int i = 0; i < length; i++) {
        int b = read();
        if (b < 0) {
          throw new IOException("connection closed after " + i + " of " + length + " body bytes");
        }
        body.write(b);
      }
      return body.toByteArray();
    }

    byte[] chunked() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String size = line();
        int semicolon = size.indexOf(';');
        int length =
            Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
        if (length == 0) {
          while (!line().isEmpty()) {
            // trailers, if any
          }
          return body.toByteArray();
        }
        body.writeBytes(exactly(length));
        line();
      }
    }

    byte[] toEnd() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (int b = read(); b >= 0; b = read()) {
        body.write(b);
      }
      return body.toByteArray();
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int b = read(); b != '\n'; b = read()) {
        if (b < 0) {
          throw new IOException("connection closed inside a chunked body");
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      return line.toString();
    }
  }
}
