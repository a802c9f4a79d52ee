package org.contactpipeline.chaos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.contactpipeline.config.ConsumerGroups;
import org.contactpipeline.deploy.TopicLayout;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.stack.FreePort;
import org.contactpipeline.testing.Poll;

/**
 * The scale-out figure (docs/scaling.md): the same bulk load of new contacts resolved by 1, 2 and 3
 * resolver instances, each its own JVM with its own {@code RESOLVER_INSTANCE_ID} and state
 * directory, started from its module's jar and runtime classpath as the chaos test starts them
 * ({@link Deployment}), on a 3-node KRaft cluster ({@link KafkaCluster}). Every step gets a fresh
 * cluster, so no step inherits another's topics, state or transactions. Per step it reports
 * contacts/s and the resolvers' CPU seconds per 1,000 contacts, each as a ratio to the first step
 * ({@link ScaleOutReport}). The sink and ingest do not run: the resolver's readiness needs neither,
 * and the figure is the resolver's.
 *
 * <p>Not a test: {@code ./mvnw -q -pl system-tests -am install -DskipTests exec:exec@scale-out},
 * with {@code -Dscale.contacts}, {@code -Dscale.instances}, {@code -Dscale.partitions}, {@code
 * -Dscale.warmup} and {@code -Dscale.standby-replicas}. Every child JVM is killed by its PID when a
 * step ends, when a step fails and, by a shutdown hook, when the benchmark itself is stopped.
 */
public final class ScaleOutBenchmark {

  private static final Duration START = Duration.ofSeconds(180);
  private static final Duration RESULTS_DEADLINE = Duration.ofMinutes(15);

  /** Production-like JVMs (G1, both JIT compilers), not the chaos test's C1-only small ones. */
  private static final ChildJvm.Tuning JVM = ChildJvm.Tuning.jvmDefaults("1g");

  private static final String STORE_CHANGELOGS = "store changelogs";

  /** The options, from system properties. */
  record Plan(
      int contacts, List<Integer> instances, int partitions, int warmUp, int standbyReplicas) {

    static Plan fromSystemProperties() {
      Plan plan =
          new Plan(
              Integer.getInteger("scale.contacts", 100_000),
              Arrays.stream(System.getProperty("scale.instances", "1,2,3").split(","))
                  .map(String::strip)
                  .map(Integer::valueOf)
                  .toList(),
              Integer.getInteger("scale.partitions", 6),
              Integer.getInteger("scale.warmup", 20_000),
              Integer.getInteger("scale.standby-replicas", 1));
      for (int instances : plan.instances()) {
        if (instances < 1 || instances > plan.partitions()) {
          throw new IllegalArgumentException(
              "scale.instances: "
                  + instances
                  + " instances with P = "
                  + plan.partitions()
                  + "; each needs at least one of the P tasks");
        }
      }
      return plan;
    }
  }

  private final Plan plan;
  private final ProcessCpu cpu = ProcessCpu.ofThisMachine();

  /** Every child JVM ever built, for the shutdown hook; killing a dead one does nothing. */
  private final List<AutoCloseable> children = new CopyOnWriteArrayList<>();

  private ScaleOutBenchmark(Plan plan) {
    this.plan = plan;
  }

