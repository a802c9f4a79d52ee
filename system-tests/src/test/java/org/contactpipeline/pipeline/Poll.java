package org.contactpipeline.pipeline;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition by polling it until a deadline; never a fixed sleep. */
final class Poll {

  private Poll() {}

  /**
   * Polls until {@code value} satisfies {@code done}; returns the last value, fails with it at the
   * deadline.
   */
  static <T> T until(Duration timeout, Supplier<T> value, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = value.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout + "; last value: " + last);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      last = value.get();
    }
    return last;
  }
}
