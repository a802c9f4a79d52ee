package org.contactpipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * expects: the topic catalogue, the broker's listeners for containers and for the host, the
 * database the sink is pointed at and its read-only role, main classes that exist, and the
 * monitoring beside them (Prometheus with its rules and Alertmanager, Grafana's login).
 */
class DockerComposeFileTest {

  private static final Pattern TOPIC_LINE =
      Pattern.compile("--topic (\\S+) --partitions (\\d+)(.*)");
  private static final List<String> SERVICES = List.of("resolver", "sink", "ingest");
  private static final String HOST_BOOTSTRAP = "localhost:9092";
  private static final String READER_ROLE = "contacts_reader";
  private static final Pattern PUBLISHED_ON_LOOPBACK =
      Pattern.compile("127\\.0\\.0\\.1:(\\d+):\\d+");
  private static final Pattern VARIABLE_WITH_DEFAULT = Pattern.compile("\\$\\{([A-Z_]+):-([^}]+)}");

  private static Path root;
  private static String composeText;
  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  static void readComposeFile() throws IOException {
    // Surefire runs in the module directory; the compose file is at the repository root.
    root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    composeText = Files.readString(root.resolve("docker-compose.yml"), StandardCharsets.UTF_8);
    Map<String, Object> compose = new Yaml().load(composeText);
    services = map(compose.get("services"));
  }

  @Test
  void shouldDefineTheBrokerDatabaseTopicInitThreeServicesAndTheirMonitoring() {
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
            "alertmanager",
            "grafana");
  }

  @Test
  void shouldRunAPinnedConfluentSchemaRegistryOnTheBrokerHealthGated() {
    String image = string(services.get("schema-registry"), "image");
    assertThat(image).startsWith("confluentinc/cp-schema-registry:").doesNotEndWith(":latest");
    assertThat(image.substring(image.indexOf(':') + 1)).matches("\\d+\\.\\d+\\.\\d+");
    Map<String, Object> env = environment("schema-registry");
    // The registry's prefix is a security protocol, not a listener name.
    assertThat(env.get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"))
        .hasToString("PLAINTEXT://" + internalBootstrap());
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
  void shouldAdvertiseOneListenerToTheContainersAndLocalhost9092ToTheHost() {
    Map<String, Object> env = environment("kafka");
    Map<String, String> listeners = listeners(env.get("KAFKA_LISTENERS"));
    Map<String, String> advertised = listeners(env.get("KAFKA_ADVERTISED_LISTENERS"));
    Map<String, String> protocols = listeners(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"));
    String controller = env.get("KAFKA_CONTROLLER_LISTENER_NAMES").toString();
    String internal = listenerAt(advertised, internalBootstrap());
    String host = listenerAt(advertised, HOST_BOOTSTRAP);

    assertThat(advertised).hasSize(2);
    // Two listeners of one broker: two ports of its container.
    assertThat(port(internalBootstrap())).isNotEqualTo(port(HOST_BOOTSTRAP));
    assertThat(listeners).containsOnlyKeys(internal, host, controller);
    assertThat(protocols).containsOnlyKeys(internal, host, controller);
    advertised.forEach(
        (name, address) -> assertThat(port(listeners.get(name))).as(name).isEqualTo(port(address)));
    assertThat(env.get("KAFKA_INTER_BROKER_LISTENER_NAME")).hasToString(internal);
    // Published on the host's loopback at the port it advertises, to the port it listens on.
    assertThat(publishedPorts("kafka"))
        .containsExactly("127.0.0.1:9092:" + port(listeners.get(host)));
    assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").toString())
        .endsWith("@kafka:" + port(listeners.get(controller)));
  }

  @Test
  void shouldPointEveryClientInTheComposeNetworkAtTheInternalListener() {
    String internal = internalBootstrap();
    for (String service : SERVICES) {
      assertThat(environment(service).get("KAFKA_BOOTSTRAP_SERVERS"))
          .as(service)
          .hasToString(internal);
    }
    Matcher init = Pattern.compile("--bootstrap-server (\\S+)").matcher(kafkaInitScript());
    assertThat(init.find()).isTrue();
    assertThat(init.group(1)).isEqualTo(internal);
    assertThat(healthcheck("kafka")).contains("--bootstrap-server " + internal);

    // Nothing in the network may use the host's address (advertised as localhost, it would lead a
    // container to itself) or another port of the broker.
    String controllerPort =
        port(
            listeners(environment("kafka").get("KAFKA_LISTENERS"))
                .get(environment("kafka").get("KAFKA_CONTROLLER_LISTENER_NAMES").toString()));
    Matcher address = Pattern.compile("(?<![\\w/.-])kafka:(\\d+)").matcher(composeText);
    while (address.find()) {
      assertThat(address.group())
          .as("a broker address in docker-compose.yml")
          .isIn(internal, "kafka:" + controllerPort);
    }
    services.entrySet().stream()
        .filter(service -> !service.getKey().equals("kafka"))
        .forEach(
            service ->
                assertThat(String.valueOf(service.getValue().get("environment")))
                    .as(service.getKey())
                    .doesNotContain(HOST_BOOTSTRAP));
  }

  @Test
  void shouldPublishEveryHostPortOnLoopbackOnly() {
    Map<String, String> hostPorts = new LinkedHashMap<>();
    services.forEach(
        (name, service) -> {
          for (String published : publishedPorts(name)) {
            Matcher loopback = PUBLISHED_ON_LOOPBACK.matcher(published);
            assertThat(loopback.matches()).as("%s publishes %s", name, published).isTrue();
            hostPorts.put(loopback.group(1), name);
          }
        });

    assertThat(hostPorts)
        .containsOnly(
            Map.entry("8080", "ingest"),
            Map.entry("9092", "kafka"),
            Map.entry("8081", "schema-registry"),
            Map.entry("5432", "postgres"),
            Map.entry("9090", "prometheus"),
            Map.entry("9093", "alertmanager"),
            Map.entry("3000", "grafana"));
  }

  @Test
  void shouldMountOnlyFilesOfTheRepositoryThatExist() {
    List<String> sources = new ArrayList<>();
    services.forEach(
        (name, service) -> {
          for (String volume : volumes(name)) {
            if (volume.startsWith("./")) {
              sources.add(volume.substring(0, volume.indexOf(':')));
            }
          }
        });

    assertThat(sources)
        .isNotEmpty()
        .allSatisfy(source -> assertThat(root.resolve(source)).as(source).exists());
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
    assertThat(topics.get(Topics.DEAD_LETTER_REPLAYS.name()))
        .startsWith("1 ")
        .contains("--config cleanup.policy=compact");
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
  void shouldCreateAReadOnlyRoleForHostReadersWhenTheDatabaseIsInitialized() throws IOException {
    List<String> initScripts =
        volumes("postgres").stream()
            .filter(volume -> volume.contains(":/docker-entrypoint-initdb.d/"))
            .map(volume -> volume.substring(0, volume.indexOf(':')))
            .toList();
    assertThat(initScripts).hasSize(1);
    String initScript = initScripts.get(0);
    String script = Files.readString(root.resolve(initScript), StandardCharsets.UTF_8);
    Matcher password =
        VARIABLE_WITH_DEFAULT.matcher(
            environment("postgres").get("CONTACTS_READER_PASSWORD").toString());

    assertThat(initScript).startsWith("./ops/postgres/").endsWith(".sh");
    assertThat(script)
        .contains("CREATE ROLE " + READER_ROLE + " LOGIN PASSWORD :'password'")
        .contains("password=\"$CONTACTS_READER_PASSWORD\"")
        .contains("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + READER_ROLE)
        // The sink creates the tables after this script has run (Flyway, as POSTGRES_USER).
        .contains("owner=\"$POSTGRES_USER\"")
        .contains(
            "ALTER DEFAULT PRIVILEGES FOR ROLE :\"owner\" IN SCHEMA public GRANT SELECT ON TABLES TO "
                + READER_ROLE);
    assertThat(environment("sink").get("DATABASE_USER"))
        .isEqualTo(environment("postgres").get("POSTGRES_USER"));
    Matcher grant =
        Pattern.compile("GRANT ([A-Z, ]+) ON [^;]*TO " + READER_ROLE + ";").matcher(script);
    List<String> privileges = new ArrayList<>();
    while (grant.find()) {
      Arrays.stream(grant.group(1).split(",")).map(String::strip).forEach(privileges::add);
    }
    assertThat(privileges).contains("SELECT").isSubsetOf("SELECT", "USAGE", "CONNECT");
    assertThat(password.matches()).as("the reader's password comes from the environment").isTrue();
    assertThat(password.group(1)).isEqualTo("CONTACTS_READER_PASSWORD");
    assertThat(password.group(2)).as("its default").startsWith("demo-");
    assertThat(publishedPorts("postgres")).containsExactly("127.0.0.1:5432:5432");
  }

  @Test
  void shouldEvaluateTheAlertRulesAndSendWhatFiresToTheComposeAlertmanager() throws IOException {
    Map<String, Object> prometheus = yaml("ops/prometheus/prometheus.yml");
    List<String> ruleFiles =
        ((List<?>) prometheus.get("rule_files")).stream().map(Object::toString).toList();
    List<String> alertmanagers =
        ((List<?>) map(prometheus.get("alerting")).get("alertmanagers"))
            .stream()
                .flatMap(entry -> ((List<?>) map(entry).get("static_configs")).stream())
                .flatMap(config -> ((List<?>) map(config).get("targets")).stream())
                .map(Object::toString)
                .toList();

    assertThat(ruleFiles).containsExactly("/etc/prometheus/alerts.yml");
    assertThat(volumes("prometheus"))
        .contains("./ops/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
    assertThat(map(yaml("ops/prometheus/alerts.yml")).get("groups")).isInstanceOf(List.class);
    assertThat(alertmanagers).containsExactly("alertmanager:9093");
    assertThat(services).containsKey("alertmanager");
    assertThat(
            ((List<?>) services.get("prometheus").get("depends_on")).stream().map(Object::toString))
        .contains("alertmanager");
  }

  @Test
  void shouldRunAPinnedAlertmanagerWhoseDefaultReceiverNotifiesNoOne() throws IOException {
    String image = string(services.get("alertmanager"), "image");
    Map<String, Object> config = yaml("ops/alertmanager/alertmanager.yml");
    String receiver = map(config.get("route")).get("receiver").toString();
    List<Map<String, Object>> receivers =
        ((List<?>) config.get("receivers")).stream().map(entry -> map(entry)).toList();

    assertThat(image).startsWith("prom/alertmanager:v");
    assertThat(image.substring(image.indexOf(":v") + 2)).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(volumes("alertmanager"))
        .containsExactly(
            "./ops/alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro");
    // A receiver with nothing but a name sends nothing anywhere: a demo notifies no one.
    assertThat(receivers)
        .filteredOn(entry -> receiver.equals(entry.get("name")))
        .singleElement()
        .satisfies(entry -> assertThat(entry).containsOnlyKeys("name"));
  }

  @Test
  void shouldTakeGrafanasAdminLoginFromTheEnvironmentAndLetNoAnonymousUserIn() {
    Map<String, Object> env = environment("grafana");
    Matcher user = VARIABLE_WITH_DEFAULT.matcher(env.get("GF_SECURITY_ADMIN_USER").toString());
    Matcher password =
        VARIABLE_WITH_DEFAULT.matcher(env.get("GF_SECURITY_ADMIN_PASSWORD").toString());

    assertThat(user.matches()).isTrue();
    assertThat(user.group(1)).isEqualTo("GRAFANA_ADMIN_USER");
    assertThat(password.matches()).isTrue();
    assertThat(password.group(1)).isEqualTo("GRAFANA_ADMIN_PASSWORD");
    assertThat(password.group(2)).as("the password's default").startsWith("demo-");
    assertThat(env.get("GF_AUTH_ANONYMOUS_ENABLED")).hasToString("false");
  }

  @Test
  void shouldDocumentEveryVariableTheComposeFileReadsWithItsDemoDefault() throws IOException {
    String operations =
        Files.readString(root.resolve("docs/operations.md"), StandardCharsets.UTF_8);
    Matcher variable = VARIABLE_WITH_DEFAULT.matcher(composeText);
    List<String> variables = new ArrayList<>();
    while (variable.find()) {
      variables.add(variable.group(1));
      assertThat(operations)
          .as("docs/operations.md on %s", variable.group(1))
          .contains("`" + variable.group(1) + "`", "`" + variable.group(2) + "`");
    }

    assertThat(variables)
        .contains("GRAFANA_ADMIN_USER", "GRAFANA_ADMIN_PASSWORD", "CONTACTS_READER_PASSWORD");
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
  void shouldPackageTheContactsToolInTheImage() throws IOException {
    String dockerfile = Files.readString(root.resolve("Dockerfile"), StandardCharsets.UTF_8);

    assertThat(dockerfile)
        .containsPattern("-pl \\S*\\btools\\b")
        .containsPattern("for module in [^;]*\\btools\\b[^;]*; do")
        .contains("MAIN_CLASS=org.contactpipeline.tools.ContactsCommand")
        // The entrypoint runs the environment's MAIN_CLASS (docker run -e overrides the build's)
        // with the container's arguments (StartServiceScriptTest runs it).
        .contains("ENTRYPOINT [\"/app/start-service.sh\"]")
        .contains("COPY deploy/docker/start-service.sh /app/start-service.sh");
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
      assertThat(healthcheck(service))
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
    Map<String, Object> prometheus = yaml("ops/prometheus/prometheus.yml");
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
    assertThat(volumes("grafana"))
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

  /** The address the broker advertises in the compose network: the one on host {@code kafka}. */
  private static String internalBootstrap() {
    Map<String, String> advertised =
        listeners(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS"));
    List<String> internal =
        advertised.values().stream().filter(address -> address.startsWith("kafka:")).toList();
    assertThat(internal).as("advertised listeners on host kafka in %s", advertised).hasSize(1);
    return internal.get(0);
  }

  /**
   * Listener name to what follows it: {@code NAME://host:port} gives host:port ({@code :port} when
   * no host), {@code NAME:PROTOCOL} gives the protocol.
   */
  private static Map<String, String> listeners(Object value) {
    Map<String, String> listeners = new LinkedHashMap<>();
    for (String listener : value.toString().split(",")) {
      int separator = listener.indexOf(':');
      String rest = listener.substring(separator + 1).strip();
      listeners.put(
          listener.substring(0, separator).strip(),
          rest.startsWith("//") ? rest.substring(2) : rest);
    }
    return listeners;
  }

  private static String listenerAt(Map<String, String> listeners, String address) {
    return listeners.entrySet().stream()
        .filter(entry -> entry.getValue().equals(address))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no listener advertises " + address + ": " + listeners));
  }

  private static String port(String address) {
    return address.substring(address.lastIndexOf(':') + 1);
  }

  private static List<String> publishedPorts(String service) {
    Object ports = services.get(service).get("ports");
    return ports == null ? List.of() : ((List<?>) ports).stream().map(Object::toString).toList();
  }

  private static List<String> volumes(String service) {
    Object volumes = services.get(service).get("volumes");
    return volumes == null
        ? List.of()
        : ((List<?>) volumes).stream().map(Object::toString).toList();
  }

  private static String healthcheck(String service) {
    Object test = map(services.get(service).get("healthcheck")).get("test");
    return test instanceof List<?> parts
        ? String.join(" ", parts.stream().map(Object::toString).toList())
        : test.toString();
  }

  private static Map<String, Object> yaml(String path) throws IOException {
    try (Reader reader = Files.newBufferedReader(root.resolve(path), StandardCharsets.UTF_8)) {
      return new Yaml().load(reader);
    }
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
