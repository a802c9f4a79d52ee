package org.contactpipeline.config;

import java.time.Duration;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Kafka Streams application of the pipeline (the resolver, the response gatherer),
 * with the lifecycle both share: a failed stream thread stops the client so that health reports
 * it, the ERROR state is reported once to the owner, and closing leaves the group at once.
 */
public final class StreamsApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;

  private StreamsApp(KafkaStreams streams) {
    this.streams = streams;
  }

  /**
   * @param name how logs refer to this application
   * @param onFatalError called if the application dies for good (state ERROR)
   */
  public static StreamsApp start(String name, Topology topology, StreamsAppConfig config, Runnable onFatalError) {
    KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties());
    streams.setUncaughtExceptionHandler(error -> {
      LOG.error("{} stream thread failed; shutting {} down so that health reports it", name, name, error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.setStateListener((now, before) -> {
      LOG.info("{} {} -> {}", name, before, now);
      if (now == KafkaStreams.State.ERROR) {
        onFatalError.run();
      }
    });
    streams.start();
    return new StreamsApp(streams);
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public void close() {
    // Leaving the group lets a restarted instance take the partitions back at once instead of
    // after the session timeout.
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(CLOSE_TIMEOUT));
  }
}
