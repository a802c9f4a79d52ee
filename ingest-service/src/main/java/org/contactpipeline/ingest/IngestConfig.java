package org.contactpipeline.ingest;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.contactpipeline.callbacks.CallbackPolicy;
import org.contactpipeline.config.ConsumerGroups;
import org.contactpipeline.config.DatabaseConfig;
import org.contactpipeline.config.Settings;
import org.contactpipeline.ingest.auth.Credentials;
import org.contactpipeline.ingest.http.BackpressureLimits;
import org.contactpipeline.ingest.http.HttpsListener;
import org.contactpipeline.ingest.http.TenantTokens;
import org.contactpipeline.schemas.WireFormat;

/**
 * Settings of ingest-service, read once at start.
 *
 * @param instanceId names this instance as the {@code replyTo} of its commands; the resolver puts
 *     their results on the partition of {@code contact.results} it hashes to, so it must differ
 *     between instances (the default is random per start)
 * @param maxKeysPerRequest largest {@code contactKeys} array establish accepts
 * @param maxValuesPerRequest most values a Marketing Cloud delete or email search takes
 * @param maxKeyLength longest contact key establish accepts, in characters
 * @param responseTimeout how long a write waits for all its results before answering with a timeout
 *     error (the commands are processed regardless)
 * @param healthGroups consumer groups {@code /health} requires to be stable with members when
 *     ingest runs on its own: the resolver, the materializer and the operation recorder (an
 *     embedding stack checks those parts directly instead)
 * @param database where sink-service materializes contacts; ingest only reads it (lookups, lists,
 *     delete status)
 * @param ivvyDefinitions a JSON file with each tenant's iVvy custom field definitions and
 *     companies; empty for the built-in demo definitions
 * @param backpressure when requests are answered 429 at once (too many in flight, a tenant too
 *     fast)
 * @param credentials each vendor's own credentials (OAuth clients, iVvy keys, Cendyn account
 *     tokens) beside the static {@code tenantTokens}
 * @param https an optional TLS listener beside {@code httpPort} (off unless a keystore is named)
 * @param wireFormat how commands are written and results read (Confluent framing when {@code
 *     SCHEMA_REGISTRY_URL} is set)
 * @param callbacks which callback URLs an asynchronous job may name (Cendyn {@code webhook_url},
 *     iVvy {@code callbackUrl}); checked when the job is submitted
 */
