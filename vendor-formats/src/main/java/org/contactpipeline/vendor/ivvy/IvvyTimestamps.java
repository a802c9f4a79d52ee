package org.contactpipeline.vendor.ivvy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;

/**
 * The "iVvy Timestamp Format": {@code yyyy-mm-dd HH:MM:SS}, always UTC, no zone. Written exactly
 * so; read leniently as iVvy's own data and SDKs produce it: unpadded fields ({@code 2014-05-6
 * 12:32:12}) and an optional trailing {@code UTC}.
 */
public final class IvvyTimestamps {

  public static final String FORMAT = "yyyy-mm-dd HH:MM:SS (UTC)";

  private static final DateTimeFormatter WRITE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter READ =
      new DateTimeFormatterBuilder()
          .appendValue(ChronoField.YEAR, 4)
          .appendLiteral('-')
          .appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, SignStyle.NOT_NEGATIVE)
          .appendLiteral('-')
          .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE)
          .appendLiteral(' ')
          .appendValue(ChronoField.HOUR_OF_DAY, 1, 2, SignStyle.NOT_NEGATIVE)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendLiteral(" UTC")
          .optionalEnd()
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);

  private IvvyTimestamps() {}

  public static String format(Instant instant) {
    return instant == null ? null : WRITE.format(instant);
  }

  /** The instant a timestamp names; throws {@link DateTimeParseException} when it is not one. */
  public static Instant parse(String text) {
    return LocalDateTime.parse(text.strip(), READ).toInstant(ZoneOffset.UTC);
  }
}
