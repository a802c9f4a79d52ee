package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.contactpipeline.chaos.FaultSchedule.Planned;
import org.contactpipeline.config.StreamsAppConfig;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  @Test
  void shouldPlanEveryKindOfFaultOfEveryPartInTheShortRun() {
    Map<String, List<Planned>> lanes = FaultSchedule.plan(95, 2, 3);

    assertThat(lanes)
        .containsExactly(
            Map.entry(
                "resolver-0",
                List.of(Planned.kill(10, Fault.RESOLVER, 0), Planned.pause(50, Fault.RESOLVER, 0))),
            Map.entry(
                "resolver-1",
                List.of(Planned.kill(30, Fault.RESOLVER, 1), Planned.pause(70, Fault.RESOLVER, 1))),
            Map.entry(
                "sink", List.of(Planned.kill(22, Fault.SINK, 0), Planned.pause(62, Fault.SINK, 0))),
            Map.entry(
                "ingest",
                List.of(Planned.kill(35, Fault.INGEST, 0), Planned.pause(75, Fault.INGEST, 0))),
            Map.entry(
                "broker",
                List.of(
                    Planned.pause(20, Fault.BROKER, 1),
                    Planned.partition(45, 2),
                    Planned.kill(70, Fault.BROKER, 1))),
            Map.entry(
                "database",
                List.of(Planned.kill(42, Fault.DATABASE, 0), Planned.readOnlyDatabase(82))));
  }

  @Test
  void shouldPauseEachPartLongerThanWhatWatchesItTolerates() {
    // The resolver's session is its default 10 s in the chaos test; a broker's session is 4 s
    // and its replica lag time 10 s (KafkaCluster).
    assertThat(FaultSchedule.PAUSES.get(Fault.RESOLVER))
        .isGreaterThan(StreamsAppConfig.DEFAULT_SESSION_TIMEOUT);
    assertThat(FaultSchedule.PAUSES.get(Fault.BROKER)).isGreaterThan(KafkaCluster.REPLICA_LAG_TIME);
    assertThat(FaultSchedule.PARTITION_TIME).isGreaterThan(KafkaCluster.REPLICA_LAG_TIME);
  }

  @Test
  void shouldPlanNoKillInTheLoadsLastTwelveSeconds() {
    assertThat(kills(FaultSchedule.plan(600, 2, 3))).allMatch(kill -> kill.second() <= 588);
    assertThat(kills(FaultSchedule.plan(22, 2, 3)))
        .containsExactly(Planned.kill(10, Fault.RESOLVER, 0));
  }

  @Test
  void shouldPausePartitionAndKillTheBrokersOtherThanNodeZeroInTurnOnOneLane() {
    List<Planned> brokers = FaultSchedule.plan(600, 2, 3).get("broker");

    assertThat(brokers).hasSize(23);
    assertThat(brokers).extracting(Planned::instance).containsOnly(1, 2);
    List<String> turns = List.of(Fault.PAUSE, Fault.PARTITION, Fault.KILL);
    for (int i = 0; i < brokers.size(); i++) {
      assertThat(brokers.get(i).instance()).isEqualTo(1 + i % 2);
      assertThat(brokers.get(i).how()).isEqualTo(turns.get(i % 3));
    }
  }

  @Test
  void shouldCrashPostgresAndMakeItReadOnlyInTurnEveryFortySeconds() {
    List<Planned> database = FaultSchedule.plan(600, 2, 3).get("database");

    assertThat(database).hasSize(14);
    for (int i = 0; i < database.size(); i++) {
      assertThat(database.get(i).second()).isEqualTo(42 + 40 * i);
      assertThat(database.get(i).how()).isEqualTo(i % 2 == 0 ? Fault.KILL : Fault.READ_ONLY);
    }
  }

  @Test
  void shouldPartitionEachBrokerOtherThanNodeZeroInTheLongRun() {
    assertThat(FaultSchedule.plan(600, 2, 3).get("broker"))
        .filteredOn(fault -> fault.how().equals(Fault.PARTITION))
        .extracting(Planned::instance)
        .contains(1, 2);
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
        List.of(Planned.kill(10, Fault.SINK, 0), Planned.kill(50, Fault.SINK, 0)),
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
    List<Planned> made = new ArrayList<>();

    FaultSchedule.runLane(
        List.of(Planned.kill(10, Fault.SINK, 0), Planned.kill(50, Fault.SINK, 0)),
        loadStart,
        60,
        clock::get,
        kill -> {
          made.add(kill);
          // The part takes until after the load's end to come back.
          clock.set(loadStart + 61 * SECOND);
        });

    assertThat(made).containsExactly(Planned.kill(10, Fault.SINK, 0));
  }

  @Test
  void shouldGiveEachResolverItsOwnLaneAndTheBrokersOne() {
    assertThat(Planned.kill(10, Fault.RESOLVER, 1).lane()).isEqualTo("resolver-1");
    assertThat(Planned.kill(65, Fault.BROKER, 1).lane())
        .isEqualTo(Planned.kill(125, Fault.BROKER, 2).lane());
  }

  private static List<Planned> kills(Map<String, List<Planned>> lanes) {
    return lanes.values().stream().flatMap(List::stream).toList();
  }
}
