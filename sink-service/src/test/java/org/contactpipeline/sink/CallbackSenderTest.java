package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class CallbackSenderTest {

  @Test
  void shouldTakeEvery2xxAsDelivered() {
    assertThat(CallbackSender.outcome(200, Optional.empty()))
        .isInstanceOf(CallbackAttempt.Delivered.class);
    assertThat(CallbackSender.outcome(204, Optional.empty()))
        .isInstanceOf(CallbackAttempt.Delivered.class);
  }

  @Test
  void shouldRetryTimeoutsThrottlingAndServerErrors() {
    for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
      assertThat(CallbackSender.outcome(status, Optional.empty()))
          .as("%d", status)
          .isInstanceOf(CallbackAttempt.Retryable.class);
    }
  }

  @Test
  void shouldStopOnOtherClientErrorsAndRedirects() {
    for (int status : new int[] {301, 302, 400, 401, 403, 404, 410, 422}) {
      assertThat(CallbackSender.outcome(status, Optional.empty()))
          .as("%d", status)
          .isInstanceOf(CallbackAttempt.Final.class);
    }
  }

  @Test
  void shouldKeepTheReceiversRetryAfterInSeconds() {
    assertThat(CallbackSender.outcome(429, Optional.of("30")))
        .isEqualTo(
            new CallbackAttempt.Retryable("answered 429", Optional.of(Duration.ofSeconds(30))));
    assertThat(CallbackSender.outcome(503, Optional.of("Wed, 21 Oct 2026 07:28:00 GMT")))
        .isEqualTo(new CallbackAttempt.Retryable("answered 503", Optional.empty()));
  }

  @Test
  void shouldRetryConnectionFailuresAndTimeouts() {
    assertThat(
            CallbackSender.outcome(
                null, new CompletionException(new ConnectException("Connection refused"))))
        .isInstanceOf(CallbackAttempt.Retryable.class);
    assertThat(CallbackSender.outcome(null, new HttpTimeoutException("request timed out")))
        .isInstanceOf(CallbackAttempt.Retryable.class);
  }
}
