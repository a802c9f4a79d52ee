package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.contactpipeline.metrics.MetricNames;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every service's {@code /metrics} on the real stack, scraped before and during real traffic
 * through all three APIs: the series the dashboard relies on ({@link MetricNames}) are there, and
 * the ones that count work move. The last scrapes are kept under target/ for a reader.
 */
class MetricsIT {

  private static final Duration MOVE_TIMEOUT = Duration.ofSeconds(60);

  private static LocalStack stack;
  private static Api api;

  @BeforeAll
  static void startStack() {
    stack = TestStack.get();
    api = new Api(stack.httpUrl(), "demo-token");
  }

  @Test
  @Timeout(120)
  void shouldMoveIngestSeriesPerApiRouteTemplateAndOutcome() throws IOException {
    Scrape before = Scrape.of(stack.ingestMetricsUrl());
    String key = "metrics-it-" + UUID.randomUUID() + "@example.com";

    api.establishIds(List.of(key));
    // The read side is materialized asynchronously: poll until the lookup finds the contact.
    Poll.until(
        MOVE_TIMEOUT,
        () -> api.get("/contacts/v1/contacts/key:" + key).status(),
        status -> status == 200);
    assertThat(
            api.post(
                    "/api/1.0/contact?action=addOrUpdateContact",
                    "{\"firstName\":\"Metric\",\"lastName\":\"Series\",\"email\":\"ivvy-"
                        + key
                        + "\"}")
                .status())
        .isEqualTo(200);
    assertThat(
            api.cendyn("POST", "/v2/account/demo/contact/", "{\"email\":\"cendyn-" + key + "\"}")
                .status())
        .isEqualTo(201);
    assertThat(api.send("GET", "/contacts/v1/attributeSetDefinitions", null, null).status())
        .isEqualTo(401);

    Scrape after =
        Poll.until(
            MOVE_TIMEOUT,
            () -> Scrape.of(stack.ingestMetricsUrl()),
            moved(before, "contact_http_requests_seconds_count", "api=\"cendyn\"", "status=\"2xx\"")
                // The GC pause timer appears with the first collection after the service started.
                .and(scrape -> scrape.names().containsAll(MetricNames.INGEST_SERIES)));
    keep("ingest", after);

    assertThat(after.names()).containsAll(MetricNames.INGEST_SERIES);
    assertMoved(
        before,
        after,
        "contact_http_requests_seconds_count",
        "api=\"marketing-cloud\"",
        "route=\"/contacts/v1/establish\"",
        "status=\"2xx\"");
    assertMoved(
        before,
        after,
        "contact_http_requests_seconds_count",
        "route=\"/contacts/v1/contacts/{reference}\"");
    assertMoved(
        before,
        after,
        "contact_http_requests_seconds_count",
        "api=\"ivvy\"",
        "route=\"/api/1.0/contact\"");
    assertMoved(
        before,
        after,
        "contact_http_requests_seconds_count",
        "api=\"cendyn\"",
        "route=\"/v2/account/{account_id}/contact\"",
        "status=\"2xx\"");
    // Refused before any route matched: tagged with its API's pattern, not its path.
    assertMoved(
        before,
        after,
        "contact_http_requests_seconds_count",
        "api=\"marketing-cloud\"",
        "status=\"4xx\"",
        "route=\"/contacts/*\"");
    assertMoved(before, after, "contact_commands_published_total", "action=\"ESTABLISH\"");
    assertMoved(before, after, "contact_commands_published_total", "action=\"CREATE\"");
    assertMoved(before, after, "contact_commands_published_total", "action=\"UPSERT\"");
    assertMoved(before, after, "contact_results_received_total", "outcome=\"RESOLVED\"");
    assertMoved(before, after, "contact_request_latency_seconds_count", "outcome=\"answered\"");
    assertMoved(before, after, "kafka_producer_record_send_total", "client=\"command-publisher\"");
    assertMoved(
        before,
        after,
        "kafka_consumer_fetch_manager_records_consumed_total",
        "client=\"reply-listener\"");
    assertMoved(
        before, after, "hikaricp_connections_acquire_seconds_count", "pool=\"ingest-reads\"");
    // The route template, never the raw path: the key is in no series.
    assertThat(after.text()).doesNotContain(key);
  }

  @Test
  @Timeout(120)
  void shouldMoveResolverStreamsSeries() throws IOException {
    Scrape before = Scrape.of(stack.resolverMetricsUrl());
    api.establishIds(List.of("metrics-it-resolver-" + UUID.randomUUID()));

    Scrape after =
        Poll.until(
            MOVE_TIMEOUT,
            () -> Scrape.of(stack.resolverMetricsUrl()),
            // The answer comes before the resolver's commit (ingest reads results uncommitted).
            moved(before, "kafka_stream_thread_process_total")
                .and(moved(before, "kafka_stream_thread_commit_total"))
                .and(scrape -> scrape.names().containsAll(MetricNames.RESOLVER_SERIES)));
    keep("resolver", after);

    assertThat(after.sum("contact_streams_state", "state=\"RUNNING\"")).isEqualTo(1.0);
    assertThat(after.sum("contact_streams_state", "state=\"ERROR\"")).isEqualTo(0.0);
  }

  @Test
  @Timeout(120)
  void shouldMoveSinkMaterializerAndRecorderSeries() throws IOException {
    Scrape before = Scrape.of(stack.sinkMetricsUrl());
    Map<String, Long> ids = api.establishIds(List.of("metrics-it-sink-" + UUID.randomUUID()));
    assertThat(api.deleteContacts("ids", List.copyOf(ids.values())).status()).isEqualTo(200);

    Predicate<Scrape> written =
        moved(before, "contact_sink_rows_written_total", "consumer=\"changelog-materializer\"");
    Scrape after =
        Poll.until(
            MOVE_TIMEOUT,
            () -> Scrape.of(stack.sinkMetricsUrl()),
            written
                .and(
                    moved(
                        before,
                        "contact_sink_rows_written_total",
                        "consumer=\"operation-recorder\""))
                .and(scrape -> scrape.names().containsAll(MetricNames.SINK_SERIES)));
    keep("sink", after);

    assertMoved(
        before, after, "contact_sink_batch_size_count", "consumer=\"changelog-materializer\"");
    assertMoved(before, after, "contact_sink_results_seen_total", "action=\"ESTABLISH\"");
    assertMoved(before, after, "contact_sink_results_seen_total", "action=\"DELETE\"");
    assertMoved(
        before,
        after,
        "kafka_consumer_fetch_manager_records_consumed_total",
        "client=\"changelog-materializer\"");
    assertMoved(
        before, after, "hikaricp_connections_acquire_seconds_count", "pool=\"sink-writes\"");
  }

  private static Predicate<Scrape> moved(Scrape before, String name, String... labels) {
    return scrape -> scrape.sum(name, labels) > before.sum(name, labels);
  }

  private static void assertMoved(Scrape before, Scrape after, String name, String... labels) {
    assertThat(after.sum(name, labels))
        .as("%s %s", name, List.of(labels))
        .isGreaterThan(before.sum(name, labels));
  }

  /** The scrape as Prometheus saw it, for a reader of the build's artifacts. */
  private static void keep(String service, Scrape scrape) throws IOException {
    Path dir = Path.of("target", "metrics");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(service + ".prom"), scrape.text());
  }
}
