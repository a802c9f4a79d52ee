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
}
