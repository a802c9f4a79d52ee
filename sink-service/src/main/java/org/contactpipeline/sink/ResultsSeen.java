package org.contactpipeline.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.contactpipeline.metrics.MetricNames;
import org.contactpipeline.schemas.ResultHeaders;
import org.contactpipeline.schemas.avro.CommandAction;

/**
 * Counts every result the operation recorder reads, by the action its header names: the one place
 * that sees all results of every ingest instance and every direct producer. From the header, never
 * the value, so counting costs the recorder no decoding.
 */
final class ResultsSeen {

  private final Map<CommandAction, Counter> byAction = new EnumMap<>(CommandAction.class);
  private final Counter unlabelled;

  ResultsSeen(MeterRegistry registry) {
    for (CommandAction action : CommandAction.values()) {
      byAction.put(action, counter(registry, action.name()));
    }
    unlabelled = counter(registry, "unknown");
  }

  private static Counter counter(MeterRegistry registry, String action) {
    return Counter.builder(MetricNames.RESULTS_SEEN).tag("action", action).register(registry);
  }

  void count(Headers headers) {
    Header header = headers.lastHeader(ResultHeaders.ACTION_HEADER);
    Counter counter = null;
    if (header != null) {
      try {
        counter =
            byAction.get(CommandAction.valueOf(new String(header.value(), StandardCharsets.UTF_8)));
      } catch (IllegalArgumentException e) {
        // An action this version does not know (a newer resolver): counted, not refused.
        counter = null;
      }
    }
    (counter == null ? unlabelled : counter).increment();
  }
}
