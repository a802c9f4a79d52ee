package org.contactpipeline.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.stack.StackConfig;

/**
 * A second real stack, shared by the integration tests of the Confluent wire format: the same parts
 * as {@link TestStack} plus Apicurio Registry on its PostgreSQL ({@code
 * STACK_SCHEMA_REGISTRY=apicurio}), so every topic's values are Confluent-framed. Started on first
 * use, closed with the JVM.
 */
final class RegistryStack {

  private static LocalStack stack;

  private RegistryStack() {}

  static synchronized LocalStack get() {
    if (stack == null) {
      Map<String, String> environment = new HashMap<>();
      try {
        environment.put(
            "STACK_DATA_DIR", Files.createTempDirectory("contact-pipeline-registry-it").toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      environment.putAll(StackBackend.chosen().environment());
      environment.put("STACK_SCHEMA_REGISTRY", StackConfig.APICURIO);
      environment.put("STACK_SCHEMA_REGISTRY_PORT", "0");
      environment.put("HTTP_PORT", "0");
      environment.put("STACK_KAFKA_PORT", "0");
      environment.put("STACK_POSTGRES_PORT", "0");
      environment.put("STACK_RESOLVER_HEALTH_PORT", "0");
      environment.put("STACK_SINK_HEALTH_PORT", "0");
      environment.put("AUTH_TENANT_TOKENS", "demo=demo-token,acme=acme-token");
      environment.put("PIPELINE_RESPONSE_TIMEOUT_MS", "30000");
      stack = LocalStack.start(StackConfig.load(environment));
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "registry-stack-shutdown"));
    }
    return stack;
  }

  static String registryUrl() {
    return get().schemaRegistryUrl().orElseThrow();
  }
}
