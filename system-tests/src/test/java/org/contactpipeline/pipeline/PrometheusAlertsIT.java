package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.stack.FreePort;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The repository's alert rules in a real Prometheus against the real stack: Debian's {@code
 * prometheus} runs as a child process with a generated configuration (scrape and evaluation every
 * second, the three services' metrics endpoints as the jobs {@code ingest}, {@code resolver} and
 * {@code sink}, as in ops/prometheus/prometheus.yml, and ops/prometheus/alerts.yml as its rule
 * file). Through Prometheus' own HTTP API: every rule loads, every series the rules query is
 * scraped, and a poison record on {@code contact.commands} fires the resolver's dead-letter alert,
 * which nothing fired before it.
 *
 * <p>Skipped, with one line saying why, when the {@code prometheus} binary is missing, unless
 * {@code -Dprometheus.required=true} (as {@code .ci/run} sets, after installing it) makes that a
 * failure. {@code PROMETHEUS_BIN} overrides where it is looked for.
 */
class PrometheusAlertsIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Path RULES = repositoryRoot().resolve("ops/prometheus/alerts.yml");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** What each rule of alerts.yml queries, as the scrape labels it. */
  private static final List<String> SERIES_THE_RULES_QUERY =
      List.of(
          "contact_streams_state{job=\"resolver\", service=\"resolver\", state=\"RUNNING\"} == 1",
          "contact_sink_consumer_running{job=\"sink\", service=\"sink\","
              + " consumer=\"changelog-materializer\"} == 1",
          "contact_sink_consumer_running{job=\"sink\", service=\"sink\","
              + " consumer=\"operation-recorder\"} == 1",
          "kafka_consumer_fetch_manager_records_lag_max{job=\"resolver\", service=\"resolver\"}",
          "kafka_consumer_fetch_manager_records_lag_max{job=\"sink\", service=\"sink\"}",
          "contact_resolver_dead_letters_total{job=\"resolver\", reason=\"undecodable\"}",
          "contact_sink_dead_letters_total{job=\"sink\", reason=\"refused_by_database\"}",
          "contact_sink_database_errors_total{job=\"sink\", kind=\"transient\"}",
          "contact_http_requests_seconds_bucket{job=\"ingest\", service=\"ingest\","
              + " api=\"marketing-cloud\", status=\"2xx\"}",
          "contact_gather_timeouts_total{job=\"ingest\"}",
          "contact_requests_throttled_total{job=\"ingest\", tenant=\"demo\"}",
          "count by (job) (jvm_memory_used_bytes{area=\"heap\"}) > 0",
          "count by (job) (jvm_gc_pause_seconds_count) > 0");

  @Test
  @Timeout(300)
  void shouldScrapeThePipelineAndFireTheDeadLetterAlertOnAPoisonRecord() throws Exception {
    String prometheus = prometheusBinary();
    LocalStack stack = TestStack.get();
    Path dir = Files.createTempDirectory("prometheus-alerts-it");
    int port = FreePort.pick();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, configuration(stack), StandardCharsets.UTF_8);
    Path log = dir.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                prometheus,
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    String url = "http://127.0.0.1:" + port;
    try {
      Poll.until(WAIT, () -> readiness(url, process, log), status -> status == 200);
      Poll.until(WAIT, () -> jobsUp(url), up -> up.equals(Set.of("ingest", "resolver", "sink")));
      assertThat(ruleNames(url)).containsExactlyInAnyOrderElementsOf(alertsInRuleFile());

      new Api(stack.httpUrl(), "demo-token")
          .establishIds(List.of("prometheus-it-" + UUID.randomUUID()));
      for (String series : SERIES_THE_RULES_QUERY) {
        Poll.until(WAIT, () -> query(url, series), result -> !result.isEmpty());
      }
      assertThat(query(url, "count by (job) (jvm_gc_pause_seconds_count) > 0"))
          .extracting(sample -> sample.get("metric").get("job").asText())
          .containsExactlyInAnyOrder("ingest", "resolver", "sink");

      // The counter's value before the poison is in Prometheus, so the poison is an increase; and
      // the rules have been evaluated on it without firing.
      Poll.until(
          WAIT,
          () ->
              query(
                  url,
                  "count_over_time(contact_resolver_dead_letters_total"
                      + "{reason=\"undecodable\"}[1m]) >= 3"),
          result -> !result.isEmpty());
      assertThat(firing(url)).as("alerts firing on a healthy stack").isEmpty();

      publishPoison(stack.bootstrapServers());

      List<String> firing =
          Poll.until(WAIT, () -> firing(url), alerts -> alerts.contains("ResolverDeadLetters"));
      assertThat(firing).containsExactly("ResolverDeadLetters");
      JsonNode alert = alert(url, "ResolverDeadLetters");
      assertThat(alert.get("labels").get("reason").asText()).isEqualTo("undecodable");
      assertThat(alert.get("labels").get("severity").asText()).isEqualTo("warning");
      assertThat(alert.get("annotations").get("runbook").asText())
          .isEqualTo("docs/alerts.md#resolverdeadletters");
    } finally {
      stop(process);
      deleteRecursively(dir);
    }
  }

  /** The binary's path, or the test is skipped (or fails, when it is required). */
  private static String prometheusBinary() {
    Optional<String> found = executable("PROMETHEUS_BIN", "/usr/bin/prometheus");
    if (found.isPresent()) {
      return found.get();
    }
    String line =
        "PrometheusAlertsIT skipped: no prometheus binary (apt-get install prometheus;"
            + " .ci/run installs it)";
    if (Boolean.getBoolean("prometheus.required")) {
      throw new AssertionError(
          line.replace("skipped", "cannot run") + ", and prometheus.required is set");
    }
    System.out.println(line);
    Assumptions.abort(line);
    return null;
  }

  private static Optional<String> executable(String variable, String fallback) {
    String configured = System.getenv(variable);
    String path = configured == null || configured.isBlank() ? fallback : configured;
    return new File(path).canExecute() ? Optional.of(path) : Optional.empty();
  }

  /**
   * Scrapes and evaluates every second; the job names are those of ops/prometheus/prometheus.yml.
   */
  private static String configuration(LocalStack stack) {
    return """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        rule_files:
          - "%s"
        scrape_configs:
          - job_name: ingest
            static_configs:
              - targets: ["127.0.0.1:%d"]
          - job_name: resolver
            static_configs:
              - targets: ["127.0.0.1:%d"]
          - job_name: sink
            static_configs:
              - targets: ["127.0.0.1:%d"]
        """
        .formatted(
            RULES,
            URI.create(stack.ingestMetricsUrl()).getPort(),
            URI.create(stack.resolverMetricsUrl()).getPort(),
            URI.create(stack.sinkMetricsUrl()).getPort());
  }

  /** The status of Prometheus' readiness endpoint; 0 while nothing listens yet. */
  private static int readiness(String url, Process process, Path log) {
    if (!process.isAlive()) {
      throw new AssertionError("prometheus exited with " + process.exitValue() + ":\n" + read(log));
    }
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url + "/-/ready"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> jobsUp(String url) {
    Set<String> up = new TreeSet<>();
    query(url, "up == 1").forEach(sample -> up.add(sample.get("metric").get("job").asText()));
    return up;
  }

  private static List<JsonNode> query(String url, String promql) {
    JsonNode answer =
        get(url + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    List<JsonNode> samples = new ArrayList<>();
    answer.get("data").get("result").forEach(samples::add);
    return samples;
  }

  private static List<String> ruleNames(String url) {
    List<String> names = new ArrayList<>();
    for (JsonNode group : get(url + "/api/v1/rules").get("data").get("groups")) {
      group.get("rules").forEach(rule -> names.add(rule.get("name").asText()));
    }
    return names;
  }

  private static List<String> alertsInRuleFile() throws IOException {
    List<String> names = new ArrayList<>();
    Matcher alert = Pattern.compile("(?m)^\\s*- alert: (\\S+)").matcher(Files.readString(RULES));
    while (alert.find()) {
      names.add(alert.group(1));
    }
    return names;
  }

  /** The names of the firing alerts, one per alert name. */
  private static List<String> firing(String url) {
    Set<String> names = new TreeSet<>();
    for (JsonNode alert : get(url + "/api/v1/alerts").get("data").get("alerts")) {
      if (alert.get("state").asText().equals("firing")) {
        names.add(alert.get("labels").get("alertname").asText());
      }
    }
    return List.copyOf(names);
  }

  private static JsonNode alert(String url, String name) {
    for (JsonNode alert : get(url + "/api/v1/alerts").get("data").get("alerts")) {
      if (alert.get("labels").get("alertname").asText().equals(name)) {
        return alert;
      }
    }
    throw new AssertionError("no alert " + name);
  }

  private static JsonNode get(String url) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            url + " answered " + response.statusCode() + ": " + response.body());
      }
      return Api.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Bytes that are no command, as PoisonRecordIT sends them. */
  private static void publishPoison(String bootstrapServers) throws Exception {
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      raw.send(
              new ProducerRecord<>(
                  Topics.COMMANDS.name(),
                  0,
                  ("prometheus-poison-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8),
                  "{\"contactKey\":\"not avro\"}".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }

  /** SIGTERM to the child's PID, SIGKILL if it is still there after 15 s. */
  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    }
  }

  private static Path repositoryRoot() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
  }
}
