package org.contactpipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.contactpipeline.docs.MarkdownLinks;
import org.contactpipeline.metrics.MetricNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What promtool does not check in ops/prometheus/alerts.yml: every alert queries only series a
 * service exports ({@link MetricNames}, or Prometheus' own {@code up}), carries a severity, a
 * summary and a description, and names a runbook section of docs/alerts.md that exists. Whether the
 * alerts fire when they should is promtool's job (alerts-test.yml) and PrometheusAlertsIT's.
 */
class AlertRulesTest {

  /** PromQL words the dashboard's expressions do not use. */
  private static final Set<String> MORE_PROMQL = Set.of("deriv", "and", "or", "unless");

  private static Path root;
  private static List<Map<String, Object>> alerts;

  @BeforeAll
  static void readRules() throws IOException {
    root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    Map<String, Object> file;
    try (Reader reader =
        Files.newBufferedReader(
            root.resolve("ops/prometheus/alerts.yml"), StandardCharsets.UTF_8)) {
      file = new Yaml().load(reader);
    }
    alerts = new ArrayList<>();
    for (Object group : (List<?>) file.get("groups")) {
      for (Object rule : (List<?>) map(group).get("rules")) {
        alerts.add(map(rule));
      }
    }
  }

  @Test
  void shouldQueryOnlySeriesAServiceExports() {
    Set<String> queried = new TreeSet<>();
    for (Map<String, Object> alert : alerts) {
      DashboardSeriesTest.seriesIn(alert.get("expr").toString()).stream()
          .filter(word -> !MORE_PROMQL.contains(word))
          .forEach(queried::add);
    }
    List<String> exported = new ArrayList<>(MetricNames.allSeries());
    exported.add("up");
    assertThat(queried)
        .contains(
            "contact_resolver_dead_letters_total",
            "contact_sink_dead_letters_total",
            "kafka_consumer_fetch_manager_records_lag_max")
        .isSubsetOf(exported);
  }

  @Test
  void shouldGiveEveryAlertASeveritySummaryDescriptionAndAnExistingRunbook() throws IOException {
    Set<String> anchors =
        MarkdownLinks.anchorsOf(
            Files.readString(root.resolve("docs/alerts.md"), StandardCharsets.UTF_8));
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(10);
    for (Map<String, Object> alert : alerts) {
      String name = alert.get("alert").toString();
      assertThat(map(alert.get("labels")).get("severity"))
          .as(name)
          .isIn("critical", "warning", "info");
      Map<String, Object> annotations = map(alert.get("annotations"));
      assertThat(annotations).as(name).containsKeys("summary", "description", "runbook");
      String runbook = annotations.get("runbook").toString();
      assertThat(runbook).as(name).startsWith("docs/alerts.md#");
      assertThat(anchors).as(name).contains(runbook.substring(runbook.indexOf('#') + 1));
    }
  }

  @Test
  void shouldFireOnTheFirstDeadLetterOfEitherService() {
    for (String name : List.of("ResolverDeadLetters", "SinkDeadLetters")) {
      Map<String, Object> alert =
          alerts.stream().filter(rule -> name.equals(rule.get("alert"))).findFirst().orElseThrow();
      assertThat(alert.get("for")).as(name).isEqualTo("0m");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }
}