public record IngestConfig(
    int httpPort,
    String instanceId,
    TenantTokens tenantTokens,
    int maxKeysPerRequest,
    int maxValuesPerRequest,
    int maxKeyLength,
    Duration responseTimeout,
    List<String> healthGroups,
    DatabaseConfig database,
    String ivvyDefinitions,
    Map<String, Object> kafkaClient,
    BackpressureLimits backpressure,
    Credentials credentials,
    HttpsListener https,
    WireFormat wireFormat,
    CallbackPolicy callbacks) {

  public static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("kafka.bootstrap.servers", "localhost:9092"),
          Map.entry("http.port", "8080"),
          // HTTPS beside HTTP, for clients that speak only TLS (sfmc-sdk): off while no keystore is
          // named.
          Map.entry("https.port", "8443"),
          Map.entry("https.host", ""),
          Map.entry(HttpsListener.KEYSTORE, ""),
          Map.entry("https.keystore-password", ""),
          Map.entry("ingest.instance-id", ""),
          Map.entry("auth.tenant-tokens", ""),
          Map.entry("marketing-cloud.establish-max-keys", "1000"),
          Map.entry("marketing-cloud.max-values", "100"),
          Map.entry("marketing-cloud.max-key-length", "254"),
          Map.entry("pipeline.response-timeout-ms", "10000"),
          Map.entry("health.consumer-groups", String.join(",", ConsumerGroups.PIPELINE)),
          // Empty: Avro single-object encoding. A URL: Confluent framing with that registry's ids.
          Map.entry("schema.registry.url", ""),
          Map.entry("database.url", "jdbc:postgresql://localhost:5432/contacts"),
          Map.entry("database.user", "contacts"),
          Map.entry("database.password", ""),
          Map.entry("ivvy.definitions-file", ""),
          // Backpressure: past this many requests in flight, or a tenant's requests per second
          // (0: unlimited; per tenant as demo=50,acme=10), answer 429 at once instead of a late
          // 504.
          Map.entry("backpressure.max-in-flight", "256"),
          Map.entry("backpressure.rate-per-second", "0"),
          Map.entry("backpressure.tenant-rates", ""),
          Map.entry("backpressure.retry-after-seconds", "1"),
          // Vendors' own authentication (README, "Authentication"). Secrets come from CONFIG_FILE
          // or the
          // environment; the defaults configure none.
          Map.entry("auth.marketing-cloud.clients", ""),
          Map.entry("auth.token-signing-keys", ""),
          Map.entry("auth.token-lifetime-seconds", "1200"),
          Map.entry("http.public-base-url", ""),
          Map.entry("auth.ivvy.keys", ""),
          Map.entry("auth.cendyn.account-tokens", ""),
          Map.entry("auth.failed-logins.per-client", "10"),
          Map.entry("auth.failed-logins.per-source", "50"),
          Map.entry("auth.failed-logins.window-seconds", "60"),
          Map.entry("jobs.callback.allowed-hosts", ""),
          Map.entry("jobs.callback.allow-private-addresses", "false"));

  public IngestConfig {
    healthGroups = List.copyOf(healthGroups);
    kafkaClient = Map.copyOf(kafkaClient);
  }

  public static IngestConfig from(Settings settings) {
    String instanceId = settings.string("ingest.instance-id");
    return new IngestConfig(
        settings.integer("http.port"),
        instanceId.isEmpty() ? "ingest-" + UUID.randomUUID() : instanceId,
        TenantTokens.parse(settings.string("auth.tenant-tokens")),
        settings.positiveInteger("marketing-cloud.establish-max-keys"),
        settings.positiveInteger("marketing-cloud.max-values"),
        settings.positiveInteger("marketing-cloud.max-key-length"),
        settings.millis("pipeline.response-timeout-ms"),
        Arrays.stream(settings.string("health.consumer-groups").split(","))
            .map(String::strip)
            .filter(id -> !id.isEmpty())
            .toList(),
        DatabaseConfig.from(settings),
        settings.string("ivvy.definitions-file"),
        settings.kafkaClientProperties(),
        new BackpressureLimits(
            settings.integer("backpressure.max-in-flight"),
            settings.integer("backpressure.rate-per-second"),
            BackpressureLimits.parseRates(
                "backpressure.tenant-rates", settings.string("backpressure.tenant-rates")),
            settings.positiveInteger("backpressure.retry-after-seconds")),
        Credentials.from(settings),
        HttpsListener.from(settings),
        WireFormat.forRegistry(settings.string("schema.registry.url")),
        CallbackPolicy.of(
            settings.string("jobs.callback.allowed-hosts"),
            settings.bool("jobs.callback.allow-private-addresses")));
  }

  /**
   * This config with another HTTP port and instance id, e.g. for a second instance in one JVM; an
   * HTTPS listener moves to any free port, since two instances cannot share one.
   */
  public IngestConfig withInstance(int port, String id) {
    HttpsListener movedHttps =
        https.enabled()
            ? new HttpsListener(https.host(), 0, https.keystore(), https.password())
            : https;
    return new IngestConfig(
        port,
        id,
        tenantTokens,
        maxKeysPerRequest,
        maxValuesPerRequest,
        maxKeyLength,
        responseTimeout,
        healthGroups,
        database,
        ivvyDefinitions,
        kafkaClient,
        backpressure,
        credentials,
        movedHttps,
        wireFormat,
        callbacks);
  }
}
