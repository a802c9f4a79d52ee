package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoalsTest {

  private static final long SECOND = 1_000_000_000L;
  private static final FaultWindows.Owners LIVE_OWNER = (partition, nanos) -> "resolver-b-1";

  @Test
  void shouldMeetTheRecoveryGoalAtFifteenSecondsAndMissItAbove() {
    Goals goals =
        goals(
            List.of(
                new Fault(Fault.RESOLVER, "resolver-a", 10 * SECOND, 25 * SECOND),
                new Fault(Fault.SINK, "sink", 30 * SECOND, 46 * SECOND)),
            List.of(),
            0,
            10);

    assertThat(goals.resolverRecovery().met()).isTrue();
    assertThat(goals.sinkRecovery().met()).isFalse();
    assertThat(goals.sinkRecovery().value()).isEqualTo(16.0);
  }

  @Test
  void shouldTimeTheRecoveryGoalFromTheEndOfABrokerPauseTheResolverWaitedOn() {
    Goals goals =
        goals(
            List.of(
                new Fault(Fault.RESOLVER, "resolver-a", 10 * SECOND, 30 * SECOND),
                new Fault(
                    Fault.BROKER, Fault.PAUSE, "kafka-2", 14 * SECOND, 26 * SECOND, 27 * SECOND)),
            List.of(),
            0,
            10);

    assertThat(goals.resolverRecovery().value()).isEqualTo(4.0);
    assertThat(goals.resolverRecovery().met()).isTrue();
  }

  @Test
  void shouldMissTheRecoveryGoalWhenThePartNeverCameBack() {
    Goals goals = goals(List.of(new Fault(Fault.SINK, "sink", 30 * SECOND, -1)), List.of(), 0, 10);

    assertThat(goals.sinkRecovery().met()).isFalse();
  }

  @Test
  void shouldCountProducerRefusalsAsFailuresOfABrokerKill() {
    List<Fault> broker = List.of(new Fault(Fault.BROKER, "broker-1", 30 * SECOND, 50 * SECOND));
    Goals goals = goals(broker, List.of(answer(503, 35), answer(200, 36)), 2, 10);

    assertThat(goals.failedByBrokerFaults()).isEqualTo(3);
    assertThat(goals.brokerFaultFailures().met()).isFalse();
    assertThat(goals(broker, List.of(answer(200, 36)), 0, 10).brokerFaultFailures().met()).isTrue();
  }

  @Test
  void shouldMeetTheShareGoalAtNinetyNinePercentAndMissItBelow() {
    List<Fault> broker = List.of(new Fault(Fault.BROKER, "broker-1", 30 * SECOND, 50 * SECOND));

    assertThat(goals(broker, hundredAnswersWithFailures(1), 0, 10).okShare().met()).isTrue();
    assertThat(goals(broker, hundredAnswersWithFailures(2), 0, 10).okShare().met()).isFalse();
  }

  @Test
  void shouldMissTheTimeoutGoalOnA504ThatMetNoFault() {
    Goals goals = goals(List.of(), List.of(answer(504, 80)), 0, 10);

    assertThat(goals.timeoutsOutsideFaults()).isEqualTo(1);
    assertThat(goals.timeoutsOutsideFaultWindows().met()).isFalse();
  }

  @Test
  void shouldMissTheDrainGoalWhenTheResultsDidNotDrainInTime() {
    assertThat(goals(List.of(), List.of(), 0, 30).drain().met()).isTrue();
    assertThat(goals(List.of(), List.of(), 0, 31).drain().met()).isFalse();
    assertThat(goals(List.of(), List.of(), 0, Double.NaN).drain().value()).isInfinite();
    assertThat(goals(List.of(), List.of(), 0, Double.NaN).drain().met()).isFalse();
  }

  @Test
  void shouldMeetEveryGoalInAQuietRun() {
    assertThat(goals(List.of(), List.of(answer(200, 5)), 0, 3).all()).allMatch(Goals.Goal::met);
  }

  private static Goals goals(
      List<Fault> faults, List<HttpAnswer> answers, long refused, double drainSeconds) {
    return new Goals(new FaultWindows(faults, answers, LIVE_OWNER, 6), refused, drainSeconds);
  }

  /** A hundred answers sent in the broker window, {@code failures} of them 503s. */
  private static List<HttpAnswer> hundredAnswersWithFailures(int failures) {
    List<HttpAnswer> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      answers.add(answer(i < failures ? 503 : 200, 35));
    }
    return answers;
  }

  private static HttpAnswer answer(int status, long sentSecond) {
    return new HttpAnswer(
        sentSecond * SECOND,
        (sentSecond + 1) * SECOND,
        status,
        List.of("k1"),
        "req-" + sentSecond,
        Map.of(),
        "");
  }
}
