package org.contactpipeline.health;

import java.util.Objects;

/** Outcome of one {@link HealthCheck}: ready or not, and a detail a person can act on. */
public record HealthStatus(boolean ready, String detail) {

  public HealthStatus {
    // Exception messages can be null; a report must still render.
    detail = Objects.toString(detail, "");
  }

  public static HealthStatus up(String detail) {
    return new HealthStatus(true, detail);
  }

  public static HealthStatus down(String detail) {
    return new HealthStatus(false, detail);
  }
}
