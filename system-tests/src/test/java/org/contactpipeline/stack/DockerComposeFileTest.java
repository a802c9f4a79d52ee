package org.contactpipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.contactpipeline.schemas.Topic;
import org.contactpipeline.schemas.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Docker cannot run in every build, so the compose file is checked statically against what the code
 * expects: the topic catalogue, the broker's advertised address, the database the sink is pointed
 * at, and main classes that exist.
 */
class DockerComposeFileTest {

  private static final Pattern TOPIC_LINE =
      Pattern.compile("--topic (\\S+) --partitions (\\d+)(.*)");
  private static final List<String> SERVICES = List.of("resolver", "sink", "ingest");

  private static Path root;
  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  static void readComposeFile() throws IOException {
    // Surefire runs in the module directory; the compose file is at the repository root.
    root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    try (Reader reader =
        Files.newBufferedReader(root.resolve("docker-compose.yml"), StandardCharsets.UTF_8)) {
      Map<String, Object> compose = new Yaml().load(reader);
      services = map(compose.get("services"));
    }
  }

  @Test
  void shouldDefineTheBrokerDatabaseTopicInitAndThreeServices() {
    assertThat(services)
        .containsOnlyKeys(
            "kafka",
            "kafka-init",
            "schema-registry",
            "schema-init",
            "postgres",
            "resolver",
            "sink",
            "ingest",
            "prometheus",
            "grafana");
  }

