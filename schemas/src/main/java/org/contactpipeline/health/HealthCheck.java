package org.contactpipeline.health;

/**
 * One readiness condition of the running system (broker reachable, a Streams application
 * RUNNING, the database answering). The HTTP {@code /health} endpoint reports them all.
 */
public interface HealthCheck {

  /** Short stable name shown in the health report, e.g. {@code kafka} or {@code resolver-streams}. */
  String name();

  /** Checks now; never throws, never blocks for long. */
  HealthStatus check();
}
