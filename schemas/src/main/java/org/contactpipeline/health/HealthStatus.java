package org.contactpipeline.health;

/** Outcome of one {@link HealthCheck}: ready or not, and a detail a person can act on. */
public record HealthStatus(boolean ready, String detail) {

  public static HealthStatus up(String detail) {
    return new HealthStatus(true, detail);
  }

  public static HealthStatus down(String detail) {
    return new HealthStatus(false, detail);
  }
}
