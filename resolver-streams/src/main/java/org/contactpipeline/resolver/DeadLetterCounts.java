package org.contactpipeline.resolver;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.contactpipeline.metrics.MetricNames;

/**
 * The resolver's dead letters, counted by a bounded reason ({@link
 * MetricNames#RESOLVER_DEAD_LETTER_REASONS}); the dead letter's own header keeps the full message.
 * Every reason is registered at zero from the start, so a dashboard shows 0 rather than no data and
 * an alert sees the first dead letter as an increase.
 */
final class DeadLetterCounts {

  private final Map<String, Counter> byReason;

  private DeadLetterCounts(MeterRegistry registry) {
    this.byReason =
        MetricNames.RESOLVER_DEAD_LETTER_REASONS.stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    Function.identity(),
                    reason ->
                        Counter.builder(MetricNames.RESOLVER_DEAD_LETTERS)
                            .tag("reason", reason)
                            .register(registry)));
  }

  /** The counters in {@code registry}; the same ones however often this is asked. */
  static DeadLetterCounts in(MeterRegistry registry) {
    return new DeadLetterCounts(registry);
  }

  void count(String reason) {
    Counter counter = byReason.get(reason);
    if (counter == null) {
      throw new IllegalArgumentException("not a dead-letter reason: " + reason);
    }
    counter.increment();
  }
}
