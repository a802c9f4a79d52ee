package org.contactpipeline.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.contactpipeline.metrics.MetricNames;

/**
 * What the sink reports about asynchronous jobs: jobs completed, jobs announced, and callback
 * attempts by how they ended. Every counter exists from the start, so a dashboard shows 0 rather
 * than no data.
 */
final class JobMetrics {

  private final Counter completed;
  private final Counter announced;
  private final Counter delivered;
  private final Counter retried;
  private final Counter failed;

  JobMetrics(MeterRegistry registry) {
    completed = Counter.builder(MetricNames.JOBS_COMPLETED).register(registry);
    announced = Counter.builder(MetricNames.JOBS_ANNOUNCED).register(registry);
    delivered = callbacks(registry, MetricNames.CALLBACK_DELIVERED);
    retried = callbacks(registry, MetricNames.CALLBACK_RETRIED);
    failed = callbacks(registry, MetricNames.CALLBACK_FAILED);
  }

  private static Counter callbacks(MeterRegistry registry, String result) {
    return Counter.builder(MetricNames.CALLBACKS).tag("result", result).register(registry);
  }

  void completed(int jobs) {
    completed.increment(jobs);
  }

  void announced(int jobs) {
    announced.increment(jobs);
  }

  void delivered() {
    delivered.increment();
  }

  void retried() {
    retried.increment();
  }

  void failed() {
    failed.increment();
  }
}
