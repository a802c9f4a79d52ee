package org.contactpipeline.sink;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.contactpipeline.callbacks.CallbackPolicy;
import org.contactpipeline.config.ConfigException;
import org.contactpipeline.config.ConsumerGroups;
import org.contactpipeline.config.Settings;

/**
 * Settings of the sink's part in asynchronous jobs: recording them, announcing them, delivering
 * their callbacks and forgetting them.
 *
 * @param groupId consumer group of the job recorder ({@code contact.jobs})
 * @param itemsGroupId consumer group of the job item recorder ({@code contact.results})
 * @param pollInterval how often the announcer and the callback deliverer look for work they were
 *     not told about (another instance's, or left by a crash); this instance's own completions wake
 *     them at once
 * @param retention how long a job is kept after it was accepted
 * @param retentionSweepInterval how often the retention sweep runs
 * @param callbacks how callbacks are delivered
 */
public record JobsConfig(
    String groupId,
    String itemsGroupId,
    Duration pollInterval,
    Duration retention,
    Duration retentionSweepInterval,
    Callbacks callbacks) {

  /**
   * @param policy which URLs may be called back, checked before every attempt
   * @param signingSecret the key of the HMAC signature each delivery carries; empty for unsigned
   *     deliveries
   * @param maxAttempts attempts before a callback is given up
   * @param backoff the waits between attempts
   * @param connectTimeout how long an attempt waits for a connection
   * @param requestTimeout how long an attempt waits for the answer
   */
  public record Callbacks(
      CallbackPolicy policy,
      Optional<String> signingSecret,
      int maxAttempts,
      CallbackBackoff backoff,
      Duration connectTimeout,
      Duration requestTimeout) {

    /** Never printed: a record's generated text would show the secret. */
    @Override
    public String toString() {
      return "Callbacks[policy="
          + policy
          + ", signed="
          + signingSecret.isPresent()
          + ", maxAttempts="
          + maxAttempts
          + ", backoff="
          + backoff
          + ", connectTimeout="
          + connectTimeout
          + ", requestTimeout="
          + requestTimeout
          + "]";
    }

    /**
     * How long a claimed attempt keeps other instances off the callback: longer than an attempt can
     * take, so that only a crashed instance's claim expires.
     */
    public Duration lease() {
      return connectTimeout.plus(requestTimeout).plusSeconds(5);
    }
  }

  static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("jobs.group-id", ConsumerGroups.SINK_JOBS),
          Map.entry("jobs.items-group-id", ConsumerGroups.SINK_JOB_ITEMS),
          Map.entry("jobs.poll-interval-ms", "1000"),
          // iVvy keeps a batch's results 2 days; a week leaves room to investigate.
          Map.entry("jobs.retention-hours", "168"),
          Map.entry("jobs.retention-sweep-interval-ms", "600000"),
          // Blank: any public host. Shared with ingest-service, which checks at submission.
          Map.entry("jobs.callback.allowed-hosts", ""),
          Map.entry("jobs.callback.allow-private-addresses", "false"),
          // Empty: deliveries are not signed, and the sink warns once at start.
          Map.entry("jobs.callback.signing-secret", ""),
          Map.entry("jobs.callback.max-attempts", "16"),
          Map.entry("jobs.callback.first-backoff-ms", "1000"),
          Map.entry("jobs.callback.max-backoff-ms", "300000"),
          Map.entry("jobs.callback.connect-timeout-ms", "5000"),
          Map.entry("jobs.callback.request-timeout-ms", "10000"));

  static JobsConfig from(Settings settings) {
    Duration firstBackoff = settings.millis("jobs.callback.first-backoff-ms");
    Duration maxBackoff = settings.millis("jobs.callback.max-backoff-ms");
    if (maxBackoff.compareTo(firstBackoff) < 0) {
      throw new ConfigException(
          "jobs.callback.max-backoff-ms", "must not be less than jobs.callback.first-backoff-ms");
    }
    String secret = settings.string("jobs.callback.signing-secret");
    return new JobsConfig(
        settings.string("jobs.group-id"),
        settings.string("jobs.items-group-id"),
        settings.millis("jobs.poll-interval-ms"),
        Duration.ofHours(settings.positiveInteger("jobs.retention-hours")),
        settings.millis("jobs.retention-sweep-interval-ms"),
        new Callbacks(
            CallbackPolicy.of(
                settings.string("jobs.callback.allowed-hosts"),
                settings.bool("jobs.callback.allow-private-addresses")),
            secret.isEmpty() ? Optional.empty() : Optional.of(secret),
            settings.positiveInteger("jobs.callback.max-attempts"),
            new CallbackBackoff(firstBackoff, maxBackoff),
            settings.millis("jobs.callback.connect-timeout-ms"),
            settings.millis("jobs.callback.request-timeout-ms")));
  }
}
