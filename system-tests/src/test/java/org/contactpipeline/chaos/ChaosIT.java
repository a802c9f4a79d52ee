package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.contactpipeline.deploy.TopicLayout;
import org.contactpipeline.stack.FreePort;
import org.contactpipeline.stack.LocalPostgres;
import org.contactpipeline.testing.MaterializerProgress;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pipeline as deployed, under load, while its parts are SIGKILLed and brought back on a
 * schedule: a 3-node KRaft cluster (replication 3, min ISR 2) and PostgreSQL, two resolver
 * instances, the sink and ingest, each its own JVM from its own runtime classpath. Load is HTTP
 * establish from several clients and commands from a plain producer, about 30 % of keys repeated
 * ({@link LoadDriver}); the kills, pauses and broker partitions follow {@link FaultSchedule}.
 * Afterwards, with a deadline, the invariants must hold ({@link InvariantChecks}: one ID per key,
 * no shared ID, exactly one committed result per accepted command, PostgreSQL equal to the
 * changelog's last golden records, versions never going back, every 200 consistent with the
 * results); the availability and recovery figures ({@link FaultWindows}, {@link Goals}) are printed
 * and written to target/chaos-report.txt, each against its goal ({@link ChaosReport}).
 *
 * <p>The short variant (about 95 s of load) runs in every {@code verify}; {@code -Pchaos-long} runs
 * 600 s with more faults and fails on a missed goal ({@code -Dchaos.enforce-goals=true}, which its
 * profile sets); the short variant only reports the goals: its few faults on a shared 2-core
 * machine are a measurement, the invariants are not.
 */
class ChaosIT {

  static final int PARTITIONS = 6;
  static final Duration DRAIN_DEADLINE = Duration.ofSeconds(120);
  private static final Duration START = Duration.ofSeconds(150);

  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private final long begin = System.nanoTime();

  @Test
  @Timeout(1200)
  void shouldKeepEveryInvariantAndAnswerThroughKillsPausesAndABrokerPartition() throws Exception {
    int loadSeconds = Integer.getInteger("chaos.load-seconds", 95);
    Path dir = Files.createTempDirectory("chaos-test");
    try (KafkaCluster cluster = new KafkaCluster(dir)) {
      cluster.start();
      cluster.awaitNodes(KafkaCluster.NODES, START);
      try (ChaosDatabase database = ChaosDatabase.start(dir.resolve("postgres"))) {
        String bootstrap = cluster.bootstrapServers();
        TopicLayout.ensureTopics(
            Map.<String, Object>of("bootstrap.servers", bootstrap),
            PARTITIONS,
            PARTITIONS,
            (short) 3);
        // Everything else at its documented default: the sessions, the rebalance timeouts, the
        // transactional state stores are what a deployment runs with.
        Map<String, String> extra =
            Map.of(
                // Streams' own topics (changelogs, repartitions) replicated like the rest.
                "KAFKA_REPLICATION_FACTOR", "3");
        Deployment deployment =
            new Deployment(
                bootstrap, database.server().jdbcUrl(), database.server().user(), PARTITIONS, dir);
        int ingestPort = FreePort.pick();
        try (ServiceJvm resolverA = deployment.resolver("resolver-a", FreePort.pick(), extra);
            ServiceJvm resolverB = deployment.resolver("resolver-b", FreePort.pick(), extra);
            ServiceJvm sink = deployment.sink(FreePort.pick(), extra);
            ServiceJvm ingest = deployment.ingest(ingestPort, extra)) {
          List<ServiceJvm> services = List.of(resolverA, resolverB, sink, ingest);
          resolverA.start();
          resolverB.start();
          sink.start();
          sink.awaitReady(START);
          ingest.start();
          for (ServiceJvm service : services) {
            service.awaitReady(START);
          }
          // A rolling restart before the load, as a deployment's first update makes one: each
          // service writes its class-data archive as it stops, and every start from here on, the
          // faults' restarts included, maps its classes from it (the Docker image's
          // CLASS_ARCHIVE_DIR
          // does the same).
          for (ServiceJvm service : services) {
            service.restartCleanly();
            service.awaitReady(START);
          }
          double startSeconds = (System.nanoTime() - begin) / 1e9;

          LoadDriver.Load load;
          Findings findings;
          Goals goals;
          int ownershipSamples;
          try (ResultsCollector results = new ResultsCollector(bootstrap);
              PartitionOwners owners = new PartitionOwners(bootstrap);
              MaterializerProgress materializer = new MaterializerProgress(bootstrap, PARTITIONS)) {
            long loadStart = System.nanoTime();
            LoadDriver driver = new LoadDriver(run, ingestPort, bootstrap);
            FaultSchedule faults =
                new FaultSchedule(
                    cluster,
                    List.of(resolverA, resolverB),
                    sink,
                    ingest,
                    owners,
                    materializer,
                    database);
            driver.start(loadStart + Duration.ofSeconds(loadSeconds).toNanos());
            faults.start(loadStart, loadSeconds);
            driver.awaitStopped(Duration.ofSeconds(loadSeconds + 60L));
            long loadStopped = System.nanoTime();
            faults.awaitFinished();
            load = driver.load();

            long drainFrom = Math.max(loadStopped, lastFaultNanos(faults.faults()));
            Map<String, Integer> expected = InvariantChecks.expectedResults(load);
            boolean drained =
                Poll.holdsWithin(
                    DRAIN_DEADLINE, () -> InvariantChecks.missing(expected, results.all()) == 0);
            double drainSeconds = drained ? (System.nanoTime() - drainFrom) / 1e9 : Double.NaN;

            findings =
                check(load, expected, results, bootstrap, database.server(), services, cluster);
            FaultWindows windows =
                new FaultWindows(faults.faults(), load.answers(), owners::ownerAt, PARTITIONS);
            goals = new Goals(windows, load.refusedCommands(), drainSeconds);
            ownershipSamples = owners.sampleCount();
          }
          new ChaosReport(
                  new ChaosReport.Run(run, loadSeconds, begin, startSeconds, dir, ownershipSamples),
                  load,
                  findings,
                  goals)
              .print();
          assertInvariants(load, goals.windows().faults(), findings);
          if (Boolean.getBoolean("chaos.enforce-goals")) {
            assertGoals(goals);
          }
        }
      }
    }
  }

