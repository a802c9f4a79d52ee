package org.contactpipeline.ingest.marketingcloud;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The two date formats Marketing Cloud's contacts responses use. */
final class VendorDates {

  /** ISO-8601 with a numeric offset and seven fractional digits, like {@code responseDateTime}. */
  private static final DateTimeFormatter RESPONSE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSxxx");

  /** Without offset or fraction, like {@code createDate}; always UTC here. */
  private static final DateTimeFormatter RECORD_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private VendorDates() {}

  static String responseDateTime(Clock clock) {
    return OffsetDateTime.now(clock).format(RESPONSE_TIME);
  }

  static String recordDate(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).format(RECORD_DATE);
  }
}
