package org.contactpipeline.ingest.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.Headers;
import org.contactpipeline.metrics.MetricNames;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;

/** Counts the commands Kafka accepted, by action, in front of the log that publishes them. */
public final class MeteredCommandLog implements CommandLog {

  private final CommandLog log;
  private final Map<CommandAction, Counter> published = new EnumMap<>(CommandAction.class);

  public MeteredCommandLog(CommandLog log, MeterRegistry registry) {
    this.log = log;
    for (CommandAction action : CommandAction.values()) {
      published.put(
          action,
          Counter.builder(MetricNames.COMMANDS_PUBLISHED)
              .tag("action", action.name())
              .register(registry));
    }
  }

  @Override
  public CompletableFuture<Void> publish(List<ContactCommand> commands, Headers headers) {
    return log.publish(commands, headers)
        .thenRun(() -> commands.forEach(command -> published.get(command.getAction()).increment()));
  }
}
