package org.contactpipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CommitPacingTest {

  /**
   * Fresh: produced less than 100 ms ago; the commit is asked 10 ms after the first fresh awaited
   * record.
   */
  private final CommitPacing pacing = new CommitPacing(100, 10);

  @Test
  void shouldAskForTheCommitTheWaitAfterTheFirstFreshRecordAndOnlyOnce() {
    pacing.awaited(1_000, 1_002);
    pacing.awaited(1_005, 1_008);

    assertThat(pacing.commitDue(1_011)).isFalse();
    assertThat(pacing.commitDue(1_012)).isTrue();
    assertThat(pacing.commitDue(1_030)).isFalse();
  }

  @Test
  void shouldStartOverWithTheNextFreshRecordAfterAsking() {
    pacing.awaited(1_000, 1_000);
    assertThat(pacing.commitDue(1_010)).isTrue();

    pacing.awaited(1_040, 1_041);

    assertThat(pacing.commitDue(1_050)).isFalse();
    assertThat(pacing.commitDue(1_051)).isTrue();
  }

  @Test
  void shouldLeaveTheCommitToStreamsWhileEveryRecordIsFromABacklog() {
    for (long now = 10_000; now < 11_000; now++) {
      pacing.awaited(now - 5_000, now);
      assertThat(pacing.commitDue(now)).isFalse();
    }
  }

  @Test
  void shouldTakeTheWaitAndFreshnessFromTheAwaitedCommitInterval() {
    CommitPacing fromConfig =
        CommitPacing.of(
            new StreamsAppConfig(
                "app",
                java.time.Duration.ofMillis(250),
                java.time.Duration.ofMillis(20),
                java.nio.file.Path.of("state"),
                1,
                java.util.Map.of()));

    fromConfig.awaited(1_000, 1_099);
    assertThat(fromConfig.commitDue(1_108)).isFalse();
    assertThat(fromConfig.commitDue(1_109)).isTrue();
    fromConfig.awaited(1_000, 1_100);
    assertThat(fromConfig.commitDue(1_200)).isFalse();
    assertThat(fromConfig.checkEveryMs()).isEqualTo(5);
  }
}
