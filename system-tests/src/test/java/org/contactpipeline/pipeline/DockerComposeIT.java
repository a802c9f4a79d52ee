package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.contactpipeline.guide.ChangelogReader;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * {@code docker-compose.yml} itself, brought up as a newcomer would ({@code docker compose up
 * --build}): broker, topic creation, Confluent Schema Registry and schema-init, PostgreSQL and the
 * three services built from the Dockerfile; then a contact established through ingest, its golden
 * record's subject in the registry, and what a user on the host reads: the golden record through
 * the broker's host listener ({@code localhost:9092}) with the Kafka clients guide's reader, and
 * its row as the read-only role. Needs a Docker engine with Compose on this machine (the host
 * listener and the database are published on its loopback); skipped with one line without one
 * ({@code DockerComposeFileTest} checks the file statically everywhere). It publishes the file's
 * host ports (8080, 8081, 9092, 5432, 9090, 9093, 3000), which must be free.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class DockerComposeIT {

  private static final Duration BUILD_AND_START = Duration.ofMinutes(25);

  @Test
  void shouldEstablishAContactThroughTheComposeStack() throws SQLException {
    Assumptions.assumeTrue(
        StackBackend.dockerAnswers(),
        "no Docker engine answers: skipping the docker-compose.yml run (DockerComposeFileTest checks it statically)");
    try (ComposeContainer compose =
        new ComposeContainer(new File("../docker-compose.yml"))
            .withBuild(true)
            .withExposedService(
                "ingest",
                8080,
                Wait.forHttp("/health/ready")
                    .forStatusCode(200)
                    .withStartupTimeout(BUILD_AND_START))
            .withExposedService(
                "schema-registry",
                8081,
                Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(BUILD_AND_START))) {
      compose.start();
      String ingest =
          "http://"
              + compose.getServiceHost("ingest", 8080)
              + ":"
              + compose.getServicePort("ingest", 8080);
      String registry =
          "http://"
              + compose.getServiceHost("schema-registry", 8081)
              + ":"
              + compose.getServicePort("schema-registry", 8081);
      Api api = new Api(ingest, "demo-token");
      String key = "compose-" + UUID.randomUUID();

      long id = api.establishIds(List.of(key)).get(key);

      assertThat(id).isPositive();
      assertThat(api.establishIds(List.of(key)).get(key))
          .as("the same key, the same contact")
          .isEqualTo(id);
      assertThat(new ConfluentFormatReader(registry).get("/subjects").toString())
          .contains("contact.changelog-value", "contact.commands-value", "contact.results-value");

      // Poll fails the test with the last value read when the deadline passes.
      String golden = "contact " + id + " demo/" + key + " version 1 ";
      Poll.until(
          Duration.ofMinutes(1),
          () ->
              ChangelogReader.read(
                  "localhost:9092",
                  registry,
                  "compose-host-reader-" + UUID.randomUUID(),
                  Duration.ofSeconds(3)),
          lines -> lines.stream().anyMatch(line -> line.startsWith(golden)));
      try (Connection reader =
          DriverManager.getConnection(
              "jdbc:postgresql://localhost:5432/contacts",
              "contacts_reader",
              System.getenv().getOrDefault("CONTACTS_READER_PASSWORD", "demo-reader-password"))) {
        Poll.until(Duration.ofMinutes(1), () -> contactIdOf(reader, key), found -> found == id);
        assertThatThrownBy(() -> reader.createStatement().executeUpdate("DELETE FROM contacts"))
            .as("the reader role may not write")
            .isInstanceOf(SQLException.class);
      }
    }
  }

  /** The contact ID of the demo tenant's row for {@code key}, or -1 while there is none. */
  private static Long contactIdOf(Connection reader, String key) {
    try (PreparedStatement query =
        reader.prepareStatement(
            "SELECT contact_id FROM contacts WHERE tenant = 'demo' AND contact_key = ?")) {
      query.setString(1, key);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getLong(1) : -1L;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
