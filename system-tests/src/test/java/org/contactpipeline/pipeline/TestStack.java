package org.contactpipeline.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.stack.StackConfig;

/**
 * One real stack (KRaft broker, PostgreSQL, resolver, sink, ingest) shared by every pipeline
 * integration test in the JVM: starting it takes seconds, and tests stay independent by using their
 * own contact keys and tenants. Set {@code DATABASE_URL} (and {@code DATABASE_USER}, {@code
 * DATABASE_PASSWORD}) to run against an external PostgreSQL instead of the embedded one, or {@code
 * STACK_BACKEND} to move broker and database into containers ({@link StackBackend}).
 */
final class TestStack {

  private static LocalStack stack;

  private TestStack() {}

  static synchronized LocalStack get() {
    if (stack == null) {
      stack = LocalStack.start(StackConfig.load(environment()));
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "test-stack-shutdown"));
    }
    return stack;
  }

  private static Map<String, String> environment() {
    Map<String, String> environment = new java.util.HashMap<>();
    for (String passThrough : new String[] {"DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD"}) {
      String value = System.getenv(passThrough);
      if (value != null) {
        environment.put(passThrough, value);
      }
    }
    environment.putAll(StackBackend.chosen().environment());
    environment.put("STACK_DATA_DIR", dataDir().toString());
    environment.put("HTTP_PORT", "0");
    environment.put("STACK_KAFKA_PORT", "0");
    environment.put("STACK_POSTGRES_PORT", "0");
    environment.put("STACK_RESOLVER_HEALTH_PORT", "0");
    environment.put("STACK_SINK_HEALTH_PORT", "0");
    environment.put("AUTH_TENANT_TOKENS", "demo=demo-token,acme=acme-token");
    environment.putAll(StackCredentials.ENVIRONMENT);
    // Generous on a busy 2-core CI machine: a slow answer is not what these tests are about.
    environment.put("PIPELINE_RESPONSE_TIMEOUT_MS", "30000");
    return environment;
  }

  private static Path dataDir() {
    try {
      return Files.createTempDirectory("contact-pipeline-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
