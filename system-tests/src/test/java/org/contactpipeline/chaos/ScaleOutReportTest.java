package org.contactpipeline.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleOutReportTest {

  private static final ScaleOutReport.Setup SETUP =
      new ScaleOutReport.Setup(100_000, 20_000, 6, 3, 1, 2, 100);
  private static final ScaleOutReport.TopicBytes BYTES =
      new ScaleOutReport.TopicBytes(120_000, 36_000_000, 18_000_000, 54_000_000, 72_000_000);

  @Test
  void shouldPrintEachStepWithItsRatiosToTheFirstStep() {
    String report =
        print(
            List.of(
                new ScaleOutReport.Step(1, 100_000, 4.0, 20.0, 30.0, 40.0, BYTES),
                new ScaleOutReport.Step(2, 100_000, 4.0, 12.5, 36.0, 40.0, BYTES)));

    assertThat(report)
        .contains("100,000 new contacts per step")
        .contains("P = 6 partitions, 3 brokers")
        .contains("| 1 | 5,000 | 1.00 | 5,000 | 0.300 | 1.00 | 0.400 | 4.0 s | 20.0 s |")
        .contains("| 2 | 8,000 | 1.60 | 4,000 | 0.360 | 1.20 | 0.400 | 4.0 s | 12.5 s |")
        .contains("| 1 | 300 B | 150 B | 450 B | 600 B |")
        .contains("Ratios are to the 1-instance step");
  }

  @Test
  void shouldSaySoWhenNoStepRan() {
    assertThat(print(List.of())).contains("no steps ran");
  }

  private static String print(List<ScaleOutReport.Step> steps) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ScaleOutReport(new PrintStream(bytes, true, StandardCharsets.UTF_8)).print(SETUP, steps);
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
