package org.contactpipeline.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.contactpipeline.stack.StackConfig;

/**
 * The local stack a benchmark runs on: tuned by the environment as usual (e.g.
 * RESOLVER_COMMIT_INTERVAL_MS); only where it lives and listens is the benchmark's own, so it never
 * collides with a stack already running on this machine.
 */
final class BenchStackConfig {

  private BenchStackConfig() {}

  static StackConfig in(Path dataDir) {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(
        Map.of(
            "STACK_DATA_DIR",
            dataDir.toString(),
            "HTTP_PORT",
            "0",
            "STACK_KAFKA_PORT",
            "0",
            "STACK_POSTGRES_PORT",
            "0",
            "STACK_RESOLVER_HEALTH_PORT",
            "0",
            "STACK_SINK_HEALTH_PORT",
            "0",
            // The demo account, and one for the create_bulk path's contacts (a tenant of their
            // own).
            "AUTH_CENDYN_ACCOUNT_TOKENS",
            "demo="
                + StackConfig.DEMO_CENDYN_TOKEN
                + ","
                + BulkPaths.CREATE_BULK_ACCOUNT
                + "="
                + BulkPaths.CREATE_BULK_TOKEN));
    return StackConfig.load(environment);
  }
}
