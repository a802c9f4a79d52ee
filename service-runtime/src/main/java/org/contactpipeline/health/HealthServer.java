package org.contactpipeline.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.contactpipeline.metrics.ServiceMetrics;

/**
 * The health endpoints of a service that has no HTTP server of its own (the resolver, the sink), on
 * a small port for its supervisor: {@code /health/live} answers 200 while the process works (no
 * dead Streams or consumer thread; a supervisor restarts it otherwise) and {@code /health/ready}
 * (alias {@code /health}) answers 200 when it also does its job (Streams RUNNING, the database
 * answering). 503 otherwise, with each check's detail as JSON. With a metrics source it also serves
 * {@code /metrics} (Prometheus text format) on the same port, so one port per service is what a
 * supervisor and Prometheus need to know. The JDK's own server: one more web framework would be too
 * much for three GETs.
 */
public final class HealthServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;

  private HealthServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * @param port TCP port on every interface (supervisors probe from outside a container), 0 for a
   *     free one
   * @param live what must hold for the process to be worth keeping
   * @param ready what must hold for it to be doing its job
   */
  public static HealthServer start(int port, List<HealthCheck> live, List<HealthCheck> ready) {
    return start(new InetSocketAddress(port), live, ready, null);
  }

  /**
   * @param address where to listen (the local stack binds 127.0.0.1)
   * @param metrics the Prometheus text served at {@code /metrics}, or null for no such endpoint
   */
  public static HealthServer start(
      InetSocketAddress address,
      List<HealthCheck> live,
      List<HealthCheck> ready,
      Supplier<String> metrics) {
    int port = address.getPort();
    try {
      HttpServer server = HttpServer.create(address, 0);
      List<HealthCheck> liveChecks = List.copyOf(live);
      List<HealthCheck> readyChecks = List.copyOf(ready);
      server.createContext("/health/live", exchange -> answer(exchange, liveChecks));
      server.createContext("/health/ready", exchange -> answer(exchange, readyChecks));
      server.createContext(
          "/health",
          exchange -> {
            if (exchange.getRequestURI().getPath().equals("/health")) {
              answer(exchange, readyChecks);
            } else {
              send(exchange, 404, "{\"status\":\"NOT_FOUND\"}");
            }
          });
      if (metrics != null) {
        server.createContext(
            "/metrics",
            exchange -> {
              if (exchange.getRequestURI().getPath().equals("/metrics")) {
                send(exchange, 200, ServiceMetrics.CONTENT_TYPE, metrics.get());
              } else {
                send(exchange, 404, "{\"status\":\"NOT_FOUND\"}");
              }
            });
      }
      // One daemon thread: probes are rare and cheap, and must never keep a dying JVM alive.
      ExecutorService executor =
          Executors.newSingleThreadExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "health-server");
                thread.setDaemon(true);
                return thread;
              });
      server.setExecutor(executor);
      server.start();
      return new HealthServer(server, executor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the health port " + port, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, List<HealthCheck> checks) throws IOException {
    HealthReport report = HealthReport.of(checks);
    send(exchange, report.ready() ? 200 : 503, report.json());
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    send(exchange, status, "application/json", json);
  }

  private static void send(HttpExchange exchange, int status, String contentType, String text)
      throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
