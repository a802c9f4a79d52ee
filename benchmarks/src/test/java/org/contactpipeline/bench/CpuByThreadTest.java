package org.contactpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuByThreadTest {

  @Test
  void shouldSumThreadsOfOneKindUnderTheirNameWithoutIds() {
    assertThat(
            CpuByThread.kindOf(
                "contact-resolver-9f8db92b-2f2a-4fdd-8541-2401aaf9b018-StreamThread-1"))
        .isEqualTo("contact-resolver-StreamThread");
    assertThat(CpuByThread.kindOf("data-plane-kafka-request-handler-7"))
        .isEqualTo("data-plane-kafka-request-handler");
    assertThat(CpuByThread.kindOf("ingest-2e1b0639-listener")).isEqualTo("ingest-listener");
    assertThat(CpuByThread.kindOf("changelog-materializer")).isEqualTo("changelog-materializer");
  }

  @Test
  void shouldNameTheJvmsOwnThreadsAndRocksDbsByTheirLinuxNames() {
    assertThat(CpuByThread.nativeKindOf("C2 CompilerThre")).isEqualTo("JVM JIT compiler (C1, C2)");
    assertThat(CpuByThread.nativeKindOf("C1 CompilerThre")).isEqualTo("JVM JIT compiler (C1, C2)");
    assertThat(CpuByThread.nativeKindOf("G1 Conc#0")).isEqualTo("JVM garbage collector (G1)");
    assertThat(CpuByThread.nativeKindOf("GC Thread#1")).isEqualTo("JVM garbage collector (G1)");
    assertThat(CpuByThread.nativeKindOf("rocksdb:low")).isEqualTo("RocksDB's own threads");
    assertThat(CpuByThread.nativeKindOf("data-plane-kafk")).isNull();
  }

  @Test
  void shouldAddUserAndSystemTicksOfAStatLineWhoseCommandHoldsSpacesAndParentheses() {
    String stat =
        "4242 (C2 (Compiler) x) S 1 4242 4242 0 -1 4194368 100 0 0 0 1234 56 0 0 20 0 1 0 10";

    assertThat(CpuByThread.ticksIn(stat)).isEqualTo(1234 + 56);
    assertThat(CpuByThread.ticksIn("")).isZero();
  }
}
