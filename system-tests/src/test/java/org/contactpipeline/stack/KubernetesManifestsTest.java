package org.contactpipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.contactpipeline.stack.Kustomize.containers;
import static org.contactpipeline.stack.Kustomize.map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.common.Constants;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.contactpipeline.config.RenamedSettings;
import org.contactpipeline.config.Settings;
import org.contactpipeline.deploy.TopicLayout;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthServer;
import org.contactpipeline.health.HealthStatus;
import org.contactpipeline.ingest.IngestApp;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.ingest.http.Backpressure;
import org.contactpipeline.ingest.http.HealthEndpoint;
import org.contactpipeline.metrics.ServiceMetrics;
import org.contactpipeline.resolver.ResolverConfig;
import org.contactpipeline.schemas.Topic;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.sink.SinkConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * There is no cluster in the build, so the Kubernetes manifests are checked as a cluster would
 * check them, and then for what a cluster would find out only at run time. The base and every
 * overlay under deploy/kubernetes are rendered ({@link Kustomize}), every object is read into the
 * Kubernetes API's own model (fabric8's, generated from the API's OpenAPI schema) or Strimzi's
 * KafkaTopic, refusing unknown fields, and then compared with the code: the settings each service
 * reads, the ports and endpoints it serves, the topic layout, P.
 */
class KubernetesManifestsTest {

  private static final Path ROOT =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
  private static final Path MANIFESTS = ROOT.resolve("deploy/kubernetes");
  private static final Path GUIDE = ROOT.resolve("docs/deployment/kubernetes.md");

  private static final String LIVE = "/health/live";
  private static final String READY = "/health/ready";
  private static final String METRICS = "/metrics";
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  /**
   * The objects the manifests may hold, by apiVersion and kind, with the model each is read into.
   */
  private static final Map<String, Class<? extends HasMetadata>> MODELS =
      Map.of(
          "apps/v1 Deployment",
          Deployment.class,
          "apps/v1 StatefulSet",
          StatefulSet.class,
          "v1 Service",
          Service.class,
          "v1 ConfigMap",
          ConfigMap.class,
          "policy/v1 PodDisruptionBudget",
          PodDisruptionBudget.class,
          KafkaTopic.RESOURCE_GROUP + "/" + Constants.V1 + " KafkaTopic",
          KafkaTopic.class);

  /** What each service's image runs: its settings and the setting that names its HTTP port. */
  private enum ServiceImage {
    INGEST("contact-pipeline-ingest", IngestConfig.DEFAULTS, "http.port", "IngestService"),
    RESOLVER(
        "contact-pipeline-resolver", ResolverConfig.DEFAULTS, "health.port", "ResolverService"),
    SINK("contact-pipeline-sink", SinkConfig.DEFAULTS, "health.port", "SinkService");

    final String image;
    final Map<String, String> defaults;
    final String portSetting;
    final String mainClass;

    ServiceImage(String image, Map<String, String> defaults, String portSetting, String main) {
      this.image = image;
      this.defaults = defaults;
      this.portSetting = portSetting;
      this.mainClass =
          switch (main) {
            case "IngestService" -> org.contactpipeline.ingest.IngestService.class.getName();
            case "ResolverService" -> org.contactpipeline.resolver.ResolverService.class.getName();
            default -> org.contactpipeline.sink.SinkService.class.getName();
          };
    }

    static ServiceImage of(String image) {
      String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
      for (ServiceImage service : values()) {
        if (repository.equals(service.image) || repository.endsWith("/" + service.image)) {
          return service;
        }
      }
      throw new AssertionError("image " + image + " is none of the services' images");
    }
  }

  private static String dockerfile;

  @BeforeAll
  static void readDockerfile() throws IOException {
    dockerfile = Files.readString(ROOT.resolve("Dockerfile"), StandardCharsets.UTF_8);
  }

  /** The base and every overlay: each directory under deploy/kubernetes with a kustomization. */
  static List<Path> kustomizations() throws IOException {
    try (Stream<Path> files = Files.walk(MANIFESTS)) {
      return files
          .filter(file -> file.getFileName().toString().equals(Kustomize.FILE))
          .map(Path::getParent)
          .sorted()
          .toList();
    }
  }

