package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultWindowsTest {

  private static final long SECOND = 1_000_000_000L;
  private static final int PARTITIONS = 6;

  /** resolver-a down 10-14 s, a broker 30-50 s, ingest 70-72 s; windows end 1 s later. */
  private static final List<Fault> FAULTS =
      List.of(
          new Fault(Fault.RESOLVER, "resolver-a", 10 * SECOND, 14 * SECOND),
          new Fault(Fault.BROKER, "broker-1", 30 * SECOND, 50 * SECOND),
          new Fault(Fault.INGEST, "ingest", 70 * SECOND, 72 * SECOND));

  /** A stream thread of resolver-b owns every partition all along. */
  private static final FaultWindows.Owners RESOLVER_B = (partition, nanos) -> "resolver-b-1";

  private static final FaultWindows.Owners RESOLVER_A = (partition, nanos) -> "resolver-a-1";

  @Test
  void shouldCountStatusesInsideEachKindOfWindowAndOutside() {
    FaultWindows windows =
        windows(
            RESOLVER_B,
            answer(200, 12, 13),
            answer(503, 35, 36),
            answer(HttpAnswer.NO_ANSWER, 71, 71),
            answer(200, 90, 91));

    assertThat(windows.statusesInsideWindows()).containsExactly(e(-1, 1), e(200, 1), e(503, 1));
    assertThat(windows.statusesInServiceWindowsWithIngestUp())
        .containsExactly(e(200, 1), e(503, 1));
    assertThat(windows.statusesInWindowsOf(Fault.INGEST)).containsExactly(e(-1, 1));
    assertThat(windows.statusesInWindowsOf(Fault.BROKER)).containsExactly(e(503, 1));
    assertThat(windows.statusesOutsideWindows()).containsExactly(e(200, 1));
  }

  @Test
  void shouldCountADatabaseCrashAsAWindowOfThePartsBehindIngest() {
    HttpAnswer during = answer(503, 101, 102);
    FaultWindows windows =
        new FaultWindows(
            List.of(
                new Fault(
                    Fault.DATABASE,
                    Fault.KILL,
                    "postgres",
                    100 * SECOND,
                    108 * SECOND,
                    110 * SECOND)),
            List.of(during, answer(200, 120, 121)),
            RESOLVER_B,
            PARTITIONS);

    assertThat(windows.statusesInServiceWindowsWithIngestUp()).containsExactly(e(503, 1));
    assertThat(windows.statusesOutsideWindows()).containsExactly(e(200, 1));
    assertThat(windows.failedWhileOwnedByLiveInstances()).containsExactly(during);
  }

  @Test
  void shouldHoldANon200InABrokerWindowAgainstTheBrokerWhenLiveInstancesOwnedItsKeys() {
    HttpAnswer failed = answer(503, 35, 36);
    FaultWindows windows = windows(RESOLVER_B, failed, answer(200, 40, 41));

    assertThat(windows.failedInBrokerWindows()).containsExactly(failed);
    assertThat(windows.failedWhileOwnedByLiveInstances()).containsExactly(failed);
    assertThat(windows.okShareInFaults()).isEqualTo(0.5);
  }

  @Test
  void shouldNotHoldAFailureAgainstAvailabilityWhenItsKeysOwnerWasTheKilledResolver() {
    HttpAnswer failed = answer(504, 12, 22);
    FaultWindows windows = windows(RESOLVER_A, failed);

    assertThat(windows.ownedByLiveInstances(failed)).isFalse();
    assertThat(windows.failedWhileOwnedByLiveInstances()).isEmpty();
    assertThat(windows.okShareInFaults()).isEqualTo(1.0);
  }

  @Test
  void shouldNotCountKeysThatNoInstanceOwnedAsOwnedByLiveInstances() {
    HttpAnswer answer = answer(503, 35, 36);

    assertThat(windows((partition, nanos) -> null, answer).ownedByLiveInstances(answer)).isFalse();
  }

  @Test
  void shouldJudgeAnUnansweredRequestOwnedUntilItsAnswerWasDue() {
    long killed = 10 * SECOND;
    long due = FaultWindows.INGEST_TIMEOUT.toNanos();
    HttpAnswer dueAfterTheKill =
        new HttpAnswer(
            killed - due / 2, 0, HttpAnswer.NO_ANSWER, List.of("k1"), null, Map.of(), "");
    HttpAnswer dueBeforeTheKill =
        new HttpAnswer(
            killed - due - 2 * SECOND, 0, HttpAnswer.NO_ANSWER, List.of("k1"), null, Map.of(), "");
    FaultWindows windows = windows(RESOLVER_A, dueAfterTheKill, dueBeforeTheKill);

    assertThat(windows.ownedByLiveInstances(dueAfterTheKill)).isFalse();
    assertThat(windows.ownedByLiveInstances(dueBeforeTheKill)).isTrue();
  }

  @Test
  void shouldExcuseARequestInFlightWhenIngestWasKilled() {
    List<Fault> faults =
        List.of(
            new Fault(Fault.BROKER, "broker-1", 30 * SECOND, 50 * SECOND),
            new Fault(Fault.INGEST, "ingest", 40 * SECOND, 42 * SECOND));
    HttpAnswer cut = answer(HttpAnswer.NO_ANSWER, 38, 41);
    HttpAnswer answeredBefore = answer(503, 36, 39);
    FaultWindows windows =
        new FaultWindows(faults, List.of(cut, answeredBefore), RESOLVER_B, PARTITIONS);

    assertThat(windows.inFaultWindowsWithIngestUp()).containsExactly(answeredBefore);
    assertThat(windows.failedInBrokerWindows()).containsExactly(answeredBefore);
  }

  @Test
  void shouldCountA504AsATimeoutOutsideFaultsOnlyWhenItsWholeLifeMetNoWindow() {
    HttpAnswer clear = answer(504, 80, 85);
    HttpAnswer metTheResolverKill = answer(504, 8, 11);
    FaultWindows windows = windows(RESOLVER_B, clear, metTheResolverKill, answer(200, 90, 91));

    assertThat(windows.timeoutsOutsideFaults()).containsExactly(clear);
    assertThat(windows.metAnyFault(metTheResolverKill)).isTrue();
    assertThat(windows.faultsMetBy(metTheResolverKill)).containsExactly(FAULTS.get(0));
  }

  @Test
  void shouldTakeTheSlowestRecoveryOfAKindAndAMissingOneAsInfinitelySlow() {
    List<Fault> faults =
        List.of(
            new Fault(Fault.SINK, "sink", 10 * SECOND, 13 * SECOND),
            new Fault(Fault.SINK, "sink", 50 * SECOND, 57 * SECOND),
            new Fault(Fault.RESOLVER, "resolver-a", 20 * SECOND, -1));
    FaultWindows windows = new FaultWindows(faults, List.of(), RESOLVER_B, PARTITIONS);

    assertThat(windows.worstRecovery(Fault.SINK)).isEqualTo(7.0);
    assertThat(windows.worstRecovery(Fault.RESOLVER)).isInfinite();
    assertThat(windows.worstRecovery(Fault.BROKER)).isZero();
    assertThat(windows.count(Fault.SINK)).isEqualTo(2);
  }

  @Test
  void shouldTimeARecoveryFromTheEndOfABrokerPauseItWaitedOn() {
    Fault resolverKill = new Fault(Fault.RESOLVER, "resolver-a", 10 * SECOND, 28 * SECOND);
    Fault brokerPause = fault(Fault.BROKER, Fault.PAUSE, "kafka-2", 15, 27, 28);
    FaultWindows windows = windowsOf(resolverKill, brokerPause);

    assertThat(windows.recoverySinceLastDisturbance(resolverKill)).isEqualTo(1.0);
    assertThat(windows.lastDisturbances(resolverKill))
        .containsExactly(new FaultWindows.Disturbance(brokerPause, 27 * SECOND, true));
    assertThat(windows.worstRecovery(Fault.RESOLVER)).isEqualTo(18.0);
    assertThat(windows.worstRecoverySinceLastDisturbance(Fault.RESOLVER)).isEqualTo(1.0);
  }

  @Test
  void shouldTimeARecoveryFromTheStartOfABrokerKillButNotFromTheKilledBrokersRestart() {
    Fault resolverKill = new Fault(Fault.RESOLVER, "resolver-a", 10 * SECOND, 25 * SECOND);
    Fault brokerKill = fault(Fault.BROKER, Fault.KILL, "kafka-2", 12, 20, 30);

    assertThat(windowsOf(resolverKill, brokerKill).recoverySinceLastDisturbance(resolverKill))
        .isEqualTo(13.0);
  }

  @Test
  void shouldTimeTheSinksRecoveryFromTheDatabasesReturnButNotAResolversRecovery() {
    Fault sinkKill = new Fault(Fault.SINK, "sink", 10 * SECOND, 22 * SECOND);
    Fault resolverKill = new Fault(Fault.RESOLVER, "resolver-a", 10 * SECOND, 22 * SECOND);
    Fault readOnly = fault(Fault.DATABASE, Fault.READ_ONLY, "postgres", 12, 20, 21);
    FaultWindows windows = windowsOf(sinkKill, resolverKill, readOnly);

    assertThat(windows.recoverySinceLastDisturbance(sinkKill)).isEqualTo(2.0);
    assertThat(windows.recoverySinceLastDisturbance(resolverKill)).isEqualTo(12.0);
    assertThat(windows.lastDisturbances(resolverKill)).isEmpty();
  }

  @Test
  void shouldTimeADatabaseFaultsRecoveryFromASinkKillDuringIt() {
    Fault readOnly = fault(Fault.DATABASE, Fault.READ_ONLY, "postgres", 10, 18, 38);
    Fault sinkKill = new Fault(Fault.SINK, "sink", 25 * SECOND, 33 * SECOND);

    assertThat(windowsOf(readOnly, sinkKill).recoverySinceLastDisturbance(readOnly))
        .isEqualTo(13.0);
  }

  @Test
  void shouldIgnoreADisturbanceBeforeTheFaultEndedOrAfterTheRecovery() {
    Fault resolverPause = fault(Fault.RESOLVER, Fault.PAUSE, "resolver-a", 10, 22, 30);
    Fault before = fault(Fault.BROKER, Fault.PAUSE, "kafka-2", 5, 17, 18);
    Fault after = fault(Fault.BROKER, Fault.PARTITION, "kafka-3", 31, 43, 44);

    assertThat(windowsOf(resolverPause, before, after).recoverySinceLastDisturbance(resolverPause))
        .isEqualTo(8.0);
  }

  @Test
  void shouldLeaveARecoveryThatNeverCameUnexcused() {
    Fault sinkKill = new Fault(Fault.SINK, "sink", 10 * SECOND, -1);
    Fault brokerPause = fault(Fault.BROKER, Fault.PAUSE, "kafka-2", 15, 27, 28);
    FaultWindows windows = windowsOf(sinkKill, brokerPause);

    assertThat(windows.recoverySinceLastDisturbance(sinkKill)).isNaN();
    assertThat(windows.worstRecoverySinceLastDisturbance(Fault.SINK)).isInfinite();
  }

  @Test
  void shouldTakeAStreamThreadOfAnInstanceForTheInstance() {
    assertThat(FaultWindows.isInstance("resolver-a-1", "resolver-a")).isTrue();
    assertThat(FaultWindows.isInstance("resolver-a", "resolver-a")).isTrue();
    assertThat(FaultWindows.isInstance("resolver-ab", "resolver-a")).isFalse();
    assertThat(FaultWindows.isInstance("resolver-b-1", "resolver-a")).isFalse();
  }

  @Test
  void shouldHaveAFull200ShareWhenNoAnswerCounts() {
    assertThat(FaultWindows.okShare(List.of())).isEqualTo(1.0);
  }

  private static Fault fault(
      String kind, String how, String target, long started, long ended, long recovered) {
    return new Fault(kind, how, target, started * SECOND, ended * SECOND, recovered * SECOND);
  }

  private static FaultWindows windowsOf(Fault... faults) {
    return new FaultWindows(List.of(faults), List.of(), RESOLVER_B, PARTITIONS);
  }

  private static FaultWindows windows(FaultWindows.Owners owners, HttpAnswer... answers) {
    return new FaultWindows(FAULTS, List.of(answers), owners, PARTITIONS);
  }

  private static HttpAnswer answer(int status, long sentSecond, long answeredSecond) {
    return new HttpAnswer(
        sentSecond * SECOND,
        answeredSecond * SECOND,
        status,
        List.of("k1", "k2"),
        "req-" + sentSecond,
        Map.of(),
        "");
  }

  private static Map.Entry<Integer, Integer> e(int status, int count) {
    return Map.entry(status, count);
  }
}
