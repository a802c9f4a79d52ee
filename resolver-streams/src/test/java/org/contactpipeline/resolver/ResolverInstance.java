package org.contactpipeline.resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.contactpipeline.config.Settings;
import org.contactpipeline.testing.Poll;

/**
 * One member of the resolver's consumer group on the test broker, as a deployment runs several: its
 * own instance id (static membership) and state directory, the harness's settings otherwise. It
 * runs in this JVM, where it stops cleanly (leaving the group), or in a JVM of its own, where it
 * can be killed with SIGKILL as a crashed host is; both run on the same state directory, so a
 * killed instance comes back on what it left on disk.
 */
final class ResolverInstance implements AutoCloseable {

  private static final Duration STATE_TIMEOUT = Duration.ofSeconds(60);
  private static final String OWN_JVM_LOG = "own-jvm.log";

  private final String instanceId;
  private final Path workDir;
  private final Settings settings;
  private final Map<String, String> ownSettings;
  private final StoreCaching caching;
  private final ResolverService inThisJvm;
  private Process ownJvm;

  /**
   * @param settings the harness's settings (broker, partition count, production defaults)
   * @param workDir where this instance keeps its state and, in its own JVM, its log
   */
  ResolverInstance(Settings settings, String instanceId, Path workDir, StoreCaching caching) {
    this(settings, instanceId, workDir, caching, Map.of());
  }

  /**
   * @param extraSettings settings of this instance alone (keys as in the defaults), over the
   *     harness's and this class's own
   */
  ResolverInstance(
      Settings settings,
      String instanceId,
      Path workDir,
      StoreCaching caching,
      Map<String, String> extraSettings) {
    this.instanceId = instanceId;
    this.workDir = workDir;
    this.ownSettings = new TreeMap<>();
    ownSettings.put("resolver.instance-id", instanceId);
    ownSettings.put("resolver.state-dir", workDir.resolve("state").toString());
    // The production default, spelled out: these tests are about standby copies.
    ownSettings.put("resolver.standby-replicas", "1");
    // The brokers' minimum: a killed member is noticed after 6 s instead of production's 10 s.
    ownSettings.put("resolver.session-timeout-ms", "6000");
    ownSettings.putAll(extraSettings);
    this.settings = settings.with(ownSettings);
    this.caching = caching;
    this.inThisJvm = new ResolverService(ResolverConfig.from(this.settings), () -> {}, caching);
  }

  String instanceId() {
    return instanceId;
  }

  /** The directory Streams keeps this instance's stores in ({@code state.dir}). */
  Path stateDir() {
    return Path.of(settings.string("resolver.state-dir"));
  }

  /** Starts it in this JVM; it joins the group (and a rebalance) in the background. */
  void start() {
    inThisJvm.start();
  }

  /** Closes it in this JVM: its tasks are committed and it leaves the group at once. */
  void stop() {
    inThisJvm.close();
  }

  /**
   * What its own JVM printed since it was last started there (the file is started afresh each
   * time); empty before the first start.
   */
  String ownJvmLog() {
    Path log = workDir.resolve(OWN_JVM_LOG);
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  /** Whether it was last started in a JVM of its own (and not killed since). */
  boolean runsInOwnJvm() {
    return ownJvm != null;
  }

  /** Polls until it runs here and is RUNNING (a rebalance it takes part in has finished). */
  void awaitRunningHere() {
    Poll.until(STATE_TIMEOUT, inThisJvm::state, state -> state == KafkaStreams.State.RUNNING);
  }

  /**
   * Starts it in a JVM of its own ({@link ResolverInOwnJvm}, this test classpath), configured
   * through the environment as a deployment configures it.
   */
  void startInOwnJvm() {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ResolverInOwnJvm.class.getName(),
            caching.name());
    builder.environment().clear();
    for (String key :
        new String[] {
          "kafka.bootstrap.servers", "commands.partitions", "resolver.application-id"
        }) {
      builder.environment().put(Settings.environmentName(key), settings.string(key));
    }
    ownSettings.forEach(
        (key, value) -> builder.environment().put(Settings.environmentName(key), value));
    builder.redirectErrorStream(true).redirectOutput(workDir.resolve(OWN_JVM_LOG).toFile());
    try {
      Files.createDirectories(workDir);
      ownJvm = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + instanceId + " in its own JVM", e);
    }
  }

  /**
   * SIGKILL to its own JVM, by its process id: no commit, no leaving the group, open transactions
   * left open, RocksDB's memtables lost.
   */
  void kill() {
    if (ownJvm == null) {
      return;
    }
    try {
      // Process.destroyForcibly is SIGKILL on Linux, sent to this child's pid alone.
      ownJvm.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + instanceId, e);
    } finally {
      ownJvm = null;
    }
  }

  @Override
  public void close() {
    try {
      kill();
    } finally {
      inThisJvm.close();
      inThisJvm.metrics().close();
    }
  }

  @Override
  public String toString() {
    return "resolver instance " + instanceId;
  }
}
