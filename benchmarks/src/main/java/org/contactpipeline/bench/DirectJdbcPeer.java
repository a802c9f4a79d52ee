package org.contactpipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.contactpipeline.config.DatabaseConfig;

/**
 * The peer the pipeline is measured against: what a user could write in an afternoon to serve
 * establish without Kafka. A JDK HTTP server and a HikariCP pool; each request is one transaction
 * with one {@code INSERT … ON CONFLICT … RETURNING id} per key, on the same PostgreSQL as the
 * pipeline, in a table of its own (primary key and one unique index).
 */
final class DirectJdbcPeer implements AutoCloseable {

  private static final String UPSERT =
      "INSERT INTO peer_contacts (tenant, contact_key) VALUES (?, ?) "
          + "ON CONFLICT (tenant, contact_key) DO UPDATE SET tenant = EXCLUDED.tenant "
          + "RETURNING id, (xmax = 0) AS created";

  private final ObjectMapper json = new ObjectMapper();
  private final HikariDataSource pool;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final String expectedAuthorization;

  private DirectJdbcPeer(
      HikariDataSource pool, HttpServer server, ExecutorService handlers, String token) {
    this.pool = pool;
    this.server = server;
    this.handlers = handlers;
    this.expectedAuthorization = "Bearer " + token;
  }

  /** Creates its table if needed and serves {@code POST /contacts/v1/establish} on a free port. */
  static DirectJdbcPeer start(DatabaseConfig database, String token)
      throws IOException, SQLException {
    HikariConfig config = new HikariConfig();
    config.setPoolName("direct-peer");
    config.setDataSource(database.dataSource());
    config.setMaximumPoolSize(16);
    HikariDataSource pool = new HikariDataSource(config);
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS peer_contacts (id BIGSERIAL PRIMARY KEY, tenant TEXT NOT NULL, "
              + "contact_key TEXT NOT NULL, UNIQUE (tenant, contact_key))");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    ExecutorService handlers = Executors.newFixedThreadPool(64);
    server.setExecutor(handlers);
    DirectJdbcPeer peer = new DirectJdbcPeer(pool, server, handlers, token);
    server.createContext("/contacts/v1/establish", peer::establish);
    server.start();
    return peer;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void establish(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        reply(exchange, 401, "{\"message\":\"Not Authorized\"}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      JsonNode keys = json.readTree(exchange.getRequestBody()).path("contactKeys");
      ArrayNode items = json.createArrayNode();
      try (Connection connection = pool.getConnection()) {
        connection.setAutoCommit(false);
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
          for (int i = 0; i < keys.size(); i++) {
            upsert.setString(1, "demo");
            upsert.setString(2, keys.get(i).asText());
            try (ResultSet row = upsert.executeQuery()) {
              row.next();
              ObjectNode item = items.addObject();
              item.put("requestItemIndex", i);
              item.putObject("value")
                  .put("requestedContactKey", keys.get(i).asText())
                  .put("isNewContact", row.getBoolean(2))
                  .putObject("contactReference")
                  .put("contactID", row.getLong(1));
            }
          }
        }
        connection.commit();
      }
      ArrayNode response = json.createArrayNode();
      response.addObject().set("items", items);
      reply(exchange, 200, json.writeValueAsBytes(response));
    } catch (SQLException | RuntimeException e) {
      reply(
          exchange,
          503,
          ("{\"message\":\"" + e.getClass().getSimpleName() + "\"}")
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
    pool.close();
  }
}
