package org.contactpipeline.sink;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The waits between attempts to deliver a callback: exponential from {@code first}, doubling per
 * failed attempt up to {@code max}, with jitter so that the callbacks of many jobs that failed
 * together (a receiver that was down) do not come back together. "Equal jitter": half of each wait
 * is fixed and half random, so a retry never comes at once.
 *
 * @param first the wait after the first failed attempt, before jitter
 * @param max the longest wait, before jitter
 */
public record CallbackBackoff(Duration first, Duration max) {

  public CallbackBackoff {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < first <= max: " + first + ", " + max);
    }
  }

  /**
   * The wait before the next attempt when {@code failedAttempts} attempts failed, without jitter.
   */
  Duration ceiling(int failedAttempts) {
    Duration wait = first;
    for (int i = 1; i < failedAttempts && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }

  /**
   * The wait before the next attempt when {@code failedAttempts} attempts failed: between half the
   * {@link #ceiling} and all of it.
   *
   * @param random a value in [0, 1)
   */
  Duration delayAfter(int failedAttempts, DoubleSupplier random) {
    long ceiling = ceiling(failedAttempts).toMillis();
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
  }
}
