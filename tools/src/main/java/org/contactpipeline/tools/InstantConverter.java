package org.contactpipeline.tools;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --since} and {@code --until}: an ISO-8601 instant in UTC. */
final class InstantConverter implements ITypeConverter<Instant> {

  @Override
  public Instant convert(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is not an instant: expected ISO-8601 in UTC, e.g. 2026-05-01T09:30:00Z");
    }
  }
}
