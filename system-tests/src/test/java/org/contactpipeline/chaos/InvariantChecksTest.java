package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.chaos.ContactRecords.key;
import static org.contactpipeline.chaos.ContactRecords.record;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.contactpipeline.chaos.ResultsCollector.Result;
import org.junit.jupiter.api.Test;

class InvariantChecksTest {

  private static final Set<String> OUR_KEYS = Set.of("k1", "k2", "k3");

  private final InvariantChecks checks = new InvariantChecks(OUR_KEYS);

  @Test
  void shouldExpectOneResultPerAcceptedCommandAndOnePerKeyOfAnAccepted200Or504() {
    LoadDriver.Load load =
        new LoadDriver.Load(
            List.of(
                answer(200, "req-ok", List.of("k1", "k2"), Map.of("k1", 1L, "k2", 2L)),
                answer(504, "req-late", List.of("k3"), Map.of()),
                answer(503, "req-refused", List.of("k1"), Map.of()),
                answer(HttpAnswer.NO_ANSWER, null, List.of("k2"), Map.of())),
            Set.of("cmd-1"),
            0,
            OUR_KEYS);

    assertThat(InvariantChecks.expectedResults(load))
        .containsOnly(Map.entry("cmd-1", 1), Map.entry("req-ok", 2), Map.entry("req-late", 1));
  }

  @Test
  void shouldCountEachMissingItemOnceAndADuplicateNotAsAnItem() {
    Map<String, List<Result>> results =
        Map.of("req", List.of(new Result("req", 0, "k1", 1), new Result("req", 0, "k1", 1)));

    assertThat(InvariantChecks.missing(Map.of("req", 2, "cmd", 1), results)).isEqualTo(2);
    assertThat(InvariantChecks.missing(Map.of("req", 1), results)).isZero();
  }

  @Test
  void shouldFindNothingInAConsistentRun() {
    Map<String, List<Result>> results =
        Map.of(
            "req", List.of(new Result("req", 0, "k1", 1), new Result("req", 1, "k2", 2)),
            "cmd", List.of(new Result("cmd", 0, "k1", 1)));
    GoldenRecords golden = new GoldenRecords(OUR_KEYS);
    golden.add(key("k1"), record("k1", 1, 1));
    golden.add(key("k2"), record("k2", 2, 1));

    checks.checkResults(Map.of("req", 2, "cmd", 1), results);
    checks.checkAnswers(
        List.of(answer(200, "req", List.of("k1", "k2"), Map.of("k1", 1L, "k2", 2L))), results);
    checks.checkChangelog(golden);
    checks.checkRows(0);
    Findings findings = checks.findings();

    assertThat(findings).isEqualTo(new Findings(0, 0, 0, 0, 0, 0, 0, 0, 2, 3, Map.of(), List.of()));
  }

  @Test
  void shouldFindALostResult() {
    checks.checkResults(Map.of("cmd", 1), Map.of());

    assertThat(checks.findings().lost()).isEqualTo(1);
  }

  @Test
  void shouldFindAResultDeliveredTwice() {
    checks.checkResults(
        Map.of("cmd", 1),
        Map.of("cmd", List.of(new Result("cmd", 0, "k1", 1), new Result("cmd", 0, "k1", 1))));
    Findings findings = checks.findings();

    assertThat(findings.duplicated()).isEqualTo(1);
    assertThat(findings.lost()).isZero();
    assertThat(findings.examples()).singleElement().asString().startsWith("duplicate result");
  }

  @Test
  void shouldFindAKeyGivenTwoIdsByResultsAndTheChangelog() {
    GoldenRecords golden = new GoldenRecords(OUR_KEYS);
    golden.add(key("k1"), record("k1", 9, 1));

    checks.checkResults(Map.of(), Map.of("cmd", List.of(new Result("cmd", 0, "k1", 1))));
    checks.checkChangelog(golden);

    assertThat(checks.findings().keysWithTwoIds()).isEqualTo(1);
  }

