package org.contactpipeline.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A receiver of job callbacks on the loopback address, for the tests: records every request it
 * gets, per path, and answers each path with the statuses it was told (then 200).
 */
public final class CallbackReceiver implements AutoCloseable {

  /** One request as it arrived. */
  public record Received(String path, Map<String, List<String>> headers, byte[] body) {

    public Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .flatMap(entry -> entry.getValue().stream())
          .findFirst();
    }
  }

  private final HttpServer server;
  private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
  private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();

  private CallbackReceiver(HttpServer server) {
    this.server = server;
  }

  public static CallbackReceiver start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    CallbackReceiver receiver = new CallbackReceiver(server);
    server.createContext("/", receiver::handle);
    server.start();
    return receiver;
  }

  /** The URL of {@code path} on this receiver. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Answers the next requests to {@code path} with these statuses, in order, then 200. */
  public void answer(String path, Integer... statuses) {
    answers.put(path, new ArrayDeque<>(List.of(statuses)));
  }

  /** Every request to {@code path} so far, in arrival order. */
  public List<Received> received(String path) {
    List<Received> requests = received.get(path);
    if (requests == null) {
      return List.of();
    }
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    List<Received> requests = received.computeIfAbsent(path, p -> new ArrayList<>());
    synchronized (requests) {
      requests.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
    }
    Deque<Integer> queued = answers.get(path);
    Integer status = queued == null ? null : queued.poll();
    int answer = status == null ? 200 : status;
    if (answer >= 300 && answer < 400) {
      exchange.getResponseHeaders().add("Location", url(path + "/moved"));
    }
    exchange.sendResponseHeaders(answer, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
