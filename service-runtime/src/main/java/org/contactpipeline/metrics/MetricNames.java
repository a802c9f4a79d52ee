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

  /** resolver: 1 for the Kafka Streams client's current {@code state}, 0 for every other. */
  public static final String STREAMS_STATE = "contact.streams.state";

  /** Dead-letter reasons: bounded, unlike the messages in the dead letter's own header. */
  public static final String REASON_UNDECODABLE = "undecodable";

  public static final String REASON_REFUSED_BY_DATABASE = "refused_by_database";

  private static final List<String> JDBC_POOL =
      List.of(
          "hikaricp_connections_active",
          "hikaricp_connections_idle",
          "hikaricp_connections_pending",
          "hikaricp_connections_max",
          "hikaricp_connections_acquire_seconds_count",
          "hikaricp_connections_acquire_seconds_sum",
          "hikaricp_connections_timeout_total");

  /** What ingest's {@code /metrics} exports (besides JVM and every other Kafka client metric). */
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
              "kafka_producer_record_send_total",
              "kafka_producer_request_latency_avg",
              "kafka_consumer_fetch_manager_records_consumed_total",
              "kafka_consumer_fetch_manager_records_lag_max"),
          JDBC_POOL);

  /**
   * What the resolver's {@code /metrics} exports (besides JVM and every other Kafka Streams
   * metric).
   */
  public static final List<String> RESOLVER_SERIES =
      List.of(
          "contact_streams_state",
          "kafka_stream_thread_process_rate",
          "kafka_stream_thread_process_total",
          "kafka_stream_thread_commit_latency_avg",
          "kafka_stream_thread_commit_latency_max",
          "kafka_stream_thread_commit_total",
          "kafka_consumer_fetch_manager_records_lag_max",
          "kafka_producer_record_send_total");

  /** What the sink's {@code /metrics} exports (besides JVM and every other Kafka client metric). */
  public static final List<String> SINK_SERIES =
      concat(
          List.of(
              "contact_sink_rows_written_total",
              "contact_sink_batch_size_count",
              "contact_sink_batch_size_sum",
              "contact_sink_batch_size_max",
              "contact_sink_dead_letters_total",
              "contact_sink_results_seen_total",
              "kafka_consumer_fetch_manager_records_lag_max",
              "kafka_consumer_fetch_manager_records_consumed_total",
              "kafka_consumer_coordinator_commit_latency_avg"),
          JDBC_POOL);

  private MetricNames() {}

  /** Every series some service exports: what a dashboard may query. */
  public static List<String> allSeries() {
    return concat(concat(INGEST_SERIES, RESOLVER_SERIES), SINK_SERIES).stream().distinct().toList();
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
  }
}
