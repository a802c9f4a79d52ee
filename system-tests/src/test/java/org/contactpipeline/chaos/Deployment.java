package org.contactpipeline.chaos;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Environments of the three services as a deployment sets them, one builder per service, so the
 * classpath test, the chaos test and the scale-out benchmark start them the same way.
 */
final class Deployment {

  static final String TOKEN = "demo-token";
  static final String TENANT = "demo";

  private final String bootstrap;
  private final String databaseUrl;
  private final String databaseUser;
  private final int commandsPartitions;
  private final Path dir;
  private final ChildJvm.Tuning tuning;

  /** The chaos test's deployment: every service, in small JVMs sharing two cores. */
  Deployment(
      String bootstrap, String databaseUrl, String databaseUser, int commandsPartitions, Path dir) {
    this(
        bootstrap,
        databaseUrl,
        databaseUser,
        commandsPartitions,
        dir,
        ChildJvm.Tuning.sharedCores("256m"));
  }

  private Deployment(
      String bootstrap,
      String databaseUrl,
      String databaseUser,
      int commandsPartitions,
      Path dir,
      ChildJvm.Tuning tuning) {
    this.bootstrap = bootstrap;
    this.databaseUrl = databaseUrl;
    this.databaseUser = databaseUser;
    this.commandsPartitions = commandsPartitions;
    this.dir = dir;
    this.tuning = tuning;
  }

  /** Resolvers only, in JVMs so tuned: no database, so {@link #sink} and {@link #ingest} refuse. */
  static Deployment resolvers(
      String bootstrap, int commandsPartitions, Path dir, ChildJvm.Tuning tuning) {
    return new Deployment(bootstrap, null, null, commandsPartitions, dir, tuning);
  }

  /** A resolver instance with its own identity and a state directory that survives its kills. */
  ServiceJvm resolver(String instanceId, int healthPort, Map<String, String> extra) {
    Map<String, String> env = common(extra);
    env.put("RESOLVER_INSTANCE_ID", instanceId);
    env.put("RESOLVER_STATE_DIR", dir.resolve(instanceId + "-state").toString());
    env.put("HEALTH_PORT", Integer.toString(healthPort));
    return new ServiceJvm(
        instanceId,
        "resolver",
        "org.contactpipeline.resolver.ResolverService",
        healthPort,
        env,
        dir,
        tuning);
  }

  /** The sink, under a stable instance id as its manifests give it (static membership). */
  ServiceJvm sink(int healthPort, Map<String, String> extra) {
    Map<String, String> env = common(extra);
    env.put("SINK_INSTANCE_ID", "sink-1");
    env.put("HEALTH_PORT", Integer.toString(healthPort));
    database(env);
    return new ServiceJvm(
        "sink", "sink", "org.contactpipeline.sink.SinkService", healthPort, env, dir, tuning);
  }

  ServiceJvm ingest(int httpPort, Map<String, String> extra) {
    Map<String, String> env = common(extra);
    env.put("HTTP_PORT", Integer.toString(httpPort));
    env.put("INGEST_INSTANCE_ID", "ingest-1");
    env.put("AUTH_TENANT_TOKENS", TENANT + "=" + TOKEN);
    database(env);
    return new ServiceJvm(
        "ingest", "ingest", "org.contactpipeline.ingest.IngestService", httpPort, env, dir, tuning);
  }

  private Map<String, String> common(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("COMMANDS_PARTITIONS", Integer.toString(commandsPartitions));
    env.putAll(extra);
    return env;
  }

  private void database(Map<String, String> env) {
    if (databaseUrl == null) {
      throw new IllegalStateException("a deployment of resolvers only has no database");
    }
    env.put("DATABASE_URL", databaseUrl);
    env.put("DATABASE_USER", databaseUser);
    env.put("DATABASE_PASSWORD", "");
  }
}
