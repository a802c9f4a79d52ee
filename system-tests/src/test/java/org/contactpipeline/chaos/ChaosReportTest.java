package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChaosReportTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long BEGIN = 100 * SECOND;
  private static final FaultWindows.Owners LIVE_OWNER = (partition, nanos) -> "resolver-b-1";

  private static final Findings CLEAN =
      new Findings(0, 0, 0, 0, 0, 0, 0, 0, 12, 40, Map.of(), List.of());

  @Test
  void shouldWriteAGoalWithAWholeLimitWithoutDecimalsAndWhetherItWasMet() {
    assertThat(ChaosReport.atMost(Goals.Goal.atMost("drain seconds", 4.25, 30)))
        .isEqualTo(String.format("  %-70s 4.3 (goal <= 30) MET%n", "drain seconds"));
    assertThat(ChaosReport.atMost(Goals.Goal.atMost("drain seconds", 31, 30)))
        .endsWith("31.0 (goal <= 30) MISSED" + System.lineSeparator());
  }

  @Test
  void shouldListTheFaultsInTheOrderMadeWithTheirRecovery() {
    List<Fault> faults =
        List.of(
            new Fault(Fault.SINK, "sink", BEGIN + 30 * SECOND, BEGIN + 33 * SECOND),
            new Fault(Fault.RESOLVER, "resolver-a", BEGIN + 10 * SECOND, -1));

    String text = report(faults, List.of(), 5).text();

    assertThat(text)
        .contains("faults: 2 (1 resolver, 1 sink, 0 ingest, 0 broker, 0 database)")
        .containsSubsequence(
            "  resolver kill      resolver-a at   10.0 s, for  0.0 s, recovered in NOT within 120 s",
            "  sink     kill      sink       at   30.0 s, for  0.0 s, recovered in 3.0 s");
  }

  @Test
  void shouldNameTheFaultsARecoveryOverlapped() {
    List<Fault> faults =
        List.of(
            new Fault(Fault.RESOLVER, "resolver-a", BEGIN + 10 * SECOND, BEGIN + 30 * SECOND),
            new Fault(
                Fault.BROKER,
                Fault.PAUSE,
                "kafka-2",
                BEGIN + 20 * SECOND,
                BEGIN + 32 * SECOND,
                BEGIN + 33 * SECOND),
            new Fault(Fault.SINK, "sink", BEGIN + 60 * SECOND, BEGIN + 63 * SECOND));

    String text = report(faults, List.of(), 5).text();

    assertThat(text)
        .contains(
            "recovered in 20.0 s (10.0 s after broker pause kafka-2 began); meanwhile: broker pause"
                + " kafka-2"
                + System.lineSeparator())
        .contains("  resolver kill     1  worst  20.0 s  since  10.0 s  each [20.0 (10.0)]")
        .contains(
            "kafka-2    at   20.0 s, for 12.0 s, recovered in 1.0 s; meanwhile: resolver kill")
        .contains(
            "sink       at   60.0 s, for  0.0 s, recovered in 3.0 s" + System.lineSeparator());
  }

  @Test
  void shouldGiveEachKindOfFaultItsCountRecoveriesAndAnswers() {
    List<Fault> faults =
        List.of(
            new Fault(
                Fault.RESOLVER,
                Fault.PAUSE,
                "resolver-a",
                BEGIN + 10 * SECOND,
                BEGIN + 22 * SECOND,
                BEGIN + 26 * SECOND),
            new Fault(Fault.RESOLVER, "resolver-b", BEGIN + 40 * SECOND, BEGIN + 45 * SECOND),
            new Fault(
                Fault.RESOLVER,
                Fault.PAUSE,
                "resolver-b",
                BEGIN + 60 * SECOND,
                BEGIN + 72 * SECOND,
                BEGIN + 74 * SECOND));

    String text = report(faults, List.of(answer(504, 12, 20), answer(200, 61, 62)), 5).text();

    assertThat(text)
        .contains("  resolver pause     resolver-a at   10.0 s, for 12.0 s, recovered in 4.0 s")
        .containsSubsequence(
            "by fault kind",
            "  resolver pause    2  worst   4.0 s  since   4.0 s  each [4.0, 2.0]  HTTP {200=1, 504=1}",
            "  resolver kill     1  worst   5.0 s  since   5.0 s  each [5.0]  HTTP {}");
  }

  @Test
  void shouldReportABrokerPartitionAsAKindOfItsOwnWithItsRecoveryAndAnswers() {
    List<Fault> faults =
        List.of(
            new Fault(
                Fault.BROKER,
                Fault.PARTITION,
                "kafka-3",
                BEGIN + 45 * SECOND,
                BEGIN + 57 * SECOND,
                BEGIN + 63 * SECOND),
            new Fault(
                Fault.BROKER,
                Fault.PAUSE,
                "kafka-2",
                BEGIN + 20 * SECOND,
                BEGIN + 32 * SECOND,
                BEGIN + 35 * SECOND));

    String text = report(faults, List.of(answer(200, 50, 51), answer(503, 60, 61)), 5).text();

    assertThat(text)
        .contains("faults: 2 (0 resolver, 0 sink, 0 ingest, 2 broker, 0 database)")
        .contains("  broker   partition kafka-3    at   45.0 s, for 12.0 s, recovered in 6.0 s")
        .containsSubsequence(
            "by fault kind",
            "  broker pause      1  worst   3.0 s  since   3.0 s  each [3.0]  HTTP {}",
            "  broker partition  1  worst   6.0 s  since   6.0 s  each [6.0]  HTTP {200=1, 503=1}")
        .contains("    broker windows:      {200=1, 503=1}");
  }

  @Test
  void shouldSayWhatRanAndTheInvariantCounts() {
    String text = report(List.of(), List.of(answer(200, 5, 6)), 5).text();

    assertThat(text)
        .contains("=== chaos test: 95 s of load, run r1, logs in /tmp/chaos ===")
        .contains("start (cluster, database, 4 services ready)  42.0 s")
        .contains(
            "commands: 1 accepted from the producer (0 refused), 1 HTTP requests, 2 keys, 40 results"
                + " read, 12 golden records")
        .contains("lost 0, duplicated 0, keys with two IDs 0, IDs shared by two keys 0");
  }

  @Test
  void shouldSayWhenTheResultsDidNotDrain() {
    assertThat(report(List.of(), List.of(), Double.NaN).text())
        .contains("drain after the last fault/load end: NOT within 120 s")
        .contains("drain seconds")
        .contains("Infinity (goal <= 30) MISSED");
  }

  @Test
  void shouldDescribeAFailureInABrokerWindowWithTheWindowsItMet() {
    List<Fault> faults =
        List.of(new Fault(Fault.BROKER, "broker-1", BEGIN + 30 * SECOND, BEGIN + 50 * SECOND));
    HttpAnswer failed =
        new HttpAnswer(
            BEGIN + 35 * SECOND, BEGIN + 37 * SECOND, 503, List.of("k1"), "req", Map.of(), "busy");

    String text = report(faults, List.of(failed), 5).text();

    assertThat(text)
        .contains(
            "    failed in a broker window: 503 sent at 35.0 s, answered 2.0 s later, 1 keys;"
                + " windows met: broker kill broker-1 (at 30.0 s); busy")
        .contains("200 share in resolver/sink/broker windows, keys owned by live instances")
        .contains("0.00 % (goal >= 99 %) MISSED");
  }

  @Test
  void shouldTellA504ThatMetAFaultWindowFromOneThatMetNone() {
    List<Fault> faults =
        List.of(new Fault(Fault.SINK, "sink", BEGIN + 30 * SECOND, BEGIN + 33 * SECOND));

    String text = report(faults, List.of(answer(504, 31, 41), answer(504, 60, 70)), 5).text();

    assertThat(text)
        .contains("    504 sent at 31.0 s, answered at 41.0 s, met a fault window")
        .contains("    504 sent at 60.0 s, answered at 70.0 s, met no fault window");
  }

  private static ChaosReport report(List<Fault> faults, List<HttpAnswer> answers, double drain) {
    LoadDriver.Load load = new LoadDriver.Load(answers, Set.of("cmd-1"), 0, Set.of("k1", "k2"));
    Goals goals = new Goals(new FaultWindows(faults, answers, LIVE_OWNER, 6), 0, drain);
    return new ChaosReport(
        new ChaosReport.Run("r1", 95, BEGIN, 42.0, Path.of("/tmp/chaos"), 100), load, CLEAN, goals);
  }

  private static HttpAnswer answer(int status, long sentSecond, long answeredSecond) {
    return new HttpAnswer(
        BEGIN + sentSecond * SECOND,
        BEGIN + answeredSecond * SECOND,
        status,
        List.of("k1"),
        "req-" + sentSecond,
        Map.of(),
        "");
  }
}
