package org.contactpipeline.ingest.ivvy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * When a signed iVvy request says it was made: {@code IVVY-Date} in iVvy's timestamp format ({@code
 * yyyy-MM-dd HH:mm:ss}, UTC), else the {@code Date} header (RFC 1123; iVvy's examples end in {@code
 * UTC} where RFC 1123 says {@code GMT}, and both are read).
 */
final class IvvyRequestDate {

  private static final DateTimeFormatter IVVY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private IvvyRequestDate() {}

  static Optional<Instant> of(String ivvyDate, String date) {
    try {
      if (ivvyDate != null) {
        return Optional.of(LocalDateTime.parse(ivvyDate.strip(), IVVY).toInstant(ZoneOffset.UTC));
      }
      if (date != null) {
        String rfc1123 = date.strip().replaceFirst("(?i)\\s+UTC$", " GMT");
        return Optional.of(
            ZonedDateTime.parse(rfc1123, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      }
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
