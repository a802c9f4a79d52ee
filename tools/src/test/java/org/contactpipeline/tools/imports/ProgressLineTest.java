package org.contactpipeline.tools.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

  @Test
  void shouldShowRowsRateShareAndTimeLeft() {
    // A quarter of 4,000,000 bytes in 10 s: three quarters take 30 s more.
    String line =
        ProgressLine.format(
            250_000, 250_000, 1_000_000, 0, 4_000_000, Duration.ofSeconds(10), 240_000);

    assertThat(line).isEqualTo("250,000 rows read  25,000 rows/s  25.0%  ETA 30s  240,000 decided");
  }

  @Test
  void shouldMeasureARunResumedMidFileByWhatItReadItself() {
    // Resumed at byte 3,000,000 of 4,000,000; 500,000 bytes in 5 s leaves 500,000: 5 s.
    String line =
        ProgressLine.format(
            900_000, 100_000, 3_500_000, 3_000_000, 4_000_000, Duration.ofSeconds(5), 880_000);

    assertThat(line).isEqualTo("900,000 rows read  20,000 rows/s  87.5%  ETA 5s  880,000 decided");
  }

  @Test
  void shouldHaveNoTimeLeftBeforeAnythingIsRead() {
    assertThat(ProgressLine.format(0, 0, 0, 0, 100, Duration.ZERO, 0)).contains("ETA --");
  }

  @Test
  void shouldWriteLongDurationsInMinutesAndHours() {
    assertThat(ProgressLine.duration(Duration.ofSeconds(185))).isEqualTo("3m 05s");
    assertThat(ProgressLine.duration(Duration.ofSeconds(7380))).isEqualTo("2h 03m");
  }
}
