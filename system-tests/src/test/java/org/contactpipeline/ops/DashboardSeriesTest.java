package org.contactpipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.contactpipeline.metrics.MetricNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard may query only series a service exports: every metric name in every panel's
 * PromQL is one of {@link MetricNames}' lists, which MetricsIT in turn finds in a real scrape of
 * each service. A renamed metric breaks this build, not a dashboard in production.
 */
class DashboardSeriesTest {

  /** PromQL words that are not metric names. */
  private static final Set<String> PROMQL =
      Set.of(
          "sum",
          "max",
          "min",
          "avg",
          "count",
          "rate",
          "irate",
          "increase",
          "histogram_quantile",
          "by",
          "without",
          "le",
          "topk",
          "bottomk",
          "abs",
          "clamp_min",
          "on",
          "ignoring");

  private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*\\}");
  private static final Pattern GROUPING = Pattern.compile("\\b(by|without)\\s*\\([^)]*\\)");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*\\]");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private static List<String> expressions;

  @BeforeAll
  static void readDashboard() throws IOException {
    Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(root.resolve("ops/grafana/dashboards/contact-pipeline.json").toFile());
    expressions = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
      panel.get("targets").forEach(target -> expressions.add(target.get("expr").asText()));
    }
  }

  @Test
  void shouldQueryOnlySeriesAServiceExports() {
    Set<String> queried = new TreeSet<>();
    expressions.forEach(expression -> queried.addAll(seriesIn(expression)));
    assertThat(queried).isNotEmpty().isSubsetOf(MetricNames.allSeries());
  }

  @Test
  void shouldShowEveryPipelineMetricTheCodeRecords() {
    Set<String> queried = new TreeSet<>();
    expressions.forEach(expression -> queried.addAll(seriesIn(expression)));
    assertThat(queried)
        .contains(
            "contact_http_requests_seconds_bucket",
            "contact_commands_published_total",
            "contact_results_received_total",
            "contact_request_latency_seconds_bucket",
            "contact_gather_timeouts_total",
            "contact_sink_rows_written_total",
            "contact_sink_batch_size_count",
            "contact_sink_dead_letters_total",
            "kafka_consumer_fetch_manager_records_lag_max",
            "hikaricp_connections_active",
            "contact_streams_state",
            "kafka_stream_thread_process_rate",
            "kafka_stream_thread_commit_latency_avg",
            "contact_resolver_dead_letters_total",
            "contact_sink_database_errors_total",
            "contact_sink_consumer_running",
            "contact_requests_throttled_total",
            "jvm_memory_used_bytes",
            "jvm_gc_pause_seconds_sum",
            "jvm_gc_pause_seconds_max");
  }

  @Test
  void shouldFindTheSeriesOfAnExpression() {
    assertThat(
            seriesIn(
                "histogram_quantile(0.99, sum by (le, route) (rate(contact_http_requests_seconds_bucket"
                    + "{outcome=\"answered\"}[5m])))"))
        .containsExactly("contact_http_requests_seconds_bucket");
  }

  static Set<String> seriesIn(String expression) {
    String bare =
        RANGES
            .matcher(
                GROUPING.matcher(LABEL_MATCHERS.matcher(expression).replaceAll("")).replaceAll(""))
            .replaceAll("");
    Set<String> series = new TreeSet<>();
    Matcher matcher = IDENTIFIER.matcher(bare);
    while (matcher.find()) {
      if (!PROMQL.contains(matcher.group())) {
        series.add(matcher.group());
      }
    }
    return series;
  }
}
