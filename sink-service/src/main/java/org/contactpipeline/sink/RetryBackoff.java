package org.contactpipeline.sink;

import java.time.Duration;

/**
 * The wait between tries of the sink's retrying loops (the consumers' writes, the job tasks): from
 * 100 ms, doubled after each failure, at most 5 s, so an outage is retried often at first and never
 * hammered.
 */
final class RetryBackoff {

  static final Duration FIRST = Duration.ofMillis(100);
  static final Duration MAX = Duration.ofSeconds(5);

  private RetryBackoff() {}

  /** The wait after one more failure, following {@code current}. */
  static Duration after(Duration current) {
    Duration doubled = current.multipliedBy(2);
    return doubled.compareTo(MAX) > 0 ? MAX : doubled;
  }
}