  @Test
  void shouldRunAPinnedConfluentSchemaRegistryOnTheBrokerHealthGated() {
    String image = string(services.get("schema-registry"), "image");
    assertThat(image).startsWith("confluentinc/cp-schema-registry:").doesNotEndWith(":latest");
    assertThat(image.substring(image.indexOf(':') + 1)).matches("\\d+\\.\\d+\\.\\d+");
    Map<String, Object> env = environment("schema-registry");
    assertThat(env.get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS").toString())
        .endsWith(
            environment("kafka")
                .get("KAFKA_ADVERTISED_LISTENERS")
                .toString()
                .replace("PLAINTEXT://", ""));
    assertThat(env.get("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR")).hasToString("1");
    assertThat(map(services.get("schema-registry").get("healthcheck")).get("test").toString())
        .contains("/subjects");
  }

  @Test
  void shouldRegisterTheSchemasBeforeAnyServiceStartsAndPointEveryServiceAtTheRegistry() {
    assertThat(mainClass("schema-init"))
        .isEqualTo(org.contactpipeline.deploy.SchemaInitMain.class.getName());
    assertThat(condition("schema-init", "schema-registry")).isEqualTo("service_healthy");
    String listener = environment("schema-registry").get("SCHEMA_REGISTRY_LISTENERS").toString();
    String url = "http://schema-registry:" + listener.substring(listener.lastIndexOf(':') + 1);
    assertThat(environment("schema-init").get("SCHEMA_REGISTRY_URL")).hasToString(url);
    for (String service : SERVICES) {
      assertThat(condition(service, "schema-init"))
          .as(service)
          .isEqualTo("service_completed_successfully");
      assertThat(environment(service).get("SCHEMA_REGISTRY_URL")).as(service).hasToString(url);
    }
    // The variable is a setting every service reads (Settings maps SCHEMA_REGISTRY_URL to it).
    assertThat(org.contactpipeline.resolver.ResolverConfig.DEFAULTS)
        .containsKey("schema.registry.url");
    assertThat(org.contactpipeline.sink.SinkConfig.DEFAULTS).containsKey("schema.registry.url");
    assertThat(org.contactpipeline.ingest.IngestConfig.DEFAULTS).containsKey("schema.registry.url");
  }

  @Test
  void shouldRunKafkaFromTheOfficialImageInKraftMode() {
    assertThat(string(services.get("kafka"), "image")).startsWith("apache/kafka:");
    assertThat(string(services.get("kafka-init"), "image"))
        .isEqualTo(string(services.get("kafka"), "image"));
    Map<String, Object> env = environment("kafka");
    assertThat(
            Arrays.stream(env.get("KAFKA_PROCESS_ROLES").toString().split(",")).map(String::strip))
        .containsExactlyInAnyOrder("broker", "controller");
    assertThat(env)
        .containsKeys(
            "KAFKA_NODE_ID", "KAFKA_CONTROLLER_QUORUM_VOTERS", "KAFKA_CONTROLLER_LISTENER_NAMES");
    assertThat(map(services.get("kafka").get("healthcheck"))).containsKey("test");
  }

  @Test
  void shouldPointEveryClientAtTheBrokersAdvertisedListener() {
    String advertised = advertisedBootstrap();
    assertThat(advertised).startsWith("kafka:");

    for (String service : SERVICES) {
      assertThat(environment(service).get("KAFKA_BOOTSTRAP_SERVERS"))
          .as(service)
          .hasToString(advertised);
    }
    Matcher init = Pattern.compile("--bootstrap-server (\\S+)").matcher(kafkaInitScript());
    assertThat(init.find()).isTrue();
    assertThat(init.group(1)).isEqualTo(advertised);
  }

  @Test
  void shouldCreateExactlyTheTopicsOfTheCatalogue() {
    assertThat(createdTopics().keySet())
        .containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topic::name).toList());
  }

  @Test
  void shouldGiveEachTopicTheLayoutTheCodeExpects() {
    Map<String, String> topics = createdTopics();
    int commandsPartitions = partitions(topics.get(Topics.COMMANDS.name()));

    assertThat(topics.get(Topics.CHANGELOG.name()))
        .startsWith(commandsPartitions + " ")
        .contains("--config cleanup.policy=compact");
    assertThat(partitions(topics.get(Topics.DEAD_LETTERS.name()))).isEqualTo(1);
    for (String service : SERVICES) {
      Object declared = environment(service).get("COMMANDS_PARTITIONS");
      if (declared != null) {
        assertThat(declared)
            .as("COMMANDS_PARTITIONS of %s", service)
            .hasToString(Integer.toString(commandsPartitions));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sink", "ingest"})
  void shouldPointTheDatabaseUsersAtThePostgresServicesDatabaseAndUser(String service) {
    Map<String, Object> client = environment(service);
    Map<String, Object> postgres = environment("postgres");
    URI url = URI.create(client.get("DATABASE_URL").toString().substring("jdbc:".length()));

    assertThat(url.getScheme()).isEqualTo("postgresql");
    assertThat(url.getHost()).isEqualTo("postgres");
    assertThat(url.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
    assertThat(client.get("DATABASE_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
    assertThat(client.get("DATABASE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
  }

  @Test
  void shouldStartServicesOnlyOnceTopicsAndDatabaseAreReady() {
    assertThat(condition("kafka-init", "kafka")).isEqualTo("service_healthy");
    for (String service : SERVICES) {
      assertThat(condition(service, "kafka-init"))
          .as(service)
          .isEqualTo("service_completed_successfully");
    }
    assertThat(condition("sink", "postgres")).isEqualTo("service_healthy");
    assertThat(condition("ingest", "postgres")).isEqualTo("service_healthy");
    assertThat(map(services.get("postgres").get("healthcheck"))).containsKey("test");
  }

  @Test
  void shouldBuildTheImageWithTheProjectsOwnMavenWrapper() throws IOException {
    List<String> runs =
        Files.readAllLines(root.resolve("Dockerfile"), StandardCharsets.UTF_8).stream()
            .filter(line -> line.startsWith("RUN ") && line.contains("mvn"))
            .toList();

    assertThat(runs).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("RUN ./mvnw "));
  }

  @Test
  void shouldBuildEachServiceFromTheDockerfileWithItsMainClass() throws IOException {
    assertThat(Files.readString(root.resolve("Dockerfile"), StandardCharsets.UTF_8))
        .contains("ARG MAIN_CLASS");
    assertThat(mainClass("resolver")).isEqualTo("org.contactpipeline.resolver.ResolverService");
    assertThat(mainClass("sink")).isEqualTo("org.contactpipeline.sink.SinkService");
    assertThat(mainClass("ingest")).isEqualTo("org.contactpipeline.ingest.IngestService");
  }

  @Test
  void shouldLogJsonLinesInTheImageThroughTheServicesOwnBackend() throws IOException {
    String dockerfile = Files.readString(root.resolve("Dockerfile"), StandardCharsets.UTF_8);

    assertThat(dockerfile).contains("ENV LOG_FORMAT=json").doesNotContain("slf4j-simple");
    assertThat(DockerComposeFileTest.class.getResource("/logback-json.xml"))
        .as("the format LOG_FORMAT=json names, from service-runtime")
        .isNotNull();
    for (String service : SERVICES) {
      assertThat(environment(service))
          .as("%s keeps the image's json", service)
          .doesNotContainKey("LOG_FORMAT");
    }
  }

  @Test
  void shouldNameMainClassesThatExist() {
    for (String service : SERVICES) {
      assertThatCode(() -> Class.forName(mainClass(service)).getMethod("main", String[].class))
          .as("main class of %s", service)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void shouldProbeEachServicesReadinessEndpointOnThePortItServesHealthOn() {
    Map<String, String> ports =
        Map.of(
            "resolver", environment("resolver").get("HEALTH_PORT").toString(),
            "sink", environment("sink").get("HEALTH_PORT").toString(),
            "ingest", environment("ingest").get("HTTP_PORT").toString());
    for (String service : SERVICES) {
      Object test = map(services.get(service).get("healthcheck")).get("test");
      String probe =
          test instanceof List<?> parts
              ? String.join(" ", parts.stream().map(Object::toString).toList())
              : test.toString();
      assertThat(probe)
          .as(service)
          .contains("/dev/tcp/127.0.0.1/" + ports.get(service) + " ")
          .contains("GET /health/ready ")
          .contains(" 200 ");
    }
    assertThat(ports.get("resolver")).isNotEqualTo(ports.get("sink"));
  }

  @Test
  void shouldScrapeEachServicesMetricsOnThePortItServesThemOn() throws IOException {
    Map<String, String> targets =
        Map.of(
            "resolver", "resolver:" + environment("resolver").get("HEALTH_PORT"),
            "sink", "sink:" + environment("sink").get("HEALTH_PORT"),
            "ingest", "ingest:" + environment("ingest").get("HTTP_PORT"));
    Map<String, Object> prometheus;
    try (Reader reader =
        Files.newBufferedReader(
            root.resolve("ops/prometheus/prometheus.yml"), StandardCharsets.UTF_8)) {
      prometheus = new Yaml().load(reader);
    }
    Map<String, List<String>> scraped = new LinkedHashMap<>();
    for (Object job : (List<?>) prometheus.get("scrape_configs")) {
      Map<String, Object> config = map(job);
      List<String> jobTargets =
          ((List<?>) config.get("static_configs"))
              .stream()
                  .flatMap(
                      entry -> ((List<?>) map(entry).get("targets")).stream().map(Object::toString))
                  .toList();
      scraped.put(config.get("job_name").toString(), jobTargets);
    }
    for (String service : SERVICES) {
      assertThat(scraped.get(service)).as(service).containsExactly(targets.get(service));
    }
    // Prometheus' default metrics_path is /metrics, where every service serves them.
    assertThat(prometheus.toString()).doesNotContain("metrics_path");
  }

  @Test
  void shouldProvisionGrafanaWithPrometheusAndTheDashboardFromPinnedImages() {
    for (String service : List.of("prometheus", "grafana")) {
      String image = string(services.get(service), "image");
      assertThat(image).as(service).contains(":").doesNotEndWith(":latest");
    }
    List<String> volumes =
        ((List<?>) services.get("grafana").get("volumes")).stream().map(Object::toString).toList();
    assertThat(volumes)
        .contains(
            "./ops/grafana/provisioning:/etc/grafana/provisioning:ro",
            "./ops/grafana/dashboards:/var/lib/grafana/dashboards:ro");
    assertThat(root.resolve("ops/grafana/dashboards/contact-pipeline.json")).isRegularFile();
    assertThat(root.resolve("ops/grafana/provisioning/dashboards/dashboards.yml"))
        .content()
        .contains("/var/lib/grafana/dashboards");
    assertThat(root.resolve("ops/grafana/provisioning/datasources/prometheus.yml"))
        .content()
        .contains("http://prometheus:9090");
  }

  private static String advertisedBootstrap() {
    String listeners = environment("kafka").get("KAFKA_ADVERTISED_LISTENERS").toString();
    return Arrays.stream(listeners.split(","))
        .map(String::strip)
        .filter(listener -> listener.startsWith("PLAINTEXT://"))
        .map(listener -> listener.substring("PLAINTEXT://".length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no PLAINTEXT advertised listener in " + listeners));
  }

  /** Topic name to the rest of its kafka-topics.sh line, starting with the partition count. */
  private static Map<String, String> createdTopics() {
    Map<String, String> topics = new LinkedHashMap<>();
    Matcher line = TOPIC_LINE.matcher(kafkaInitScript());
    while (line.find()) {
      String previous = topics.put(line.group(1), line.group(2) + " " + line.group(3).strip());
      assertThat(previous).as("topic %s created twice", line.group(1)).isNull();
    }
    return topics;
  }

  private static int partitions(String topicLine) {
    return Integer.parseInt(topicLine.split(" ")[0]);
  }

  private static String kafkaInitScript() {
    Object command = services.get("kafka-init").get("command");
    return command instanceof List<?> parts
        ? String.join("\n", parts.stream().map(Object::toString).toList())
        : command.toString();
  }

  private static String mainClass(String service) {
    Map<String, Object> build = map(services.get(service).get("build"));
    return map(build.get("args")).get("MAIN_CLASS").toString();
  }

  private static String condition(String service, String dependency) {
    return map(map(services.get(service).get("depends_on")).get(dependency))
        .get("condition")
        .toString();
  }

  private static Map<String, Object> environment(String service) {
    return map(services.get(service).get("environment"));
  }

  private static String string(Map<String, Object> node, String key) {
    return String.valueOf(node.get(key));
  }

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> map(Object node) {
    assertThat(node).isInstanceOf(Map.class);
    return (Map<String, V>) node;
  }
}