  @Test
  void shouldHaveABaseAndADemoAndAProductionOverlay() throws IOException {
    assertThat(kustomizations())
        .contains(
            MANIFESTS.resolve("base"),
            MANIFESTS.resolve("overlays/demo"),
            MANIFESTS.resolve("overlays/production"));
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void shouldNameOnlyResourcesAndPatchesThatExist(Path directory) {
    assertThatCode(
            () -> {
              Kustomize.resources(directory);
              Kustomize.patchFiles(directory);
            })
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void shouldMatchTheKubernetesApiSchemaWithNoUnknownField(Path directory) throws IOException {
    List<String> problems = new ArrayList<>();
    for (Map<String, Object> document : Kustomize.render(directory)) {
      problems.addAll(schemaProblems(document));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldRefuseAFieldTheApiDoesNotHaveAndAValueOfTheWrongType() throws IOException {
    Map<String, Object> deployment = copy(workload(render("base"), "contact-ingest"));
    map(deployment.get("spec")).put("replica", 2);
    Map<String, Object> container = containers(deployment).get(0);
    container.put("imagePullPolicy", "Always");
    map(container.get("resources")).put("limit", Map.of("cpu", "1"));
    Map<String, Object> badQuantity = copy(workload(render("base"), "contact-sink"));
    map(containers(badQuantity).get(0).get("resources")).put("requests", Map.of("memory", "1 GB"));
    Map<String, Object> badType = copy(workload(render("base"), "contact-resolver"));
    map(badType.get("spec")).put("replicas", "two");

    assertThat(schemaProblems(deployment))
        .anySatisfy(problem -> assertThat(problem).contains("spec: unknown field [replica]"))
        .anySatisfy(problem -> assertThat(problem).contains("resources: unknown field [limit]"))
        .hasSize(2);
    assertThat(schemaProblems(badQuantity)).singleElement().asString().contains("1 GB");
    assertThat(schemaProblems(badType)).singleElement().asString().contains("two");
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void shouldSelectEachWorkloadsPodsAndNoOtherWorkloads(Path directory) throws IOException {
    Rendering objects = Rendering.of(directory);
    for (HasMetadata workload : objects.workloads()) {
      Map<String, String> podLabels = podTemplate(workload).getMetadata().getLabels();
      assertThat(podLabels)
          .as("%s selects its own pods", name(workload))
          .containsAllEntriesOf(selector(workload));
    }
    for (Service service : objects.all(Service.class)) {
      HasMetadata selected = objects.onlyWorkloadSelectedBy(service.getSpec().getSelector());
      Set<String> portNames =
          podTemplate(selected).getSpec().getContainers().stream()
              .flatMap(container -> container.getPorts().stream())
              .map(ContainerPort::getName)
              .collect(Collectors.toSet());
      for (var port : service.getSpec().getPorts()) {
        assertThat(portNames)
            .as("Service %s targets a named port of %s", name(service), name(selected))
            .contains(port.getTargetPort().getStrVal());
      }
    }
    for (PodDisruptionBudget budget : objects.all(PodDisruptionBudget.class)) {
      objects.onlyWorkloadSelectedBy(budget.getSpec().getSelector().getMatchLabels());
    }
    assertThat(objects.all(PodDisruptionBudget.class))
        .as("a disruption budget per workload")
        .hasSameSizeAs(objects.workloads());
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void shouldProbeAndScrapeTheEndpointsEachServiceServesOnItsPort(Path directory) throws Exception {
    Rendering objects = Rendering.of(directory);
    for (HasMetadata workload : objects.workloads()) {
      PodTemplateSpec pod = podTemplate(workload);
      for (Container container : pod.getSpec().getContainers()) {
        ServiceImage service = ServiceImage.of(container.getImage());
        int port = Integer.parseInt(objects.setting(container, service, service.portSetting));
        String what = name(workload) + " container " + container.getName();

        assertThat(container.getPorts())
            .as(what)
            .extracting(ContainerPort::getContainerPort)
            .containsExactly(port);
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(what).isEqualTo(LIVE);
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(what).isEqualTo(READY);
        assertThat(probePort(container, container.getLivenessProbe().getHttpGet()))
            .as(what)
            .isEqualTo(port);
        assertThat(probePort(container, container.getReadinessProbe().getHttpGet()))
            .as(what)
            .isEqualTo(port);
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        assertThat(annotations)
            .as(what)
            .containsEntry("prometheus.io/scrape", "true")
            .containsEntry("prometheus.io/port", Integer.toString(port))
            .containsEntry("prometheus.io/path", METRICS);
      }
    }
  }

  /**
   * The probed paths are the services' real ones, and wired the right way round: with the pipeline
   * down, liveness holds (no restart) and readiness does not (no traffic).
   */
  @Test
  void shouldFindTheProbedPathsServedLiveWhileNotReadyByEveryService() throws Exception {
    HealthCheck up = HealthCheck.of("process", () -> HealthStatus.up("working"));
    HealthCheck down = HealthCheck.of("pipeline", () -> HealthStatus.down("away"));
    HttpClient http = HttpClient.newHttpClient();
    ServiceMetrics metrics = ServiceMetrics.create("ingest");
    var ingest =
        IngestApp.create(
                0,
                new com.fasterxml.jackson.databind.ObjectMapper(),
                new HealthEndpoint(List.of(down), List.of(up)),
                List.of(),
                Backpressure.unlimited(),
                metrics)
            .start();
    try (HealthServer health =
        HealthServer.start(
            new InetSocketAddress("127.0.0.1", 0), List.of(up), List.of(down), () -> "")) {
      for (int port : List.of(ingest.port(), health.port())) {
        assertThat(status(http, port, LIVE)).as("%s on %d", LIVE, port).isEqualTo(200);
        assertThat(status(http, port, READY)).as("%s on %d", READY, port).isEqualTo(503);
        assertThat(status(http, port, METRICS)).as("%s on %d", METRICS, port).isEqualTo(200);
      }
    } finally {
      ingest.stop();
      metrics.close();
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void shouldSetOnlyVariablesTheServiceReads(Path directory) throws IOException {
    Rendering objects = Rendering.of(directory);
    for (Container container : objects.containers()) {
      ServiceImage service = ServiceImage.of(container.getImage());
      for (String variable : objects.variables(container).keySet()) {
        assertThat(unreadVariable(service, variable))
            .as("%s in %s", variable, container.getName())
            .isNull();
      }
    }
    // JAVA_OPTS and CLASS_ARCHIVE_DIR are the image's, not settings: its entrypoint reads them
    // (StartServiceScriptTest runs it).
    assertThat(dockerfile).contains("ENTRYPOINT [\"/app/start-service.sh\"]");
    assertThat(Files.readString(ROOT.resolve("deploy/docker/start-service.sh")))
        .contains("${JAVA_OPTS:-}")
        .contains("CLASS_ARCHIVE_DIR");
  }

  @Test
  void shouldRefuseAVariableNoServiceReads() {
    assertThat(unreadVariable(ServiceImage.INGEST, "HTTP_PORT")).isNull();
    assertThat(unreadVariable(ServiceImage.INGEST, "KAFKA_SASL_JAAS_CONFIG")).isNull();
    assertThat(unreadVariable(ServiceImage.RESOLVER, "KAFKA_TOPIC_MIN_INSYNC_REPLICAS")).isNull();
    assertThat(unreadVariable(ServiceImage.INGEST, "COMMANDS_PARTITIONS")).isNotNull();
    assertThat(unreadVariable(ServiceImage.SINK, "KAFKA_BOOTSTRAP_SERVER")).isNotNull();
    assertThat(unreadVariable(ServiceImage.RESOLVER, "RESOLVER_BACKLOG_COMMIT_INTERVAL_MS"))
        .isNotNull();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void shouldTakeEveryVariableFromOneExistingSourceAndCredentialsFromSecretsOnly(Path directory)
      throws IOException {
    Rendering objects = Rendering.of(directory);
    assertThat(objects.documents)
        .as("no Secret in the repository")
        .noneSatisfy(document -> assertThat(document.get("kind")).isEqualTo("Secret"));
    Map<String, Set<String>> documented = documentedSecrets();
    for (Container container : objects.containers()) {
      Set<String> seen = new HashSet<>();
      for (EnvFromSource source : container.getEnvFrom()) {
        assertThat(source.getSecretRef()).as("secrets by key, so their names show").isNull();
        ConfigMap configMap = objects.configMap(source.getConfigMapRef().getName());
        for (String key : configMap.getData().keySet()) {
          assertThat(seen.add(key)).as("%s set twice in %s", key, container.getName()).isTrue();
        }
      }
      for (EnvVar variable : container.getEnv()) {
        assertThat(seen.add(variable.getName()))
            .as("%s set twice in %s", variable.getName(), container.getName())
            .isTrue();
        var from = variable.getValueFrom();
        if (from != null && from.getSecretKeyRef() != null) {
          var secret = from.getSecretKeyRef();
          assertThat(documented.getOrDefault(secret.getName(), Set.of()))
              .as(
                  "the guide's example creates Secret %s with %s",
                  secret.getName(), secret.getKey())
              .contains(secret.getKey());
        }
        if (from != null && from.getConfigMapKeyRef() != null) {
          assertThat(objects.configMap(from.getConfigMapKeyRef().getName()).getData())
              .containsKey(from.getConfigMapKeyRef().getKey());
        }
      }
      for (String credential :
          List.of("DATABASE_PASSWORD", "KAFKA_SASL_JAAS_CONFIG", "AUTH_TENANT_TOKENS")) {
        assertThat(objects.configMaps())
            .as("%s is a credential: from a Secret", credential)
            .noneSatisfy(configMap -> assertThat(configMap.getData()).containsKey(credential));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void shouldGiveEachSinkPodItsOwnStaticMembership(Path directory) throws IOException {
    Rendering objects = Rendering.of(directory);
    Deployment sink = objects.named(Deployment.class, "contact-sink");
    Container container = sink.getSpec().getTemplate().getSpec().getContainers().get(0);

    EnvVar instanceId = objects.explicit(container, "SINK_INSTANCE_ID");
    assertThat(instanceId.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void shouldKeepTheResolversStateAndIdentityAcrossRestarts(Path directory) throws IOException {
    Rendering objects = Rendering.of(directory);
    StatefulSet resolver = objects.all(StatefulSet.class).get(0);
    Container container = resolver.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(ServiceImage.of(container.getImage())).isEqualTo(ServiceImage.RESOLVER);

    Service headless = objects.named(Service.class, resolver.getSpec().getServiceName());
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(podTemplate(resolver).getMetadata().getLabels())
        .containsAllEntriesOf(headless.getSpec().getSelector());

    EnvVar instanceId = objects.explicit(container, "RESOLVER_INSTANCE_ID");
    assertThat(instanceId.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    String stateDir = objects.setting(container, ServiceImage.RESOLVER, "resolver.state-dir");
    assertThat(resolver.getSpec().getVolumeClaimTemplates())
        .singleElement()
        .satisfies(
            claim -> {
              assertThat(container.getVolumeMounts())
                  .anySatisfy(
                      mount -> {
                        assertThat(mount.getName()).isEqualTo(claim.getMetadata().getName());
                        assertThat(mount.getMountPath()).isEqualTo(stateDir);
                      });
              assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
            });
    int partitions =
        Integer.parseInt(objects.setting(container, ServiceImage.RESOLVER, "commands.partitions"));
    assertThat(resolver.getSpec().getReplicas())
        .as("an instance beyond one per partition has no task")
        .isBetween(1, partitions);
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void shouldDefineTheTopicsAsTopicLayoutDoesWithTheResolversP(Path directory) throws IOException {
    Rendering objects = Rendering.of(directory);
    Map<String, KafkaTopic> topics = objects.topics();
    assertThat(topics.keySet())
        .containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topic::name).toList());
    Container resolver = objects.containerOf(ServiceImage.RESOLVER);
    int partitions =
        Integer.parseInt(objects.setting(resolver, ServiceImage.RESOLVER, "commands.partitions"));
    int replicas = topics.get(Topics.COMMANDS.name()).getSpec().getReplicas();
    int resultsPartitions = topics.get(Topics.RESULTS.name()).getSpec().getPartitions();

    for (NewTopic expected : TopicLayout.layout(partitions, resultsPartitions, (short) replicas)) {
      KafkaTopic topic = topics.get(expected.name());
      assertThat(topic.getSpec().getPartitions())
          .as(expected.name())
          .isEqualTo(expected.numPartitions());
      assertThat(topic.getSpec().getReplicas())
          .as(expected.name())
          .isEqualTo((int) expected.replicationFactor());
      Map<String, String> config = stringConfig(topic);
      Map<String, String> layoutConfig = expected.configs() == null ? Map.of() : expected.configs();
      assertThat(config).as(expected.name()).containsAllEntriesOf(layoutConfig);
      if (!layoutConfig.containsKey(TopicConfig.CLEANUP_POLICY_CONFIG)) {
        assertThat(config).as(expected.name()).doesNotContainKey(TopicConfig.CLEANUP_POLICY_CONFIG);
      }
    }
    // The Streams application's own topics (store changelogs) are as durable as the pipeline's.
    assertThat(objects.setting(resolver, ServiceImage.RESOLVER, "kafka.replication.factor"))
        .isEqualTo(Integer.toString(replicas));
    assertThat(objects.setting(resolver, ServiceImage.RESOLVER, "kafka.topic.min.insync.replicas"))
        .isEqualTo(stringConfig(topics.get(Topics.COMMANDS.name())).get("min.insync.replicas"));
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void shouldGiveEveryTopicKnownSettingsAStatedRetentionAndOneCluster(Path directory)
      throws IOException {
    Set<String> topicConfigs = constants(TopicConfig.class);
    Map<String, KafkaTopic> topics = Rendering.of(directory).topics();
    for (KafkaTopic topic : topics.values()) {
      Map<String, String> config = stringConfig(topic);
      assertThat(topicConfigs).as(name(topic)).containsAll(config.keySet());
      int minInSync = Integer.parseInt(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
      assertThat(minInSync).as(name(topic)).isBetween(1, topic.getSpec().getReplicas());
      if (topic.getSpec().getReplicas() >= 3) {
        assertThat(minInSync)
            .as("%s survives one broker down", name(topic))
            .isGreaterThanOrEqualTo(2);
      }
      assertThat(topic.getMetadata().getLabels())
          .containsEntry(
              "strimzi.io/cluster",
              topics
                  .get(Topics.COMMANDS.name())
                  .getMetadata()
                  .getLabels()
                  .get("strimzi.io/cluster"));
    }
    assertThat(stringConfig(topics.get(Topics.COMMANDS.name())))
        .containsKey(TopicConfig.RETENTION_MS_CONFIG);
    assertThat(stringConfig(topics.get(Topics.CHANGELOG.name())))
        .containsKey(TopicConfig.DELETE_RETENTION_MS_CONFIG);
  }

  @Test
  void shouldRunProductionTopicsOnThreeReplicasAcknowledgedByTwo() throws IOException {
    for (KafkaTopic topic :
        Rendering.of(MANIFESTS.resolve("overlays/production")).topics().values()) {
      assertThat(topic.getSpec().getReplicas()).as(name(topic)).isEqualTo(3);
      assertThat(stringConfig(topic)).as(name(topic)).containsEntry("min.insync.replicas", "2");
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void shouldBoundEveryContainerAndRunItAsTheImagesUserWithoutServiceLinks(Path directory)
      throws IOException {
    Matcher uid = Pattern.compile("useradd .*--uid (\\d+)").matcher(dockerfile);
    assertThat(uid.find()).isTrue();
    Rendering objects = Rendering.of(directory);
    for (HasMetadata workload : objects.workloads()) {
      var pod = podTemplate(workload).getSpec();
      assertThat(pod.getEnableServiceLinks()).as(name(workload)).isFalse();
      assertThat(pod.getSecurityContext().getRunAsUser())
          .as(name(workload))
          .hasToString(uid.group(1));
      for (Container container : pod.getContainers()) {
        var resources = container.getResources();
        for (String resource : List.of("cpu", "memory")) {
          Quantity request = resources.getRequests().get(resource);
          Quantity limit = resources.getLimits().get(resource);
          assertThat(request).as("%s %s request", name(workload), resource).isNotNull();
          assertThat(limit).as("%s %s limit", name(workload), resource).isNotNull();
          assertThat(Quantity.getAmountInBytes(request))
              .as("%s %s", name(workload), resource)
              .isLessThanOrEqualTo(Quantity.getAmountInBytes(limit));
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void shouldRunImagesTheGuideBuildsFromTheDockerfileWithTheirMainClasses(Path directory)
      throws IOException {
    assertThat(dockerfile).contains("ARG MAIN_CLASS");
    Map<String, String> built = new HashMap<>();
    Matcher build =
        Pattern.compile("--build-arg MAIN_CLASS=(\\S+) -t \\S*?([a-z-]+):\\S+")
            .matcher(Files.readString(GUIDE, StandardCharsets.UTF_8));
    while (build.find()) {
      built.put(build.group(2), build.group(1));
    }
    for (Container container : Rendering.of(directory).containers()) {
      ServiceImage service = ServiceImage.of(container.getImage());
      assertThat(container.getImage()).matches(".+:[^:/]+").doesNotEndWith(":latest");
      assertThat(built)
          .as("the guide builds %s", service.image)
          .containsEntry(service.image, service.mainClass);
      assertThatCode(() -> Class.forName(service.mainClass).getMethod("main", String[].class))
          .doesNotThrowAnyException();
    }
  }

  /** Where a kubectl with a current kustomize is at hand, its rendering is this test's. */
  @ParameterizedTest
  @MethodSource("kustomizations")
  void shouldRenderAsKubectlKustomizeDoesWhereOneIsInstalled(Path directory) throws Exception {
    Assumptions.assumeTrue(kubectlWithCurrentKustomize(), "no kubectl with kustomize v4 or later");
    Process kubectl =
        new ProcessBuilder("kubectl", "kustomize", directory.toString())
            .redirectErrorStream(false)
            .start();
    String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kubectl.exitValue()).isZero();
    List<Map<String, Object>> theirs = new ArrayList<>();
    for (Object document : new org.yaml.snakeyaml.Yaml().loadAll(output)) {
      theirs.add(map(document));
    }
    assertThat(byIdentity(Kustomize.render(directory))).isEqualTo(byIdentity(theirs));
  }

  // --- schema ---

  /** What the API server would refuse in {@code document}: unknown kinds, fields, types, sizes. */
  private static List<String> schemaProblems(Map<String, Object> document) {
    String where = Kustomize.identity(document);
    Class<? extends HasMetadata> model =
        MODELS.get(document.get("apiVersion") + " " + document.get("kind"));
    if (model == null) {
      return List.of(
          where + ": no schema for " + document.get("apiVersion") + " " + document.get("kind"));
    }
    HasMetadata object;
    try {
      object = Rendering.JSON.convertValue(document, model);
    } catch (IllegalArgumentException e) {
      return List.of(where + ": " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    unknownFields(object, where, problems, 0);
    if (object.getMetadata().getName() == null
        || !DNS_LABEL.matcher(object.getMetadata().getName()).matches()) {
      problems.add(where + ": metadata.name is not a DNS label");
    }
    quantities(object, where, problems, 0);
    if (podTemplateOrNull(object) != null) {
      for (Container container : podTemplateOrNull(object).getSpec().getContainers()) {
        if (container.getName() == null || container.getImage() == null) {
          problems.add(where + ": a container needs a name and an image");
        }
      }
    }
    return problems;
  }

  /**
   * The generated model keeps fields it does not know in {@code additionalProperties} instead of
   * failing: every such map in the tree is a field the API does not have.
   */
  private static void unknownFields(Object node, String path, List<String> problems, int depth) {
    if (node == null || depth > 40 || !isModel(node)) {
      if (node instanceof Collection<?> elements) {
        int i = 0;
        for (Object element : elements) {
          unknownFields(element, path + "[" + i++ + "]", problems, depth + 1);
        }
      } else if (node instanceof Map<?, ?> entries) {
        entries.forEach(
            (key, value) -> unknownFields(value, path + "." + key, problems, depth + 1));
      }
      return;
    }
    for (Method getter : getters(node.getClass())) {
      Object value = invoke(getter, node);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
          problems.add(
              path
                  + ": unknown field "
                  + new java.util.TreeSet<>(
                      unknown.keySet().stream().map(Object::toString).toList()));
        }
      } else {
        unknownFields(value, path + "." + property(getter), problems, depth + 1);
      }
    }
  }

  private static void quantities(Object node, String path, List<String> problems, int depth) {
    if (node instanceof Quantity quantity) {
      try {
        Quantity.getAmountInBytes(quantity);
      } catch (IllegalArgumentException e) {
        problems.add(path + ": not a quantity: " + quantity);
      }
      return;
    }
    if (node == null || depth > 40) {
      return;
    }
    if (node instanceof Collection<?> elements) {
      elements.forEach(element -> quantities(element, path, problems, depth + 1));
    } else if (node instanceof Map<?, ?> entries) {
      entries.forEach((key, value) -> quantities(value, path + "." + key, problems, depth + 1));
    } else if (isModel(node)) {
      for (Method getter : getters(node.getClass())) {
        quantities(invoke(getter, node), path + "." + property(getter), problems, depth + 1);
      }
    }
  }

  private static boolean isModel(Object node) {
    String type = node.getClass().getName();
    return type.startsWith("io.fabric8.kubernetes.api.model.")
        || type.startsWith("io.strimzi.api.");
  }

  private static List<Method> getters(Class<?> type) {
    List<Method> getters = new ArrayList<>();
    for (Method method : type.getMethods()) {
      if (method.getParameterCount() == 0
          && !Modifier.isStatic(method.getModifiers())
          && method.getName().startsWith("get")
          && method.getDeclaringClass().getName().startsWith("io.")
          && !method.getReturnType().isPrimitive()
          && method.getReturnType() != String.class) {
        getters.add(method);
      }
    }
    return getters;
  }

  private static Object invoke(Method getter, Object node) {
    try {
      return getter.invoke(node);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return null;
    }
  }

  private static String property(Method getter) {
    String name = getter.getName().substring(3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  // --- settings ---

  /** Why {@code variable} would be lost on {@code service}, or null when it reads it. */
  private static String unreadVariable(ServiceImage service, String variable) {
    if (variable.equals(Settings.CONFIG_FILE_VARIABLE)
        || variable.equals("JAVA_OPTS")
        || variable.equals("CLASS_ARCHIVE_DIR")) {
      return null;
    }
    Set<String> renamed =
        RenamedSettings.RENAMED.keySet().stream()
            .map(Settings::environmentName)
            .collect(Collectors.toSet());
    if (renamed.contains(variable)) {
      return "a renamed setting";
    }
    if (service.defaults.keySet().stream()
        .map(Settings::environmentName)
        .anyMatch(variable::equals)) {
      return null;
    }
    if (variable.startsWith("KAFKA_")) {
      String property =
          variable
              .substring("KAFKA_".length())
              .toLowerCase(java.util.Locale.ROOT)
              .replace('_', '.');
      return kafkaProperties(service).contains(property)
          ? null
          : "kafka." + property + " is no Kafka client property of " + service.image;
    }
    return "not a setting of " + service.image;
  }

  /** The Kafka client properties a service's clients take, with Kafka Streams' prefixes. */
  private static Set<String> kafkaProperties(ServiceImage service) {
    Set<String> clients = new HashSet<>();
    clients.addAll(ProducerConfig.configNames());
    clients.addAll(ConsumerConfig.configNames());
    clients.addAll(AdminClientConfig.configNames());
    if (service != ServiceImage.RESOLVER) {
      return clients;
    }
    Set<String> streams = new HashSet<>(clients);
    streams.addAll(StreamsConfig.configDef().names());
    for (String prefix : List.of("producer.", "consumer.", "main.consumer.", "admin.")) {
      clients.forEach(name -> streams.add(prefix + name));
    }
    constants(TopicConfig.class).forEach(name -> streams.add("topic." + name));
    return streams;
  }

  private static Set<String> constants(Class<?> type) {
    Set<String> names = new HashSet<>();
    for (var field : type.getFields()) {
      if (field.getName().endsWith("_CONFIG") && field.getType() == String.class) {
        try {
          names.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    return names;
  }

  /** Secret name to its keys, from the guide's {@code kubectl create secret generic} examples. */
  private static Map<String, Set<String>> documentedSecrets() throws IOException {
    Map<String, Set<String>> secrets = new HashMap<>();
    String guide = Files.readString(GUIDE, StandardCharsets.UTF_8).replace("\\\n", " ");
    Matcher command =
        Pattern.compile("kubectl create secret generic (\\S+)([^\\n]*)").matcher(guide);
    while (command.find()) {
      Matcher literal = Pattern.compile("--from-literal=([A-Z0-9_]+)=").matcher(command.group(2));
      Set<String> keys = secrets.computeIfAbsent(command.group(1), name -> new HashSet<>());
      while (literal.find()) {
        keys.add(literal.group(1));
      }
    }
    return secrets;
  }

  // --- helpers ---

  private static List<Map<String, Object>> render(String directory) throws IOException {
    return Kustomize.render(MANIFESTS.resolve(directory));
  }

  private static Map<String, Object> workload(List<Map<String, Object>> documents, String name) {
    return documents.stream()
        .filter(document -> map(document.get("metadata")).get("name").equals(name))
        .filter(document -> !containers(document).isEmpty())
        .findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> document) {
    return Rendering.JSON.convertValue(document, LinkedHashMap.class);
  }

  private static Map<String, Map<String, Object>> byIdentity(List<Map<String, Object>> documents) {
    Map<String, Map<String, Object>> byIdentity = new TreeMap<>();
    documents.forEach(document -> byIdentity.put(Kustomize.identity(document), document));
    return byIdentity;
  }

  private static boolean kubectlWithCurrentKustomize() {
    try {
      Process version = new ProcessBuilder("kubectl", "version", "--client").start();
      String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      version.waitFor(30, TimeUnit.SECONDS);
      Matcher kustomize = Pattern.compile("Kustomize Version: v(\\d+)").matcher(output);
      return kustomize.find() && Integer.parseInt(kustomize.group(1)) >= 4;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int status(HttpClient http, int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static int probePort(Container container, HTTPGetAction probe) {
    IntOrString port = probe.getPort();
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container.getPorts().stream()
        .filter(candidate -> port.getStrVal().equals(candidate.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no port named " + port.getStrVal()));
  }

  private static Map<String, String> stringConfig(KafkaTopic topic) {
    Map<String, String> config = new TreeMap<>();
    topic.getSpec().getConfig().forEach((key, value) -> config.put(key, String.valueOf(value)));
    return config;
  }

  private static PodTemplateSpec podTemplate(HasMetadata workload) {
    PodTemplateSpec template = podTemplateOrNull(workload);
    assertThat(template).as(name(workload)).isNotNull();
    return template;
  }

  private static PodTemplateSpec podTemplateOrNull(HasMetadata workload) {
    if (workload instanceof Deployment deployment) {
      return deployment.getSpec().getTemplate();
    }
    if (workload instanceof StatefulSet statefulSet) {
      return statefulSet.getSpec().getTemplate();
    }
    return null;
  }

  private static Map<String, String> selector(HasMetadata workload) {
    return workload instanceof Deployment deployment
        ? deployment.getSpec().getSelector().getMatchLabels()
        : ((StatefulSet) workload).getSpec().getSelector().getMatchLabels();
  }

  private static String name(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }

  /** One rendering, read into the API's model. */
  private static final class Rendering {

    static final com.fasterxml.jackson.databind.ObjectMapper JSON =
        new com.fasterxml.jackson.databind.ObjectMapper();

    final List<Map<String, Object>> documents;
    final List<HasMetadata> objects = new ArrayList<>();

    private Rendering(List<Map<String, Object>> documents) {
      this.documents = documents;
      for (Map<String, Object> document : documents) {
        assertThat(schemaProblems(document)).isEmpty();
        objects.add(
            JSON.convertValue(
                document, MODELS.get(document.get("apiVersion") + " " + document.get("kind"))));
      }
    }

    static Rendering of(Path directory) throws IOException {
      return new Rendering(Kustomize.render(directory));
    }

    <T> List<T> all(Class<T> type) {
      return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> type, String name) {
      return all(type).stream()
          .filter(object -> object.getMetadata().getName().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    List<HasMetadata> workloads() {
      return objects.stream().filter(object -> podTemplateOrNull(object) != null).toList();
    }

    List<Container> containers() {
      return workloads().stream()
          .flatMap(workload -> podTemplate(workload).getSpec().getContainers().stream())
          .toList();
    }

    Container containerOf(ServiceImage service) {
      return containers().stream()
          .filter(container -> ServiceImage.of(container.getImage()) == service)
          .findFirst()
          .orElseThrow();
    }

    HasMetadata onlyWorkloadSelectedBy(Map<String, String> selector) {
      assertThat(selector).isNotEmpty();
      List<HasMetadata> selected =
          workloads().stream()
              .filter(
                  workload ->
                      podTemplate(workload)
                          .getMetadata()
                          .getLabels()
                          .entrySet()
                          .containsAll(selector.entrySet()))
              .toList();
      assertThat(selected).as("workloads selected by %s", selector).hasSize(1);
      return selected.get(0);
    }

    List<ConfigMap> configMaps() {
      return all(ConfigMap.class);
    }

    ConfigMap configMap(String name) {
      return named(ConfigMap.class, name);
    }

    Map<String, KafkaTopic> topics() {
      Map<String, KafkaTopic> topics = new LinkedHashMap<>();
      for (KafkaTopic topic : all(KafkaTopic.class)) {
        String name =
            topic.getSpec().getTopicName() != null
                ? topic.getSpec().getTopicName()
                : topic.getMetadata().getName();
        assertThat(topics.put(name, topic)).as("topic %s defined twice", name).isNull();
      }
      return topics;
    }

    EnvVar explicit(Container container, String name) {
      return container.getEnv().stream()
          .filter(variable -> variable.getName().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError(container.getName() + " sets no " + name));
    }

    /**
     * Every variable of a container: from its ConfigMaps, then its own (which win), values or null.
     */
    Map<String, String> variables(Container container) {
      Map<String, String> variables = new LinkedHashMap<>();
      for (EnvFromSource source : container.getEnvFrom()) {
        variables.putAll(configMap(source.getConfigMapRef().getName()).getData());
      }
      for (EnvVar variable : container.getEnv()) {
        variables.put(variable.getName(), variable.getValue());
      }
      return variables;
    }

    /**
     * The value a service in this container reads for {@code key}: its variable, else the default.
     */
    String setting(Container container, ServiceImage service, String key) {
      String value = variables(container).get(Settings.environmentName(key));
      if (value == null) {
        value = service.defaults.get(key);
      }
      assertThat(value).as("%s of %s", key, container.getName()).isNotNull();
      return value;
    }
  }
}