  /** The last kill or recovery: the drain is timed from it when it came after the load. */
  private static long lastFaultNanos(List<Fault> faults) {
    return faults.stream()
        .mapToLong(f -> Math.max(f.startedNanos(), f.recoveredNanos()))
        .max()
        .orElse(0);
  }

  /** Reads the evidence from the deployment, in the order a settling pipeline needs. */
  private Findings check(
      LoadDriver.Load load,
      Map<String, Integer> expected,
      ResultsCollector results,
      String bootstrap,
      LocalPostgres postgres,
      List<ServiceJvm> services,
      KafkaCluster cluster) {
    InvariantChecks checks = new InvariantChecks(load.keys());
    checks.checkResults(expected, results.all());
    checks.checkAnswers(load.answers(), results.all());
    GoldenRecords golden = GoldenRecords.read(bootstrap, load.keys());
    checks.checkChangelog(golden);
    checks.checkRows(TableConvergence.awaitRowsDiffering(postgres, run, golden.last()));
    checks.checkServices(services);
    checks.checkBrokers(cluster.nodes());
    return checks.findings();
  }

  private static void assertInvariants(
      LoadDriver.Load load, List<Fault> faults, Findings findings) {
    assertThat(faults).as("faults that ran").isNotEmpty();
    assertThat(load.acceptedCommands()).as("commands accepted from the producer").isNotEmpty();
    assertThat(load.okAnswers()).as("HTTP 200 answers").isPositive();
    assertThat(findings.lost()).as("accepted commands without a result").isZero();
    assertThat(findings.duplicated()).as("results delivered twice").isZero();
    assertThat(findings.keysWithTwoIds()).as("keys with two IDs").isZero();
    assertThat(findings.idsSharedByKeys()).as("IDs shared by two keys").isZero();
    assertThat(findings.versionsGoingBack()).as("golden record versions going back").isZero();
    assertThat(findings.rowsDiffering())
        .as("PostgreSQL rows differing from the last golden record")
        .isZero();
    assertThat(findings.inconsistentAnswers())
        .as("200 answers inconsistent with contact.results")
        .isZero();
    assertThat(findings.unclearErrors()).as("503/504 answers not naming their request").isZero();
    assertThat(findings.servicesNotRunning()).as("services that exited by themselves").isEmpty();
    assertThat(faults)
        .as("every killed part came back")
        .allSatisfy(f -> assertThat(f.recoveredNanos()).isPositive());
  }

  private static void assertGoals(Goals goals) {
    assertThat(goals.worstRecoverySinceLastDisturbance(Fault.RESOLVER))
        .as("worst resolver recovery since its fault or a broker fault event, s")
        .isLessThanOrEqualTo(15);
    assertThat(goals.worstRecoverySinceLastDisturbance(Fault.SINK))
        .as("worst sink recovery since its fault or a broker/database fault event, s")
        .isLessThanOrEqualTo(15);
    assertThat(goals.failedByBrokerFaults()).as("requests failed by a broker fault").isZero();
    assertThat(goals.okShareInFaults()).as("200 share during faults").isGreaterThanOrEqualTo(0.99);
    assertThat(goals.timeoutsOutsideFaults()).as("504 outside fault windows").isZero();
    assertThat(goals.drainSeconds()).as("drain, s").isLessThanOrEqualTo(30);
  }
}