  @Test
  void shouldFindAnIdGivenToTwoKeys() {
    checks.checkResults(
        Map.of(),
        Map.of(
            "a", List.of(new Result("a", 0, "k1", 5)), "b", List.of(new Result("b", 0, "k2", 5))));

    assertThat(checks.findings().idsSharedByKeys()).isEqualTo(1);
  }

  @Test
  void shouldIgnoreOtherRunsKeysAndResultsWithoutAnId() {
    checks.checkResults(
        Map.of(),
        Map.of(
            "a", List.of(new Result("a", 0, "other-run", 5), new Result("a", 1, "k1", 0)),
            "b", List.of(new Result("b", 0, "k2", 5))));

    assertThat(checks.findings().idsSharedByKeys()).isZero();
  }

  @Test
  void shouldFindA200ThatSaysOtherThanItsResults() {
    Map<String, List<Result>> results = Map.of("req", List.of(new Result("req", 0, "k1", 1)));

    checks.checkAnswers(List.of(answer(200, "req", List.of("k1"), Map.of("k1", 2L))), results);
    Findings findings = checks.findings();

    assertThat(findings.inconsistentAnswers()).isEqualTo(1);
  }

  @Test
  void shouldFindA503Or504ThatDoesNotNameItsRequest() {
    checks.checkAnswers(
        List.of(
            new HttpAnswer(0, 1, 504, List.of("k1"), "req-1", Map.of(), "timed out: req-1"),
            new HttpAnswer(0, 1, 504, List.of("k1"), "req-2", Map.of(), "timed out"),
            new HttpAnswer(0, 1, 503, List.of("k1"), null, Map.of(), "Service Unavailable"),
            new HttpAnswer(0, 1, 502, List.of("k1"), null, Map.of(), "Bad Gateway")),
        Map.of());

    assertThat(checks.findings().unclearErrors()).isEqualTo(2);
  }

  @Test
  void shouldTakeVersionsGoingBackAndGoldenRecordsFromTheChangelog() {
    GoldenRecords golden = new GoldenRecords(OUR_KEYS);
    golden.add(key("k1"), record("k1", 1, 2));
    golden.add(key("k1"), record("k1", 1, 1));

    checks.checkChangelog(golden);
    Findings findings = checks.findings();

    assertThat(findings.versionsGoingBack()).isEqualTo(1);
    assertThat(findings.goldenRecords()).isEqualTo(1);
  }

  @Test
  void shouldNameEachServiceThatIsNotRunningInOrder() {
    checks.serviceNotRunning("sink", "exited");
    checks.serviceNotRunning("ingest", "not live");

    assertThat(checks.findings().servicesNotRunning())
        .containsExactly(Map.entry("ingest", "not live"), Map.entry("sink", "exited"));
  }

  @Test
  void shouldKeepOnlyTheFirstTwentyExamples() {
    List<Result> duplicates =
        IntStream.range(0, 30).mapToObj(i -> new Result("cmd", 0, "k1", 1)).toList();

    checks.checkResults(Map.of("cmd", 1), Map.of("cmd", duplicates));
    Findings findings = checks.findings();

    assertThat(findings.duplicated()).isEqualTo(29);
    assertThat(findings.examples()).hasSize(20);
  }

  @Test
  void shouldGiveTheSameFindingsWhenAskedTwice() {
    checks.checkResults(
        Map.of(),
        Map.of(
            "a", List.of(new Result("a", 0, "k1", 5)), "b", List.of(new Result("b", 0, "k2", 5))));

    assertThat(checks.findings()).isEqualTo(checks.findings());
  }

  private static HttpAnswer answer(
      int status, String requestId, List<String> keys, Map<String, Long> ids) {
    return new HttpAnswer(0, 1, status, keys, requestId, ids, "");
  }
}
