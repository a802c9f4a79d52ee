package org.contactpipeline.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ServiceMetricsTest {

  @Test
  void shouldExportTheJvmAndProcessSeriesTaggedWithTheServiceFromTheStart() {
    try (ServiceMetrics metrics = ServiceMetrics.create("some-service")) {
      String scrape = metrics.scrape();

      // The GC pause timer appears with the first collection after binding (MetricsIT sees it).
      List<String> expected =
          MetricNames.JVM_SERIES.stream().filter(name -> !name.startsWith("jvm_gc_pause")).toList();
      assertThat(namesIn(scrape)).containsAll(expected);
      assertThat(scrape).contains("process_uptime_seconds{service=\"some-service\"}");
    }
  }

  @Test
  void shouldListEverySeriesOnceForTheDashboard() {
    assertThat(MetricNames.allSeries())
        .doesNotHaveDuplicates()
        .containsAll(MetricNames.JVM_SERIES)
        .contains(
            "contact_resolver_dead_letters_total",
            "contact_sink_database_errors_total",
            "contact_requests_throttled_total");
  }

  private static List<String> namesIn(String scrape) {
    return Arrays.stream(scrape.split("\n"))
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("[{ ]", 2)[0])
        .distinct()
        .toList();
  }
}
