package org.contactpipeline.sink;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.contactpipeline.store.DueCallback;
import org.contactpipeline.store.FinishedJob;
import org.contactpipeline.store.JobCallbackTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the callbacks of finished jobs: claims the due ones (a batch at a time, leased so that a
 * crashed instance's claims come back), tries each once, all at the same time, and records the
 * outcome: delivered; tried again after a backoff while attempts remain; or failed, with the
 * reason, when the policy refuses the URL, the receiver gives a final answer, or the attempts run
 * out.
 */
final class CallbackDeliverer {

  private static final Logger LOG = LoggerFactory.getLogger(CallbackDeliverer.class);

  /** Its thread's name and its {@code consumer} tag. */
  static final String NAME = "callback-deliverer";

  /** Most callbacks one pass tries at once. */
  static final int BATCH = 16;

  private final JobCallbackTable table;
  private final CallbackSender sender;
  private final JobResponseBodies bodies;
  private final JobsConfig.Callbacks config;
  private final JobMetrics metrics;
  private final Clock clock;

  CallbackDeliverer(
      JobCallbackTable table,
      CallbackSender sender,
      JobResponseBodies bodies,
      JobsConfig.Callbacks config,
      JobMetrics metrics,
      Clock clock) {
    this.table = table;
    this.sender = sender;
    this.bodies = bodies;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** One pass: tries the due callbacks of one batch; returns whether there were any. */
  boolean deliverNext() throws SQLException {
    List<DueCallback> due = table.claimDue(BATCH, config.lease());
    List<CompletableFuture<CallbackAttempt>> attempts = new ArrayList<>();
    for (DueCallback callback : due) {
      attempts.add(attempt(callback));
    }
    for (int i = 0; i < due.size(); i++) {
      record(due.get(i), attempts.get(i).join());
    }
    return !due.isEmpty();
  }

  private CompletableFuture<CallbackAttempt> attempt(DueCallback callback) {
    byte[] body;
    try {
      FinishedJob job = callback.job();
      body = bodies.render(job.job(), job.items());
    } catch (RuntimeException e) {
      // Rendering is a pure function of the job: trying again cannot help until a fixed release,
      // after which a redelivery request sends it.
      LOG.error("cannot render the callback body of job {}", callback.jobId(), e);
      return CompletableFuture.completedFuture(
          new CallbackAttempt.Final("cannot render the body: " + e));
    }
    return sender.send(callback, body);
  }

  private void record(DueCallback callback, CallbackAttempt attempt) throws SQLException {
    if (attempt instanceof CallbackAttempt.Delivered) {
      table.delivered(callback);
      metrics.delivered();
    } else if (attempt instanceof CallbackAttempt.Retryable retryable) {
      retryOrGiveUp(callback, retryable);
    } else if (attempt instanceof CallbackAttempt.Final failed) {
      fail(callback, failed.reason());
    }
  }

  private void retryOrGiveUp(DueCallback callback, CallbackAttempt.Retryable retryable)
      throws SQLException {
    if (callback.attempt() >= config.maxAttempts()) {
      fail(callback, "gave up after " + callback.attempt() + " attempts: " + retryable.reason());
      return;
    }
    Duration wait =
        config.backoff().delayAfter(callback.attempt(), ThreadLocalRandom.current()::nextDouble);
    if (retryable.retryAfter().isPresent()) {
      // The receiver's own wish, within the longest wait this deployment allows.
      wait = longer(wait, shorter(retryable.retryAfter().get(), config.backoff().max()));
    }
    LOG.info(
        "callback of job {} attempt {} failed, trying again in {} ms: {}",
        callback.jobId(),
        callback.attempt(),
        wait.toMillis(),
        retryable.reason());
    table.retryAt(callback, clock.instant().plus(wait), retryable.reason());
    metrics.retried();
  }

  private void fail(DueCallback callback, String reason) throws SQLException {
    LOG.warn("callback of job {} failed for good: {}", callback.jobId(), reason);
    table.failed(callback, reason);
    metrics.failed();
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
