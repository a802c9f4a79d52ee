package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FaultTest {

  private static final long SECOND = 1_000_000_000L;

  private final Fault recovered = new Fault(Fault.SINK, "sink", 10 * SECOND, 14 * SECOND);
  private final Fault neverBack = new Fault(Fault.SINK, "sink", 10 * SECOND, -1);

  @Test
  void shouldRecoverInTheTimeFromKillToRecovery() {
    assertThat(recovered.recoverySeconds()).isEqualTo(4.0);
  }

  @Test
  void shouldHaveNoRecoveryTimeWhenThePartDidNotComeBack() {
    assertThat(neverBack.recoverySeconds()).isNaN();
  }

  @Test
  void shouldCoverFromTheKillToOneSecondAfterTheRecovery() {
    assertThat(recovered.covers(10 * SECOND - 1)).isFalse();
    assertThat(recovered.covers(10 * SECOND)).isTrue();
    assertThat(recovered.covers(15 * SECOND)).isTrue();
    assertThat(recovered.covers(15 * SECOND + 1)).isFalse();
  }

  @Test
  void shouldStayOpenWhenThePartDidNotComeBack() {
    assertThat(neverBack.covers(Long.MAX_VALUE - 1)).isTrue();
  }

  @Test
  void shouldOverlapARequestOpenAtAnyMomentOfTheWindow() {
    assertThat(recovered.overlaps(5 * SECOND, 10 * SECOND)).isTrue();
    assertThat(recovered.overlaps(15 * SECOND, 20 * SECOND)).isTrue();
    assertThat(recovered.overlaps(5 * SECOND, 10 * SECOND - 1)).isFalse();
    assertThat(recovered.overlaps(15 * SECOND + 1, 20 * SECOND)).isFalse();
  }
}
