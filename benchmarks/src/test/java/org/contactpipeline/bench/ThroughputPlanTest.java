package org.contactpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.contactpipeline.bench.ThroughputPlan.RequestShape;
import org.junit.jupiter.api.Test;

class ThroughputPlanTest {

  private static ThroughputPlan planFrom(Map<String, String> properties) {
    return ThroughputPlan.from(properties::get);
  }

  @Test
  void shouldUseTheDocumentedDefaultsWhenNoOptionIsSet() {
    ThroughputPlan plan = planFrom(Map.of());

    assertThat(plan.bulk()).isEqualTo(200_000);
    assertThat(plan.bulkWarmup()).isEqualTo(50_000);
    assertThat(plan.step()).isEqualTo(Duration.ofSeconds(5));
    assertThat(plan.clientCounts()).containsExactly(1, 8, 32, 128);
    assertThat(plan.bulkOnly()).isFalse();
    assertThat(plan.bulkPaths()).isEqualTo(1_000_000);
    assertThat(plan.runsLoadSteps()).isTrue();
    assertThat(plan.runsBulkPaths()).isTrue();
  }

  @Test
  void shouldReadEveryOptionFromItsSystemProperty() {
    ThroughputPlan plan =
        planFrom(
            Map.of(
                "bench.bulk", "20000",
                "bench.bulk-warmup", "0",
                "bench.seconds", "1",
                "bench.clients", "1,8",
                "bench.only", "all",
                "bench.bulk-paths", "30000"));

    assertThat(plan)
        .isEqualTo(
            new ThroughputPlan(
                20_000, 0, Duration.ofSeconds(1), List.of(1, 8), ThroughputPlan.Only.ALL, 30_000));
  }

  @Test
  void shouldStopAfterTheBulkLoadWhenOnlyBulkIsAsked() {
    ThroughputPlan plan = planFrom(Map.of("bench.only", "bulk"));

    assertThat(plan.bulkOnly()).isTrue();
    assertThat(plan.runsBulkPaths()).isFalse();
  }

  @Test
  void shouldRunTheBulkPathsAloneWhenOnlyBulkPathsIsAsked() {
    ThroughputPlan plan = planFrom(Map.of("bench.only", "bulk-paths"));

    assertThat(plan.runsLoadSteps()).isFalse();
    assertThat(plan.runsBulkPaths()).isTrue();
  }

  @Test
  void shouldMeasureTheSinksAloneWhenOnlySinksIsAsked() {
    ThroughputPlan plan = planFrom(Map.of("bench.only", "sinks"));

    assertThat(plan.sinksOnly()).isTrue();
    assertThat(plan.runsLoadSteps()).isFalse();
    assertThat(plan.runsBulkPaths()).isFalse();
  }

  @Test
  void shouldLeaveTheBulkPathsOutOfAFullRunWhenTheirSizeIsZero() {
    assertThat(planFrom(Map.of("bench.bulk-paths", "0")).runsBulkPaths()).isFalse();
  }

  @Test
  void shouldRejectAnUnknownOnlyNamingTheValuesItAccepts() {
    assertThatThrownBy(() -> planFrom(Map.of("bench.only", "http")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-Dbench.only must be all, bulk, bulk-paths or sinks, not 'http'");
  }

  @Test
  void shouldRejectAClientCountThatIsNotANumber() {
    assertThatThrownBy(() -> planFrom(Map.of("bench.clients", "1,eight")))
        .isInstanceOf(NumberFormatException.class);
  }

  @Test
  void shouldKeepTheDefaultForASizeThatIsNotANumberAsIntegerGetIntegerDoes() {
    assertThat(planFrom(Map.of("bench.bulk", "20k")).bulk()).isEqualTo(200_000);
  }

  @Test
  void shouldRunEveryClientCountAtOneKeyThenAtFiftyKeys() {
    ThroughputPlan plan = planFrom(Map.of("bench.clients", "8,1"));

    assertThat(plan.httpSteps())
        .containsExactly(
            new RequestShape(1, 8),
            new RequestShape(1, 1),
            new RequestShape(50, 8),
            new RequestShape(50, 1));
  }
}
