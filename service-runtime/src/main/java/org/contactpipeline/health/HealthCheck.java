package org.contactpipeline.health;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One readiness condition of the running system (broker reachable, a Streams application RUNNING,
 * the database answering). The HTTP {@code /health} endpoint reports them all.
 */
public interface HealthCheck {

  /**
   * Short stable name shown in the health report, e.g. {@code kafka} or {@code resolver-streams}.
   */
  String name();

  /** Checks now; never throws, never blocks for long. */
  HealthStatus check();

  /** A named check backed by a probe. */
  static HealthCheck of(String name, Supplier<HealthStatus> probe) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(probe, "probe");
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public HealthStatus check() {
        return probe.get();
      }
    };
  }
}
