package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.contactpipeline.chaos.FaultSchedule.Kill;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  @Test
  void shouldPlanTheShortRunsKillsOneLaneForEachTarget() {
    Map<String, List<Kill>> lanes = FaultSchedule.plan(95, 2, 3);

    assertThat(lanes)
        .containsExactly(
            Map.entry(
                "resolver-0",
                List.of(new Kill(10, Fault.RESOLVER, 0), new Kill(50, Fault.RESOLVER, 0))),
            Map.entry(
                "resolver-1",
                List.of(new Kill(30, Fault.RESOLVER, 1), new Kill(70, Fault.RESOLVER, 1))),
            Map.entry("sink", List.of(new Kill(22, Fault.SINK, 0), new Kill(62, Fault.SINK, 0))),
            Map.entry("ingest", List.of(new Kill(45, Fault.INGEST, 0))),
            Map.entry("broker", List.of(new Kill(65, Fault.BROKER, 1))));
  }

  @Test
  void shouldPlanNoKillInTheLoadsLastTwelveSeconds() {
    assertThat(kills(FaultSchedule.plan(600, 2, 3))).allMatch(kill -> kill.second() <= 588);
    assertThat(kills(FaultSchedule.plan(22, 2, 3)))
        .containsExactly(new Kill(10, Fault.RESOLVER, 0));
  }

  @Test
  void shouldKillTheBrokersOtherThanNodeZeroInTurnOnOneLane() {
    List<Kill> brokers = FaultSchedule.plan(600, 2, 3).get("broker");

    assertThat(brokers).extracting(Kill::instance).containsExactly(1, 2, 1, 2, 1, 2, 1, 2, 1);
  }

  @Test
  void shouldKeepEachLaneInTimeOrder() {
    FaultSchedule.plan(600, 2, 3)
        .values()
        .forEach(lane -> assertThat(lane).isSortedAccordingTo((a, b) -> a.second() - b.second()));
  }

  @Test
  void shouldMakeEachKillNoEarlierThanItsTime() {
    long loadStart = 1_000 * SECOND;
    // Every reading of the clock moves it 4 s on, so each wait ends after a few polls.
    AtomicLong clock = new AtomicLong(loadStart);
    List<Long> madeAt = new ArrayList<>();

    FaultSchedule.runLane(
        List.of(new Kill(10, Fault.SINK, 0), new Kill(50, Fault.SINK, 0)),
        loadStart,
        95,
        () -> clock.addAndGet(4 * SECOND),
        kill -> madeAt.add(clock.get()));

    assertThat(madeAt).hasSize(2);
    assertThat(madeAt.get(0)).isGreaterThanOrEqualTo(loadStart + 10 * SECOND);
    assertThat(madeAt.get(1)).isGreaterThanOrEqualTo(loadStart + 50 * SECOND);
  }

  @Test
  void shouldSkipAKillWhoseTimeASlowRecoveryPushedPastTheLoadsEnd() {
    long loadStart = 1_000 * SECOND;
    AtomicLong clock = new AtomicLong(loadStart + 10 * SECOND);
    List<Kill> made = new ArrayList<>();

    FaultSchedule.runLane(
        List.of(new Kill(10, Fault.SINK, 0), new Kill(50, Fault.SINK, 0)),
        loadStart,
        60,
        clock::get,
        kill -> {
          made.add(kill);
          // The part takes until after the load's end to come back.
          clock.set(loadStart + 61 * SECOND);
        });

    assertThat(made).containsExactly(new Kill(10, Fault.SINK, 0));
  }

  @Test
  void shouldGiveEachResolverItsOwnLaneAndTheBrokersOne() {
    assertThat(new Kill(10, Fault.RESOLVER, 1).lane()).isEqualTo("resolver-1");
    assertThat(new Kill(65, Fault.BROKER, 1).lane())
        .isEqualTo(new Kill(125, Fault.BROKER, 2).lane());
  }

  private static List<Kill> kills(Map<String, List<Kill>> lanes) {
    return lanes.values().stream().flatMap(List::stream).toList();
  }
}
