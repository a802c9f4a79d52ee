package org.contactpipeline.ingest.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.contactpipeline.metrics.MetricNames;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactResponse;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * What {@link CommandGateway} reports: the results gathered per outcome, how long an accepted
 * request waited for its answer (histogram, so a dashboard can show percentiles across instances),
 * and how many requests gave up waiting. Every series exists from the start, so a dashboard shows 0
 * rather than no data.
 */
public final class GatewayMetrics {

  private final Map<CommandOutcome, Counter> results = new EnumMap<>(CommandOutcome.class);
  private final Timer answered;
  private final Timer timedOut;
  private final Counter timeouts;

  private GatewayMetrics(MeterRegistry registry) {
    for (CommandOutcome outcome : CommandOutcome.values()) {
      results.put(
          outcome,
          Counter.builder(MetricNames.RESULTS_RECEIVED)
              .tag("outcome", outcome.name())
              .register(registry));
    }
    answered = latency(registry, "answered");
    timedOut = latency(registry, "timed_out");
    timeouts = Counter.builder(MetricNames.GATHER_TIMEOUTS).register(registry);
  }

  public static GatewayMetrics of(MeterRegistry registry) {
    return new GatewayMetrics(registry);
  }

  /** For a gateway nobody scrapes (unit tests). */
  public static GatewayMetrics none() {
    return new GatewayMetrics(new SimpleMeterRegistry());
  }

  private static Timer latency(MeterRegistry registry, String outcome) {
    return Timer.builder(MetricNames.REQUEST_LATENCY)
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry);
  }

  void answered(long acceptedNanos, ContactResponse response) {
    answered.record(System.nanoTime() - acceptedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    for (ContactResult result : response.getResults()) {
      results.get(result.getOutcome()).increment();
    }
  }

  void timedOut(long acceptedNanos) {
    timedOut.record(System.nanoTime() - acceptedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    timeouts.increment();
  }
}
