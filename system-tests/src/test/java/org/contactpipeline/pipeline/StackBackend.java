package org.contactpipeline.pipeline;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where the integration tests' broker and database run, chosen by one switch, the environment
 * variable {@code STACK_BACKEND}:
 *
 * <ul>
 *   <li>{@code embedded}: the in-process KRaft broker and the embedded PostgreSQL, as the README's
 *       run command starts them;
 *   <li>{@code containers}: Testcontainers' {@code apache/kafka} and {@code postgres} images (the
 *       same images as docker-compose); without a Docker engine every stack test is skipped with
 *       one line;
 *   <li>{@code auto} (the default): containers when a Docker engine answers, embedded otherwise.
 * </ul>
 *
 * The services always run in the test JVM; only the broker and the database move.
 */
enum StackBackend {
  EMBEDDED,
  CONTAINERS;

  static final String KAFKA_IMAGE = "apache/kafka:4.4.0";
  static final String POSTGRES_IMAGE = "postgres:17";

  private static StackBackend chosen;

  /** The backend this JVM's stacks run on; decided once. */
  static synchronized StackBackend chosen() {
    if (chosen == null) {
      String asked =
          System.getenv().getOrDefault("STACK_BACKEND", "auto").strip().toLowerCase(Locale.ROOT);
      boolean docker = !asked.equals("embedded") && dockerAnswers();
      chosen =
          switch (asked) {
            case "embedded" -> EMBEDDED;
            case "containers" -> CONTAINERS;
            case "auto" -> docker ? CONTAINERS : EMBEDDED;
            default ->
                throw new IllegalArgumentException(
                    "STACK_BACKEND must be auto, embedded or containers, was " + asked);
          };
      System.out.println(
          "STACK_BACKEND="
              + asked
              + ": "
              + (chosen == EMBEDDED
                  ? "integration tests run on the embedded backend (in-process KRaft broker, embedded PostgreSQL)"
                      + (asked.equals("auto")
                          ? "; no Docker engine answers, so the container backend is skipped"
                          : "")
                  : docker
                      ? "integration tests run on the container backend ("
                          + KAFKA_IMAGE
                          + ", "
                          + POSTGRES_IMAGE
                          + ")"
                      : "no Docker engine answers: every test that needs a stack is skipped"));
    }
    return chosen;
  }

  /**
   * The stack settings that put a stack on this backend: nothing for embedded, the containers'
   * addresses for containers (started here, stopped with the JVM). Skips the calling test when the
   * containers were asked for and no Docker engine answers.
   */
  Map<String, String> environment() {
    if (this == EMBEDDED) {
      return Map.of();
    }
    Assumptions.assumeTrue(
        dockerAnswers(),
        "STACK_BACKEND=containers but no Docker engine answers: skipping the tests that need a stack");
    KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
    PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE);
    kafka.start();
    postgres.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kafka.stop();
                  postgres.stop();
                },
                "stack-containers-shutdown"));
    return Map.of(
        "STACK_KAFKA_BOOTSTRAP", kafka.getBootstrapServers(),
        "DATABASE_URL", postgres.getJdbcUrl(),
        "DATABASE_USER", postgres.getUsername(),
        "DATABASE_PASSWORD", postgres.getPassword());
  }

  static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
