package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.stack.StackConfig;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The container backend on its own, whatever STACK_BACKEND says: the services on Testcontainers'
 * {@code apache/kafka} and {@code postgres}, a contact established over HTTP and materialized.
 * Skipped with one line where no Docker engine answers (as on the development machines).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ContainerBackendIT {

  @Test
  void shouldEstablishAndMaterializeAContactOnBrokerAndDatabaseInContainers() throws Exception {
    Assumptions.assumeTrue(
        StackBackend.dockerAnswers(),
        "no Docker engine answers: skipping the Testcontainers backend (apache/kafka, postgres)");
    Map<String, String> environment = new HashMap<>(StackBackend.CONTAINERS.environment());
    environment.put(
        "STACK_DATA_DIR", Files.createTempDirectory("contact-pipeline-containers").toString());
    environment.put("HTTP_PORT", "0");
    environment.put("STACK_RESOLVER_HEALTH_PORT", "0");
    environment.put("STACK_SINK_HEALTH_PORT", "0");
    environment.put("AUTH_TENANT_TOKENS", "demo=demo-token");
    try (LocalStack stack = LocalStack.start(StackConfig.load(environment))) {
      String key = "containers-" + UUID.randomUUID();
      long id = new Api(stack.httpUrl(), "demo-token").establishIds(List.of(key)).get(key);

      ContactsTable table = new ContactsTable(stack.services());
      Map<String, ContactsTable.Row> rows =
          Poll.until(
              Duration.ofSeconds(60),
              () -> table.rowsOf("demo", 0),
              found -> found.containsKey(key));
      assertThat(rows.get(key).contactId()).isEqualTo(id);
      assertThat(stack.bootstrapServers()).isEqualTo(environment.get("STACK_KAFKA_BOOTSTRAP"));
    }
  }
}
