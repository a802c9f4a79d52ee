package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * {@code docker-compose.yml} itself, brought up as a newcomer would ({@code docker compose up
 * --build}): broker, topic creation, Confluent Schema Registry and schema-init, PostgreSQL and the
 * three services built from the Dockerfile; then a contact established through ingest and its
 * golden record's subject in the registry. Needs a Docker engine with Compose; skipped with one
 * line without one ({@code DockerComposeFileTest} checks the file statically everywhere). It
 * publishes the file's host ports (8080, 8081, 9090, 3000), which must be free.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class DockerComposeIT {

  private static final Duration BUILD_AND_START = Duration.ofMinutes(25);

  @Test
  void shouldEstablishAContactThroughTheComposeStack() {
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
    }
  }
}
