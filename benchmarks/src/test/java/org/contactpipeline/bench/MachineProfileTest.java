package org.contactpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MachineProfileTest {

  /** user, nice, system, idle, iowait, irq, softirq, steal. */
  private static Optional<long[]> ticks(long busy, long idle, long steal) {
    return Optional.of(new long[] {busy, 0, 0, idle, 0, 0, 0, steal});
  }

  @Test
  void shouldReportPausesAndTheirShareOfTheStep() {
    MachineProfile before = new MachineProfile(10, 1_000, ticks(0, 0, 0));
    MachineProfile after = new MachineProfile(14, 1_060, ticks(900, 100, 0));

    assertThat(after.since(before, 2.0))
        .startsWith("GC pauses: 4, 15.0 ms each, 3.0 % of the step; CPU idle 10 %, steal 0.0 %")
        .doesNotContain("not comparable");
  }

  @Test
  void shouldFlagAStepWhereAnotherTenantTookTheCores() {
    MachineProfile before = new MachineProfile(0, 0, ticks(0, 0, 0));
    MachineProfile after = new MachineProfile(0, 0, ticks(800, 100, 100));

    assertThat(after.since(before, 1.0))
        .contains("GC pauses: 0, 0.0 ms each")
        .contains("steal 10.0 %")
        .contains("not comparable");
  }

  @Test
  void shouldStillReportPausesWithoutProcfs() {
    MachineProfile before = new MachineProfile(0, 0, Optional.empty());
    MachineProfile after = new MachineProfile(1, 5, Optional.empty());

    assertThat(after.since(before, 1.0)).endsWith("CPU shares: no /proc/stat here");
  }

  @Test
  void shouldCountOnlyStopTheWorldCollectors() {
    assertThat(MachineProfile.countsPauses("G1 Young Generation")).isTrue();
    assertThat(MachineProfile.countsPauses("ZGC Pauses")).isTrue();
    assertThat(MachineProfile.countsPauses("Shenandoah Pauses")).isTrue();
    assertThat(MachineProfile.countsPauses("G1 Concurrent GC")).isFalse();
    assertThat(MachineProfile.countsPauses("ZGC Cycles")).isFalse();
    assertThat(MachineProfile.countsPauses("Shenandoah Cycles")).isFalse();
  }

  @Test
  void shouldReadThisMachine() {
    MachineProfile first = MachineProfile.now();

    assertThat(MachineProfile.now().since(first, 1.0)).startsWith("GC pauses: ");
  }
}
