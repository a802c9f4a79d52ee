package org.contactpipeline.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.contactpipeline.config.Settings;
import org.contactpipeline.logging.ServiceLogging;
import org.contactpipeline.schemas.registry.SchemaInit;
import org.contactpipeline.schemas.registry.SchemaRegistryClient;
import org.contactpipeline.schemas.registry.SchemaRegistryUnavailableException;
import org.contactpipeline.schemas.registry.Subject;
import org.contactpipeline.schemas.registry.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code schema-init} deployment step as a process ({@link SchemaInit} does the work): reads
 * its settings like every service, waits for the registry, and exits 0 only when every released
 * schema is registered.
 */
public final class SchemaInitMain {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaInitMain.class);

  private SchemaInitMain() {}

  /**
   * Runs against {@code SCHEMA_REGISTRY_URL}, waiting up to {@code SCHEMA_INIT_TIMEOUT_SECONDS}
   * (120) for the registry to answer; exits non-zero when it cannot finish, so that a deployment
   * gated on it (docker-compose's {@code service_completed_successfully}) does not go on.
   */
  public static void main(String[] args) {
    ServiceLogging.identify("schema-init");
    Settings settings =
        Settings.load(Map.of("schema.registry.url", "", "schema-init.timeout-seconds", "120"));
    String url = settings.string("schema.registry.url");
    if (url.isEmpty()) {
      System.err.println("schema-init: SCHEMA_REGISTRY_URL is not set");
      System.exit(2);
    }
    SchemaRegistryClient registry = SchemaRegistryClient.at(url);
    long deadline =
        System.nanoTime()
            + Duration.ofSeconds(settings.positiveInteger("schema-init.timeout-seconds")).toNanos();
    while (true) {
      try {
        Map<Subject, List<Integer>> registered = SchemaInit.run(registry);
        registered.forEach(
            (subject, ids) ->
                System.out.println(
                    "schema-init: " + subject + " ids " + ids + ", " + Subjects.COMPATIBILITY));
        System.exit(0);
      } catch (SchemaRegistryUnavailableException e) {
        if (System.nanoTime() > deadline) {
          System.err.println("schema-init: " + e.getMessage());
          System.exit(1);
        }
        LOG.info("waiting for the schema registry at {}: {}", registry.url(), e.getMessage());
        sleep(Duration.ofSeconds(1));
      } catch (RuntimeException e) {
        System.err.println("schema-init: " + e.getMessage());
        System.exit(1);
      }
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(1);
    }
  }
}
