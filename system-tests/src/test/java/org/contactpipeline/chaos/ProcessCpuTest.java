package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcessCpuTest {

  @Test
  void shouldAddUserAndSystemTicksCountingFieldsFromTheLastParenthesis() {
    // A real line of a JVM, its command name changed to hold a space and a parenthesis.
    String stat =
        "4242 (ja va) x) S 1 4242 4242 0 -1 4194304 52312 0 3 0 1234 567 0 0 20 0 48 0 9001"
            + " 5368709120 60000 18446744073709551615 1 1 0 0 0 0 0 2 16800972 0 0 0 17 1 0 0";

    assertThat(ProcessCpu.ticks(stat)).isEqualTo(1234 + 567);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void shouldReadThisProcessCpuTimeInSecondsOnLinux() {
    ProcessCpu cpu = ProcessCpu.ofThisMachine();

    assertThat(cpu.ticksPerSecond()).isPositive();
    assertThat(cpu.seconds(List.of(ProcessHandle.current().pid()))).isPositive();
  }
}
