package org.contactpipeline.stack;

import java.nio.file.Path;
import java.util.Map;
import org.contactpipeline.config.Settings;

/**
 * Settings of the local stack. Everything defaults to a working system on one machine; the
 * services' own settings (see their config records) pass through unchanged.
 *
 * @param dataDir where broker, database and Streams state live; a second start reuses them
 * @param externalDatabaseUrl a PostgreSQL JDBC URL to use instead of the embedded server, or empty
 * @param externalKafka bootstrap servers of a broker to use instead of the in-process one, or empty
 * @param schemaRegistry {@code off} (the default: Avro single-object encoding, unless {@code
 *     SCHEMA_REGISTRY_URL} names a registry of your own) or {@code apicurio}: run Apicurio Registry
 *     on the stack's PostgreSQL and write every topic's values in Confluent framing
 * @param schemaRegistryPort where that registry listens on 127.0.0.1 (0: any free port)
 * @param schemaRegistryJar the registry's jar; empty for the one the schema-registry module builds
 */
public record StackConfig(
    Path dataDir,
    int httpPort,
    int kafkaPort,
    int postgresPort,
    String externalDatabaseUrl,
    String externalKafka,
    int commandsPartitions,
    int otherPartitions,
    String schemaRegistry,
    int schemaRegistryPort,
    String schemaRegistryJar,
    Settings services) {

  /** {@code STACK_SCHEMA_REGISTRY=apicurio}: the stack runs its own schema registry. */
  public static final String APICURIO = "apicurio";

  public StackConfig {
    if (!schemaRegistry.equals("off") && !schemaRegistry.equals(APICURIO)) {
      throw new org.contactpipeline.config.ConfigException(
          "stack.schema-registry", "must be off or " + APICURIO + ", was '" + schemaRegistry + "'");
    }
  }

  public boolean runsSchemaRegistry() {
    return schemaRegistry.equals(APICURIO);
  }

  /** Demo credentials: tenant {@code demo}, token {@code demo-token}. Not for production. */
  public static final String DEMO_TENANT_TOKENS = "demo=demo-token";

  /**
   * Demo Marketing Cloud client of tenant {@code demo}: {@code demo-client} / {@code demo-secret},
   * MID {@value #DEMO_MID}, with the Contacts API's read and write scopes. The secret is stored as
   * its hash, as real ones must be. Not for production.
   */
  public static final String DEMO_CLIENT_ID = "demo-client";

  public static final String DEMO_CLIENT_SECRET = "demo-secret";
  public static final String DEMO_MID = "12345";
  public static final String DEMO_CLIENTS =
      DEMO_CLIENT_ID
          + "=demo:"
          + DEMO_MID
          + ":pbkdf2-sha256.100000.kO4lLgX_lh4GkMwZ-1TgTA.k0oPn0B9GLssEfeBlrhJYw2zHTTaGH5zcd_VO1igduY"
          + ":list_and_subscribers_read list_and_subscribers_write";

  /**
   * Demo key that signs access tokens; anyone who knows it can mint tokens, so never in production.
   */
  public static final String DEMO_SIGNING_KEY = "demo-signing-key-not-for-production-0123456789";

  /** Demo iVvy API key and secret of tenant {@code demo}. Not for production. */
  public static final String DEMO_IVVY_KEY = "demo-ivvy-key";

  public static final String DEMO_IVVY_SECRET = "demo-ivvy-secret";

  /** Demo Cendyn account {@code demo} and its token. Not for production. */
  public static final String DEMO_CENDYN_TOKEN = "demo-cendyn-token";

  /**
   * Demo key that signs job callbacks (X-Contact-Pipeline-Signature); anyone who knows it can forge
   * them, so never in production.
   */
  public static final String DEMO_CALLBACK_SIGNING_SECRET =
      "demo-callback-signing-secret-not-for-production";

  public static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("stack.data-dir", ".local-stack"),
          Map.entry("http.port", "8080"),
          Map.entry("stack.kafka-port", "9092"),
          Map.entry("stack.postgres-port", "15432"),
          // The resolver's and the sink's health and /metrics, as in docker-compose (each its own
          // port).
          Map.entry("stack.resolver-health-port", "8081"),
          Map.entry("stack.sink-health-port", "8082"),
          Map.entry("database.url", ""),
          // Empty: the in-process KRaft broker. Bootstrap servers: that broker instead (e.g. a
          // container).
          Map.entry("stack.kafka-bootstrap", ""),
          Map.entry("database.user", "postgres"),
          Map.entry("database.password", ""),
          Map.entry("commands.partitions", "12"),
          Map.entry("stack.other-partitions", "12"),
          Map.entry("stack.schema-registry", "off"),
          Map.entry("stack.schema-registry-port", "8085"),
          Map.entry("stack.schema-registry-jar", ""),
          Map.entry("auth.tenant-tokens", DEMO_TENANT_TOKENS),
          Map.entry("auth.marketing-cloud.clients", DEMO_CLIENTS),
          Map.entry("auth.token-signing-keys", DEMO_SIGNING_KEY),
          Map.entry("auth.ivvy.keys", DEMO_IVVY_KEY + "=demo:" + DEMO_IVVY_SECRET),
          Map.entry("auth.cendyn.account-tokens", "demo=" + DEMO_CENDYN_TOKEN),
          // A demo on one machine calls back a receiver on that machine (ingest and the sink
          // both read it).
          Map.entry("jobs.callback.allow-private-addresses", "true"),
          Map.entry("jobs.callback.signing-secret", DEMO_CALLBACK_SIGNING_SECRET));

  public static StackConfig from(Settings settings) {
    return new StackConfig(
        Path.of(settings.string("stack.data-dir")).toAbsolutePath(),
        settings.integer("http.port"),
        settings.integer("stack.kafka-port"),
        settings.integer("stack.postgres-port"),
        settings.string("database.url"),
        settings.string("stack.kafka-bootstrap"),
        settings.positiveInteger("commands.partitions"),
        settings.positiveInteger("stack.other-partitions"),
        settings.string("stack.schema-registry").toLowerCase(java.util.Locale.ROOT),
        settings.integer("stack.schema-registry-port"),
        settings.string("stack.schema-registry-jar"),
        settings);
  }

  /** Defaults of the stack and of every service, then CONFIG_FILE, then the environment. */
  public static StackConfig load(Map<String, String> environment) {
    Map<String, String> defaults = new java.util.TreeMap<>();
    defaults.putAll(org.contactpipeline.resolver.ResolverConfig.DEFAULTS);
    defaults.putAll(org.contactpipeline.sink.SinkConfig.DEFAULTS);
    defaults.putAll(org.contactpipeline.ingest.IngestConfig.DEFAULTS);
    defaults.putAll(DEFAULTS);
    return from(Settings.layer(defaults, environment));
  }
}
