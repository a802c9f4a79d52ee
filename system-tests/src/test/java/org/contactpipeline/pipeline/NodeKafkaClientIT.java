package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.contactpipeline.stack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The guide's non-Java client ({@code src/test/node/confluent-client.js}: kafkajs and avsc, nothing
 * of this project) publishes a command in Confluent framing with a single-object key and reads its
 * result back by the registry alone, against the stack with a schema registry.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NodeKafkaClientIT {

  @Test
  void shouldEstablishAContactFromKafkajsAndReadTheResultBack() throws Exception {
    NodeClients.requireInstalled("the kafkajs client of the guide");
    LocalStack stack = RegistryStack.get();
    String key = "node-" + UUID.randomUUID() + "@example.com";

    JsonNode result = runClient(stack, key);

    assertThat(result.get("outcome").asText()).isEqualTo("RESOLVED");
    assertThat(result.get("newContact").asBoolean()).isTrue();
    assertThat(result.get("schemaId").asInt())
        .isEqualTo(
            new ConfluentFormatReader(RegistryStack.registryUrl())
                .latestId("contact.results-value"));
    // The same key over HTTP is the same contact: the key bytes from JavaScript reached its owner
    // partition.
    long overHttp = new Api(stack.httpUrl(), "demo-token").establishIds(List.of(key)).get(key);
    assertThat(result.get("contactId").asLong()).isEqualTo(overHttp);
  }

  private static JsonNode runClient(LocalStack stack, String key)
      throws IOException, InterruptedException {
    java.nio.file.Path errors =
        java.nio.file.Path.of("target", "confluent-client-js.err").toAbsolutePath();
    ProcessBuilder builder =
        new ProcessBuilder("node", "confluent-client.js")
            .directory(NodeClients.DIR.toFile())
            .redirectError(errors.toFile());
    builder.environment().put("BOOTSTRAP", stack.bootstrapServers());
    builder.environment().put("SCHEMA_REGISTRY_URL", RegistryStack.registryUrl());
    builder.environment().put("TENANT", "demo");
    builder.environment().put("CONTACT_KEY", key);
    Process node = builder.start();
    try {
      assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("the node client finished").isTrue();
      String output =
          new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(node.exitValue())
          .as(
              "node exit status; output: %s; errors: %s",
              output, java.nio.file.Files.readString(errors))
          .isZero();
      String[] lines = output.split("\n");
      return Api.JSON.readTree(lines[lines.length - 1]);
    } finally {
      node.destroy();
    }
  }
}
