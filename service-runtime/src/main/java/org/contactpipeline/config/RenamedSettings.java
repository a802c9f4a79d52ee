package org.contactpipeline.config;

import java.util.Map;

/**
 * Settings that were renamed once their names stopped saying what they govern. A deployment that
 * still sets an old name (as a key in the file or as its environment variable) keeps working: the
 * value counts for the new name unless the new name is set too, and the service warns at start.
 */
public final class RenamedSettings {

  /** Old name → new name. */
  public static final Map<String, String> RENAMED =
      Map.of(
          // Every write of every vendor API waits this long, not only establish.
          "establish.response-timeout-ms", "pipeline.response-timeout-ms",
          // The key length limit covers every Marketing Cloud call that takes a contact key.
          "establish.max-key-length", "marketing-cloud.max-key-length",
          "establish.max-keys", "marketing-cloud.establish-max-keys",
          // Kafka Streams' own interval governs every commit now, not only those of a backlog.
          "resolver.backlog-commit-interval-ms", "resolver.commit-interval-ms");

  private RenamedSettings() {}
}
