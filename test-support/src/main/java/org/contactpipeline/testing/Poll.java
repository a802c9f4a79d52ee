package org.contactpipeline.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way the project's tests wait: they poll a condition until a deadline, never sleep for a
 * guessed time and hope. {@link #pause} is for waits that are part of what a test does (a broker's
 * down time, pacing a load), not for synchronization.
 */
public final class Poll {

  private static final Duration EVERY = Duration.ofMillis(50);

  private Poll() {}

  /**
   * Polls until {@code value} satisfies {@code done}; returns the last value, fails with it at the
   * deadline.
   */
  public static <T> T until(Duration timeout, Supplier<T> value, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = value.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout + "; last value: " + last);
      }
      pause(EVERY);
      last = value.get();
    }
    return last;
  }

  /** Polls until {@code condition} holds; returns whether it did before the deadline. */
  public static boolean holdsWithin(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      pause(EVERY);
    }
    return true;
  }

  /** Waits {@code duration}; an interrupt ends the test that was waiting. */
  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
