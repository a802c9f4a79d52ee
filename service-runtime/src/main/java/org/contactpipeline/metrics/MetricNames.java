package org.contactpipeline.metrics;

import java.util.List;

/**
 * The one list of the pipeline's metric names: the Micrometer names the code records under, and the
 * Prometheus series each service is known to export. The Grafana dashboard may query only series
 * listed here ({@code DashboardSeriesTest}), and the local stack's metrics test scrapes every
 * service and requires each series listed for it ({@code MetricsIT}), so the dashboard cannot name
 * a series that no service writes.
 */
public final class MetricNames {

  /**
   * ingest: every HTTP request, by {@code api}, {@code method}, route template {@code route},
   * {@code status} class.
   */
  public static final String HTTP_REQUESTS = "contact.http.requests";

  /** ingest: commands Kafka accepted, by {@code action}. */
  public static final String COMMANDS_PUBLISHED = "contact.commands.published";

  /** ingest: results gathered for the requests it answers, by {@code outcome}. */
  public static final String RESULTS_RECEIVED = "contact.results.received";

  /**
   * ingest: accepted → answered (or given up), by {@code outcome}: answered, timed_out,
   * not_accepted.
   */
  public static final String REQUEST_LATENCY = "contact.request.latency";

  /** ingest: requests whose results did not all arrive within the response timeout. */
  public static final String GATHER_TIMEOUTS = "contact.gather.timeouts";

  /**
   * sink: rows written to PostgreSQL, by {@code consumer} (changelog-materializer,
   * operation-recorder).
   */
  public static final String ROWS_WRITTEN = "contact.sink.rows.written";

  /** sink: items per database transaction, by {@code consumer}. */
  public static final String BATCH_SIZE = "contact.sink.batch.size";

  /**
   * sink: records sent to the dead-letter topic, by {@code consumer} and bounded {@code reason}.
   */
  public static final String DEAD_LETTERS = "contact.sink.dead.letters";

  /**
   * sink: every result on contact.results the operation recorder read, by {@code action} (from the
   * header).
   */
  public static final String RESULTS_SEEN = "contact.sink.results.seen";

  /**
   * sink: database transactions that failed, by {@code consumer} and {@code kind}: {@link
   * #KIND_TRANSIENT} (the poll is retried with backoff: PostgreSQL away or failing) or {@link
   * #KIND_PERMANENT} (data the table refuses; the batch is written record by record and the refused
   * ones are dead-lettered).
   */
  public static final String DATABASE_ERRORS = "contact.sink.database.errors";

  public static final String KIND_TRANSIENT = "transient";

  public static final String KIND_PERMANENT = "permanent";

  /**
   * sink: 1 while the thread of a {@code consumer} (changelog-materializer, operation-recorder,
   * job-recorder, job-item-recorder, job-announcer, callback-deliverer, job-retention) runs, 0 once
   * it stopped.
   */
  public static final String CONSUMER_RUNNING = "contact.sink.consumer.running";

  /** sink: asynchronous jobs that became complete (all their items recorded). */
  public static final String JOBS_COMPLETED = "contact.sink.jobs.completed";

  /** sink: finished jobs whose ContactJobResult was written to contact.job-results. */
  public static final String JOBS_ANNOUNCED = "contact.sink.jobs.announced";

  /**
   * sink: attempts to deliver a job's callback, by {@code result}: {@link #CALLBACK_DELIVERED} (a
   * 2xx answer), {@link #CALLBACK_RETRIED} (a failure that may heal; tried again later) or {@link
   * #CALLBACK_FAILED} (given up: refused by the policy, a final error answer, or out of attempts).
   */
  public static final String CALLBACKS = "contact.sink.callbacks";

  public static final String CALLBACK_DELIVERED = "delivered";

  public static final String CALLBACK_RETRIED = "retried";

  public static final String CALLBACK_FAILED = "failed";

  /** resolver: 1 for the Kafka Streams client's current {@code state}, 0 for every other. */
  public static final String STREAMS_STATE = "contact.streams.state";

  /** resolver: commands sent to the dead-letter topic, by bounded {@code reason}. */
  public static final String RESOLVER_DEAD_LETTERS = "contact.resolver.dead.letters";

  /**
   * ingest: requests answered 429, by {@code tenant} (authenticated, so as many as are configured)
   * and {@code limit}: {@link #LIMIT_TENANT_RATE} or {@link #LIMIT_IN_FLIGHT}.
   */
  public static final String REQUESTS_THROTTLED = "contact.requests.throttled";

  public static final String LIMIT_TENANT_RATE = "tenant_rate";

  public static final String LIMIT_IN_FLIGHT = "in_flight";

