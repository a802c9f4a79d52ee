package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.contactpipeline.deploy.TopicLayout;
import org.contactpipeline.stack.FreePort;
import org.contactpipeline.stack.LocalKafka;
import org.contactpipeline.stack.LocalPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each service starts, and becomes ready, from exactly its own module's jar and runtime classpath
 * ({@code target/runtime-classpath.txt}, written by maven-dependency-plugin at package time), in a
 * JVM of its own. A single-JVM stack or an image with one shared lib folder hides a dependency with
 * the wrong scope (sink-service once died with NoClassDefFoundError on jackson-databind, which a
 * test scope had taken from Flyway); this does not. The logging backend comes with that classpath
 * too: nothing is added to it.
 */
class ServiceClasspathIT {

  private static final Duration READY = Duration.ofSeconds(120);

  @Test
  @Timeout(240)
  void shouldStartEveryServiceFromItsOwnRuntimeClasspath() throws Exception {
    Path dir = Files.createTempDirectory("service-classpath-it");
    try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 0);
        LocalPostgres postgres = LocalPostgres.start(dir.resolve("postgres"), 0)) {
      TopicLayout.ensureTopics(
          Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()), 4, 4);
      Deployment deployment =
          new Deployment(kafka.bootstrapServers(), postgres.jdbcUrl(), postgres.user(), 4, dir);
      try (ServiceJvm resolver = deployment.resolver("resolver-a", FreePort.pick(), Map.of());
          ServiceJvm sink = deployment.sink(FreePort.pick(), Map.of());
          ServiceJvm ingest = deployment.ingest(FreePort.pick(), Map.of())) {
        for (ServiceJvm service : List.of(resolver, sink, ingest)) {
          assertThat(
                  ServiceJvm.runtimeClasspath(
                      service == resolver ? "resolver" : service == sink ? "sink" : "ingest"))
              .doesNotContain("target/test-classes")
              .doesNotContain("junit");
          service.start();
        }
        for (ServiceJvm service : List.of(resolver, sink, ingest)) {
          service.awaitReady(READY);
          assertThat(service.isLive()).as(service.name() + " live").isTrue();
          assertThat(service.isAlive()).as(service.name() + " still running").isTrue();
          assertThat(Files.readString(service.log()))
              .as(service.name() + " log")
              .doesNotContain("NoClassDefFoundError")
              .doesNotContain("ClassNotFoundException")
              // SLF4J warns so when it finds no logging backend, or more than one; Logback so
              // when its configuration has a problem.
              .doesNotContain("SLF4J(W)")
              .doesNotContain("|-WARN in ")
              .doesNotContain("|-ERROR in ");
        }
      }
    }
  }
}