  public static void main(String[] args) throws Exception {
    Plan plan = Plan.fromSystemProperties();
    ScaleOutBenchmark benchmark = new ScaleOutBenchmark(plan);
    Thread killChildren = new Thread(benchmark::killChildren, "scale-out-kill-children");
    Runtime.getRuntime().addShutdownHook(killChildren);
    Path dir = Files.createTempDirectory("scale-out");
    progress("child logs and data in %s", dir);
    List<ScaleOutReport.Step> steps = new ArrayList<>();
    for (int instances : plan.instances()) {
      steps.add(benchmark.step(instances, Files.createDirectories(dir.resolve(instances + "x"))));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ScaleOutReport(new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .print(
            new ScaleOutReport.Setup(
                plan.contacts(),
                plan.warmUp(),
                plan.partitions(),
                KafkaCluster.NODES,
                plan.standbyReplicas(),
                Runtime.getRuntime().availableProcessors(),
                benchmark.cpu.ticksPerSecond()),
            steps);
    String report = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(report);
    Path file = Path.of("target", "scale-out-report.txt");
    Files.writeString(file, report, StandardCharsets.UTF_8);
    progress("report written to %s", file.toAbsolutePath());
    // Only a run that succeeded removes its folder: a failed one keeps the child logs.
    deleteRecursively(dir);
    Runtime.getRuntime().removeShutdownHook(killChildren);
  }

  /** One step on a cluster of its own; every JVM of it is killed before it returns or throws. */
  private ScaleOutReport.Step step(int instances, Path dir) throws Exception {
    progress("%d resolver instance(s): starting %d brokers", instances, KafkaCluster.NODES);
    try (KafkaCluster cluster = new KafkaCluster(dir, JVM, false)) {
      children.add(cluster);
      cluster.start();
      cluster.awaitNodes(KafkaCluster.NODES, START);
      String bootstrap = cluster.bootstrapServers();
      TopicLayout.ensureTopics(
          Map.<String, Object>of("bootstrap.servers", bootstrap),
          plan.partitions(),
          plan.partitions(),
          (short) 3);
      Deployment deployment = Deployment.resolvers(bootstrap, plan.partitions(), dir, JVM);
      Map<String, String> environment =
          Map.of(
              // Streams' own topics (store changelogs) replicated like the rest.
              "KAFKA_REPLICATION_FACTOR",
              "3",
              "RESOLVER_STANDBY_REPLICAS",
              Integer.toString(plan.standbyReplicas()));
      List<ServiceJvm> resolvers = new ArrayList<>();
      try {
        for (int i = 1; i <= instances; i++) {
          ServiceJvm resolver = deployment.resolver("resolver-" + i, FreePort.pick(), environment);
          children.add(resolver);
          resolvers.add(resolver);
          resolver.start();
        }
        for (ServiceJvm resolver : resolvers) {
          resolver.awaitReady(START);
        }
        awaitTasksSpread(bootstrap, instances);
        BulkUpserts load = new BulkUpserts(bootstrap, RESULTS_DEADLINE);
        if (plan.warmUp() > 0) {
          progress("%d resolver instance(s): %,d unmeasured contacts", instances, plan.warmUp());
          load.run("warm-up", plan.warmUp(), () -> {});
          awaitTasksSpread(bootstrap, instances);
        }
        progress("%d resolver instance(s): %,d measured contacts", instances, plan.contacts());
        List<Long> resolverPids = resolvers.stream().map(ServiceJvm::pid).toList();
        List<Long> brokerPids =
            IntStream.range(0, KafkaCluster.NODES).mapToObj(i -> cluster.node(i).pid()).toList();
        double[] before = new double[2];
        BulkUpserts.Timing timing =
            load.run(
                "measured",
                plan.contacts(),
                () -> {
                  before[0] = cpu.seconds(resolverPids);
                  before[1] = cpu.seconds(brokerPids);
                });
        double resolverCpu = cpu.seconds(resolverPids) - before[0];
        double brokerCpu = cpu.seconds(brokerPids) - before[1];
        requireAlive(resolvers);
        ScaleOutReport.TopicBytes bytes = topicBytes(bootstrap, plan.warmUp() + plan.contacts());
        ScaleOutReport.Step step =
            new ScaleOutReport.Step(
                instances,
                plan.contacts(),
                timing.publishSeconds(),
                timing.resultsSeconds(),
                resolverCpu,
                brokerCpu,
                bytes);
        progress(
            "%d resolver instance(s): %,.0f contacts/s, %.3f resolver CPU s per 1,000",
            instances, step.contactsPerSecond(), step.resolverCpuPerThousand());
        return step;
      } finally {
        resolvers.forEach(ServiceJvm::close);
      }
    }
  }

  /**
   * Until the resolvers' group is stable with every instance a member owning at least one partition
   * of {@code contact.commands} and all P owned: a step measures the instances it names, not a
   * rebalance.
   */
  private void awaitTasksSpread(String bootstrap, int instances) {
    try (Admin admin =
        Admin.create(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "request.timeout.ms",
                "3000",
                "default.api.timeout.ms",
                "5000"))) {
      if (!Poll.holdsWithin(START, () -> tasksSpread(admin, instances))) {
        throw new IllegalStateException(
            "the resolvers' tasks were not spread over " + instances + " instances in " + START);
      }
    }
  }

  private boolean tasksSpread(Admin admin, int instances) {
    try {
      ConsumerGroupDescription group =
          admin
              .describeConsumerGroups(List.of(ConsumerGroups.RESOLVER))
              .describedGroups()
              .get(ConsumerGroups.RESOLVER)
              .get(5, TimeUnit.SECONDS);
      if (group.groupState() != GroupState.STABLE || group.members().size() != instances) {
        return false;
      }
      Set<Integer> owned = new HashSet<>();
      for (MemberDescription member : group.members()) {
        List<Integer> partitions =
            member.assignment().topicPartitions().stream()
                .filter(partition -> partition.topic().equals(Topics.COMMANDS.name()))
                .map(TopicPartition::partition)
                .toList();
        if (partitions.isEmpty()) {
          return false;
        }
        owned.addAll(partitions);
      }
      return owned.size() == plan.partitions();
    } catch (Exception e) {
      return false; // not up yet, or rebalancing
    }
  }

  /** Log sizes by topic on every broker, every replica. */
  private static ScaleOutReport.TopicBytes topicBytes(String bootstrap, long contacts)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      List<Integer> brokers = IntStream.rangeClosed(1, KafkaCluster.NODES).boxed().toList();
      Map<String, Long> bytes = new HashMap<>();
      for (Map<String, LogDirDescription> dirs :
          admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS).values()) {
        for (LogDirDescription dir : dirs.values()) {
          dir.replicaInfos()
              .forEach(
                  (partition, replica) ->
                      bytes.merge(family(partition), replica.size(), Long::sum));
        }
      }
      return new ScaleOutReport.TopicBytes(
          contacts,
          bytes.getOrDefault(Topics.COMMANDS.name(), 0L),
          bytes.getOrDefault(Topics.RESULTS.name(), 0L),
          bytes.getOrDefault(Topics.CHANGELOG.name(), 0L),
          bytes.getOrDefault(STORE_CHANGELOGS, 0L));
    }
  }

  /** A pipeline topic by its name; the resolver's store changelogs as one. */
  private static String family(TopicPartition partition) {
    String topic = partition.topic();
    return topic.startsWith(ConsumerGroups.RESOLVER + "-") && topic.endsWith("-changelog")
        ? STORE_CHANGELOGS
        : topic;
  }

  private static void requireAlive(List<ServiceJvm> resolvers) {
    for (ServiceJvm resolver : resolvers) {
      if (!resolver.isAlive()) {
        throw new IllegalStateException(
            resolver.name() + " exited during the step; see " + resolver.log());
      }
    }
  }

  private void killChildren() {
    for (AutoCloseable child : children) {
      try {
        child.close();
      } catch (Exception e) {
        System.err.println("could not kill " + child + ": " + e);
      }
    }
  }

  private static void progress(String format, Object... args) {
    System.out.printf(Locale.ROOT, "  .. " + format + "%n", args);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