  /** Dead-letter reasons: bounded, unlike the messages in the dead letter's own header. */
  public static final String REASON_UNDECODABLE = "undecodable";

  public static final String REASON_REFUSED_BY_DATABASE = "refused_by_database";

  /** resolver: a command that fails validation (a blank key, an action without its data...). */
  public static final String REASON_INVALID_COMMAND = "invalid_command";

  /** resolver: a record keyed by another ContactKey than its command's. */
  public static final String REASON_KEY_MISMATCH = "key_mismatch";

  /** resolver: a command on a partition that does not own its key or contact ID. */
  public static final String REASON_WRONG_PARTITION = "wrong_partition";

  /** Every reason the resolver dead-letters for. */
  public static final List<String> RESOLVER_DEAD_LETTER_REASONS =
      List.of(
          REASON_UNDECODABLE, REASON_INVALID_COMMAND, REASON_KEY_MISMATCH, REASON_WRONG_PARTITION);

  /**
   * What every service's {@code /metrics} exports about its JVM and process ({@link
   * ServiceMetrics#create}): the series the dashboard and the alerts use.
   */
  public static final List<String> JVM_SERIES =
      List.of(
          "jvm_memory_used_bytes",
          "jvm_memory_committed_bytes",
          "jvm_memory_max_bytes",
          "jvm_gc_pause_seconds_count",
          "jvm_gc_pause_seconds_sum",
          "jvm_gc_pause_seconds_max",
          "jvm_gc_overhead",
          "jvm_threads_live_threads",
          "jvm_classes_loaded_classes",
          "process_cpu_usage",
          "process_uptime_seconds",
          "process_files_open_files",
          "process_files_max_files");

  private static final List<String> JDBC_POOL =
      List.of(
          "hikaricp_connections_active",
          "hikaricp_connections_idle",
          "hikaricp_connections_pending",
          "hikaricp_connections_max",
          "hikaricp_connections_acquire_seconds_count",
          "hikaricp_connections_acquire_seconds_sum",
          "hikaricp_connections_timeout_total");

  /** What ingest's {@code /metrics} exports (besides every other JVM and Kafka client metric). */
  public static final List<String> INGEST_SERIES =
      concat(
          List.of(
              "contact_http_requests_seconds_count",
              "contact_http_requests_seconds_sum",
              "contact_http_requests_seconds_bucket",
              "contact_commands_published_total",
              "contact_results_received_total",
              "contact_request_latency_seconds_count",
              "contact_request_latency_seconds_sum",
              "contact_request_latency_seconds_bucket",
              "contact_gather_timeouts_total",
              "contact_requests_throttled_total",
              "kafka_producer_record_send_total",
              "kafka_producer_request_latency_avg",
              "kafka_consumer_fetch_manager_records_consumed_total",
              "kafka_consumer_fetch_manager_records_lag_max"),
          JDBC_POOL,
          JVM_SERIES);

  /**
   * What the resolver's {@code /metrics} exports (besides every other JVM and Kafka Streams
   * metric).
   */
  public static final List<String> RESOLVER_SERIES =
      concat(
          List.of(
              "contact_streams_state",
              "contact_resolver_dead_letters_total",
              "kafka_stream_thread_process_rate",
              "kafka_stream_thread_process_total",
              "kafka_stream_thread_commit_latency_avg",
              "kafka_stream_thread_commit_latency_max",
              "kafka_stream_thread_commit_total",
              "kafka_consumer_fetch_manager_records_lag_max",
              "kafka_producer_record_send_total"),
          JVM_SERIES);

  /** What the sink's {@code /metrics} exports (besides every other JVM and Kafka client metric). */
  public static final List<String> SINK_SERIES =
      concat(
          List.of(
              "contact_sink_rows_written_total",
              "contact_sink_batch_size_count",
              "contact_sink_batch_size_sum",
              "contact_sink_batch_size_max",
              "contact_sink_dead_letters_total",
              "contact_sink_database_errors_total",
              "contact_sink_consumer_running",
              "contact_sink_results_seen_total",
              "contact_sink_jobs_completed_total",
              "contact_sink_jobs_announced_total",
              "contact_sink_callbacks_total",
              "kafka_consumer_fetch_manager_records_lag_max",
              "kafka_consumer_fetch_manager_records_consumed_total",
              "kafka_consumer_coordinator_commit_latency_avg"),
          JDBC_POOL,
          JVM_SERIES);

  private MetricNames() {}

  /** Every series some service exports: what a dashboard may query. */
  public static List<String> allSeries() {
    return concat(concat(INGEST_SERIES, RESOLVER_SERIES), SINK_SERIES).stream().distinct().toList();
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }
}
