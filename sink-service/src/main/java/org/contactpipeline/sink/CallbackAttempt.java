package org.contactpipeline.sink;

import java.time.Duration;
import java.util.Optional;

/** How one attempt to deliver a callback ended. */
sealed interface CallbackAttempt {

  /** The receiver answered 2xx: the callback is delivered. */
  record Delivered(int status) implements CallbackAttempt {}

  /**
   * A failure that may heal (no connection, a timeout, 408, 429, 5xx): try again later.
   *
   * @param retryAfter how long the receiver asked to be left alone ({@code Retry-After}), if it did
   */
  record Retryable(String reason, Optional<Duration> retryAfter) implements CallbackAttempt {}

  /** A failure that will not heal by retrying (another 4xx, a redirect, the policy refused). */
  record Final(String reason) implements CallbackAttempt {}
}
