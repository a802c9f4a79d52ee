package org.contactpipeline.config;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.contactpipeline.metrics.ServiceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Kafka Streams application of the pipeline (the resolver), with the lifecycle both
 * share: a failed stream thread stops the client so that health reports it, the ERROR state is
 * reported once to the owner, and closing leaves the group at once.
 *
 * <p>Local state is only a cache of the changelog topics (exactly-once keeps them the truth), so
 * state a SIGKILL left unreadable (a RocksDB store without its MANIFEST, a corrupted task) is never
 * fatal: it is wiped and restored from the changelog. Only what cannot be opened is wiped here:
 * with transactional state stores ({@link StreamsAppConfig#DEFAULT_TRANSACTIONAL_STATE_STORES}) a
 * store a SIGKILL interrupted holds committed state only, and Streams keeps it. A failure to open
 * state at start is wiped and retried at once; one that kills a stream thread later leaves a
 * marker, and the next start (by the supervisor, after the exit) wipes before it opens anything.
 * Without this a restarted instance exits on the same broken store again and again.
 */
public final class StreamsApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final String WIPE_MARKER_SUFFIX = ".wipe-on-start";

  private final KafkaStreams streams;
  private volatile KafkaStreamsMetrics streamsMetrics;

  private StreamsApp(KafkaStreams streams) {
    this.streams = streams;
  }

  /**
   * @param name how logs refer to this application
   * @param onFatalError called if the application dies for good (state ERROR)
   * @param onUndecodable called for every record Streams could not decode and dead-lettered
   */
  public static StreamsApp start(
      String name,
      Topology topology,
      StreamsAppConfig config,
      Runnable onFatalError,
      Runnable onUndecodable) {
    Properties props = config.streamsProperties();
    props.put(RetryRegistryOutages.ON_DEAD_LETTER, onUndecodable);
    Path wipeMarker = wipeMarker(config);
    if (Files.exists(wipeMarker)) {
      LOG.warn(
          "{}: the last run stopped on unreadable local state; wiping it to restore from the changelog",
          name);
      wipe(config, wipeMarker);
    }
    KafkaStreams streams = null;
    try {
      streams = create(name, topology, props, wipeMarker, onFatalError);
      streams.start();
    } catch (RuntimeException e) {
      if (!isUnreadableState(e)) {
        throw e;
      }
      LOG.warn(
          "{}: local state cannot be opened ({}); wiping it and starting again from the changelog",
          name,
          e.toString());
      if (streams != null) {
        streams.close(Duration.ofSeconds(5));
      }
      wipe(config, wipeMarker);
      streams = create(name, topology, props, wipeMarker, onFatalError);
      streams.start();
    }
    return new StreamsApp(streams);
  }

  private static KafkaStreams create(
      String name, Topology topology, Properties props, Path wipeMarker, Runnable onFatalError) {
    KafkaStreams streams = new SafelyMeteredKafkaStreams(topology, props);
    RestoredRecords restored = new RestoredRecords();
    streams.setGlobalStateRestoreListener(restored);
    streams.setUncaughtExceptionHandler(
        error -> {
          StreamThreadExceptionResponse response = responseTo(error);
          if (response == StreamThreadExceptionResponse.REPLACE_THREAD) {
            LOG.warn(
                "{} stream thread's transaction was refused or its group membership fenced;"
                    + " replacing the thread, whose tasks start again from their last commit",
                name,
                error);
            return response;
          }
          LOG.error(
              "{} stream thread failed; shutting {} down so that health reports it",
              name,
              name,
              error);
          if (isUnreadableState(error)) {
            markForWipe(wipeMarker);
          }
          return response;
        });
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING) {
            // How long a restart takes to serve is mostly this count: what is not kept on local
            // disk is read back from the changelogs first.
            LOG.info(
                "{} {} -> {}, {} records restored from changelogs meanwhile",
                name,
                before,
                now,
                restored.take());
          } else {
            LOG.info("{} {} -> {}", name, before, now);
          }
          if (now == KafkaStreams.State.ERROR) {
            onFatalError.run();
          }
        });
    return streams;
  }

  /**
   * What to do about a stream thread that died of {@code error}. A transaction the broker refused
   * as being in an invalid state ({@code InvalidTxnStateException}) costs the thread only: its
   * producer is unusable, but its open transaction was aborted, so a new thread with a new producer
   * (which fences the old one) redoes the work from the last commit, exactly once. Kafka Streams
   * takes it for fatal; the chaos test met it on a resolver resumed after a 12 s pause while a
   * broker was being killed, the shape of KAFKA-19690. A consumer fenced as a static member ({@code
   * FencedInstanceIdException}) costs the thread only too: a new thread's consumer joins again and
   * takes the membership back. The chaos long run met it after a killed resolver had rejoined under
   * its instance id while the group's coordinator moved between brokers; an operator who gave two
   * instances one id sees this warning repeat. Anything else shuts the client down, so that health
   * reports it and the supervisor restarts the process.
   */
  static StreamThreadExceptionResponse responseTo(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidTxnStateException || cause instanceof FencedInstanceIdException) {
        return StreamThreadExceptionResponse.REPLACE_THREAD;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  /**
   * Whether a failure comes from local state that cannot be read, which the changelog can rebuild.
   */
  static boolean isUnreadableState(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ProcessorStateException
          || cause instanceof TaskCorruptedException
          || cause.getClass().getName().equals("org.rocksdb.RocksDBException")) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** Beside the application's state directory, not in it: cleanUp deletes that directory. */
  static Path wipeMarker(StreamsAppConfig config) {
    return config.stateDir().resolve(config.applicationId() + WIPE_MARKER_SUFFIX);
  }

  private static void markForWipe(Path marker) {
    try {
      Files.createDirectories(marker.getParent());
      Files.writeString(marker, "local state was unreadable; the next start wipes it\n");
    } catch (IOException e) {
      LOG.warn("cannot write {}: {}", marker, e.toString());
    }
  }

  /**
   * Deletes this application's local state ({@code state.dir/application.id}, what {@link
   * KafkaStreams#cleanUp()} deletes) and the marker. Done by hand because a store that cannot be
   * opened may already have failed the KafkaStreams constructor.
   */
  static void wipe(StreamsAppConfig config, Path marker) {
    Path appDir = config.stateDir().resolve(config.applicationId());
    try {
      if (Files.exists(appDir)) {
        try (Stream<Path> paths = Files.walk(appDir)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      Files.deleteIfExists(marker);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot wipe the local state in " + appDir, e);
    }
  }

  /**
   * Binds Kafka Streams' own metrics (process rate, commit latency, the records lag of its
   * consumers, its producers) until this application closes; a restarted one binds afresh.
   */
  public void bindMetrics(ServiceMetrics metrics) {
    streamsMetrics =
        metrics.bind(
            new KafkaStreamsMetrics(
                streams, List.of(), metrics.kafkaRefresh(), ServiceMetrics.kafkaRefreshInterval()));
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /**
   * Whether an application in this state still has working stream threads (starting, rebalancing or
   * running): what a liveness probe asks. A failed or stopped one is not coming back by itself.
   */
  public static boolean isAlive(KafkaStreams.State state) {
    return switch (state) {
      case CREATED, REBALANCING, RUNNING -> true;
      case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> false;
    };
  }

  @Override
  public void close() {
    // Leaving the group lets a restarted instance take the partitions back at once instead of
    // after the session timeout.
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(CLOSE_TIMEOUT));
    if (streamsMetrics != null) {
      streamsMetrics.close();
    }
  }
}
