package org.contactpipeline.ingest.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.contactpipeline.logging.RequestLogContext;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactResponse;
import org.contactpipeline.schemas.avro.ContactResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request's commands into the pipeline and waits, without holding a thread, for all of
 * their results to come back. Handlers turn the two failures into their vendor's error shape:
 * {@link NotAccepted} (Kafka did not take every command; retrying is safe) and {@link TimedOut}
 * (accepted, but not every result came back in time; the commands still run), both {@link
 * PipelineFailure}s.
 *
 * <p>Each command goes out with the id and tenant of the HTTP request being handled on the calling
 * thread ({@link RequestLogContext}, set by the HTTP layer), so its path can be followed in the
 * logs.
 */
public final class CommandGateway {

  private static final Logger LOG = LoggerFactory.getLogger(CommandGateway.class);

  private final CommandLog log;
  private final ResponseWaiter replies;
  private final Duration timeout;
  private final GatewayMetrics metrics;

  public CommandGateway(CommandLog log, ResponseWaiter replies, Duration timeout) {
    this(log, replies, timeout, GatewayMetrics.none());
  }

  public CommandGateway(
      CommandLog log, ResponseWaiter replies, Duration timeout, GatewayMetrics metrics) {
    this.log = log;
    this.replies = replies;
    this.timeout = timeout;
    this.metrics = metrics;
  }

  /**
   * Publishes {@code commands} (all of one request, built by {@link Commands#request} with the
   * {@code replyTo} of this gateway's {@link ResponseWaiter}) as they are and completes with their
   * complete gathered response, or fails with {@link NotAccepted} or {@link TimedOut}. It never
   * throws: whatever goes wrong, even before anything is published, fails the future, so every
   * handler meets every failure in one place ({@link PipelineFailure#of}).
   */
  public CompletableFuture<ContactResponse> submit(List<ContactCommand> commands) {
    return failureInFuture(() -> publishAndWait(commands));
  }

  private CompletableFuture<ContactResponse> publishAndWait(List<ContactCommand> commands) {
    String requestId = commands.get(0).getRequestId();
    CompletableFuture<ContactResponse> response = replies.expect(requestId);
    CompletableFuture<Void> published;
    // When Kafka took the last command: the request's latency is counted from acceptance.
    long[] acceptedAt = {System.nanoTime()};
    try {
      published = log.publish(commands, RequestLogContext.headers());
    } catch (RuntimeException e) {
      // Not Kafka refusing (the log reports that in its future) but a fault: not safe to call
      // retryable.
      stopWaiting(requestId, response);
      throw e;
    }
    return published
        .handle(
            (accepted, error) -> {
              if (error != null) {
                stopWaiting(requestId, response);
                throw notAccepted(requestId, error);
              }
              acceptedAt[0] = System.nanoTime();
              return response;
            })
        .thenCompose(waiting -> waiting.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .handle(
            (gathered, error) -> {
              if (error != null) {
                Throwable cause = unwrap(error);
                if (cause instanceof TimeoutException) {
                  metrics.timedOut(acceptedAt[0]);
                  throw new TimedOut(requestId, replies.abandon(requestId), commands.size());
                }
                throw cause instanceof RuntimeException runtime
                    ? runtime
                    : new CompletionException(cause);
              }
              if (!gathered.getComplete()) {
                metrics.timedOut(acceptedAt[0]);
                throw new TimedOut(
                    requestId, gathered.getResults().size(), gathered.getItemCount());
              }
              metrics.answered(acceptedAt[0], gathered);
              return gathered;
            });
  }

  private void stopWaiting(String requestId, CompletableFuture<ContactResponse> response) {
    response.cancel(false);
    replies.abandon(requestId);
  }

  /** {@link #submit} for a request of one command: its result. */
  public CompletableFuture<ContactResult> submitOne(ContactCommand command) {
    return submit(List.of(command)).thenApply(response -> response.getResults().get(0));
  }

  /**
   * Publishes without waiting for results ({@code commands} built by {@link Commands#unanswered});
   * completes once Kafka holds every command, or fails with {@link NotAccepted}. Like {@link
   * #submit}, it never throws.
   */
  public CompletableFuture<Void> publishOnly(List<ContactCommand> commands) {
    return failureInFuture(
        () -> {
          String requestId = commands.get(0).getRequestId();
          return log.publish(commands, RequestLogContext.headers())
              .exceptionally(
                  error -> {
                    throw notAccepted(requestId, error);
                  });
        });
  }

  private static NotAccepted notAccepted(String requestId, Throwable error) {
    Throwable cause = unwrap(error);
    LOG.warn("request {} not accepted: {}", requestId, cause.toString());
    return new NotAccepted(requestId, cause);
  }

  private static <T> CompletableFuture<T> failureInFuture(Supplier<CompletableFuture<T>> start) {
    try {
      return start.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The cause behind the completion wrappers of a failed future. */
  public static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** Kafka did not durably accept every command of the request; some may have been. */
  public static final class NotAccepted extends PipelineFailure {

    private static final long serialVersionUID = 1L;

    NotAccepted(String requestId, Throwable cause) {
      super(requestId, "request " + requestId + " was not accepted in full: " + cause, cause);
    }

    @Override
    public boolean accepted() {
      return false;
    }
  }

  /** The request was accepted but not all of its results came back in time. */
  public static final class TimedOut extends PipelineFailure {

    private static final long serialVersionUID = 1L;

    private final int resolved;
    private final int itemCount;

    TimedOut(String requestId, int resolved, int itemCount) {
      super(
          requestId,
          "request "
              + requestId
              + ": "
              + resolved
              + " of "
              + itemCount
              + " results arrived in time",
          null);
      this.resolved = resolved;
      this.itemCount = itemCount;
    }

    @Override
    public boolean accepted() {
      return true;
    }

    public int resolved() {
      return resolved;
    }

    public int itemCount() {
      return itemCount;
    }
  }
}
