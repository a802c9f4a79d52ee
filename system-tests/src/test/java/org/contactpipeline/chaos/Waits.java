package org.contactpipeline.chaos;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling with a deadline; the only waiting the chaos test does. */
final class Waits {

  private Waits() {}

  /** Polls every 100 ms; returns whether the condition held before the deadline. */
  static boolean until(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      pause(Duration.ofMillis(100));
    }
    return true;
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
