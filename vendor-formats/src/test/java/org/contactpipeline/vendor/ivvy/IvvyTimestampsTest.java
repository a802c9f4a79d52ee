package org.contactpipeline.vendor.ivvy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class IvvyTimestampsTest {

  @Test
  void shouldWriteUtcToTheSecondWithoutAZone() {
    assertThat(IvvyTimestamps.format(Instant.parse("2024-01-05T10:11:12.987Z")))
        .isEqualTo("2024-01-05 10:11:12");
  }

  @Test
  void shouldReadTheFormatAsIvvyAndItsSdksWriteIt() {
    assertThat(IvvyTimestamps.parse("2024-01-05 10:11:12"))
        .isEqualTo(Instant.parse("2024-01-05T10:11:12Z"));
    assertThat(IvvyTimestamps.parse("2014-05-6 12:32:12"))
        .isEqualTo(Instant.parse("2014-05-06T12:32:12Z"));
    assertThat(IvvyTimestamps.parse("2024-01-05 10:11:12 UTC"))
        .isEqualTo(Instant.parse("2024-01-05T10:11:12Z"));
  }

  @Test
  void shouldRefuseWhatIsNotAnIvvyTimestamp() {
    for (String text :
        new String[] {
          "2024-01-05T10:11:12Z",
          "2024-02-30 00:00:00",
          "2024-01-05",
          "05/01/2024 10:11:12",
          "2024-01-05 24:00:00",
          "2024-01-05 10:11:12 CET"
        }) {
      assertThatThrownBy(() -> IvvyTimestamps.parse(text))
          .as(text)
          .isInstanceOf(DateTimeParseException.class);
    }
  }
}
