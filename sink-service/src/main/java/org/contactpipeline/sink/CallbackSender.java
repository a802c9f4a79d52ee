package org.contactpipeline.sink;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.contactpipeline.callbacks.CallbackPolicy;
import org.contactpipeline.callbacks.CallbackRefusedException;
import org.contactpipeline.store.DueCallback;

/**
 * Makes one attempt to deliver a job's callback: checks the URL against the policy (on the
 * addresses its host resolves to now), then POSTs the body with the job id as idempotency key and,
 * when a secret is configured, a {@link CallbackSignature}. Redirects are not followed: a receiver
 * that moved must be asked for again, not found by the sink. The answer's body is not read.
 */
final class CallbackSender {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final String JOB_HEADER = "X-Contact-Pipeline-Job";

  private final HttpClient client;
  private final CallbackPolicy policy;
  private final Optional<String> signingSecret;
  private final Duration requestTimeout;
  private final Clock clock;

  CallbackSender(
      HttpClient client,
      CallbackPolicy policy,
      Optional<String> signingSecret,
      Duration requestTimeout,
      Clock clock) {
    this.client = client;
    this.policy = policy;
    this.signingSecret = signingSecret;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
  }

  static CallbackSender of(JobsConfig.Callbacks config, Clock clock) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            // No h2c upgrade dance with plain-http receivers; HTTPS still negotiates by ALPN.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    return new CallbackSender(
        client, config.policy(), config.signingSecret(), config.requestTimeout(), clock);
  }

  /** The attempt's outcome, when it is known; never fails. */
  CompletableFuture<CallbackAttempt> send(DueCallback callback, byte[] body) {
    HttpRequest request;
    try {
      // Before every attempt: the name may resolve elsewhere now than at submission.
      policy.resolve(callback.url());
      request = request(callback, body);
    } catch (CallbackRefusedException e) {
      return CompletableFuture.completedFuture(
          new CallbackAttempt.Final("refused by the callback policy: " + e.getMessage()));
    } catch (UnknownHostException e) {
      return CompletableFuture.completedFuture(
          new CallbackAttempt.Retryable("unknown host: " + e.getMessage(), Optional.empty()));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          new CallbackAttempt.Final("not a URL to call: " + e.getMessage()));
    }
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle((response, failure) -> outcome(response, failure));
  }

  private HttpRequest request(DueCallback callback, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(callback.url().strip()))
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header(IDEMPOTENCY_KEY, callback.jobId())
            .header(JOB_HEADER, callback.jobId())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    signingSecret.ifPresent(
        secret ->
            request.header(
                CallbackSignature.HEADER, CallbackSignature.sign(secret, clock.instant(), body)));
    return request.build();
  }

  static CallbackAttempt outcome(HttpResponse<?> response, Throwable failure) {
    if (failure != null) {
      Throwable cause =
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      if (cause instanceof IOException) {
        // No connection, a reset, a timeout (HttpTimeoutException is an IOException).
        return new CallbackAttempt.Retryable(cause.toString(), Optional.empty());
      }
      return new CallbackAttempt.Final(cause.toString());
    }
    return outcome(response.statusCode(), response.headers().firstValue("Retry-After"));
  }

  /** What an answer with {@code status} means for the callback. */
  static CallbackAttempt outcome(int status, Optional<String> retryAfter) {
    if (status >= 200 && status < 300) {
      return new CallbackAttempt.Delivered(status);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new CallbackAttempt.Retryable(
          "answered " + status, retryAfter.flatMap(CallbackSender::seconds));
    }
    return new CallbackAttempt.Final(
        "answered "
            + status
            + (status >= 300 && status < 400 ? " (redirects are not followed)" : ""));
  }

  /** A {@code Retry-After} in seconds; the HTTP-date form is ignored (the backoff applies). */
  private static Optional<Duration> seconds(String retryAfter) {
    try {
      long seconds = Long.parseLong(retryAfter.strip());
      return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
