package org.contactpipeline.sink;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a piece of work over and over on a thread of its own, for the sink's jobs work that reads
 * PostgreSQL rather than a topic (the announcer, the callback deliverer, the retention sweep).
 * While a pass finds work it runs again at once; otherwise it waits {@code idle}, or less when
 * {@link #wake} says there is new work. A pass that fails is logged and tried again after a
 * backoff: the work lives in the tables, so nothing is lost by trying later, and a failure
 * (PostgreSQL or the broker away) does not kill the thread.
 */
final class RepeatingTask implements AutoCloseable {

  /** One pass of the work. */
  interface Pass {
    /** Returns whether it found work, and so whether the next pass should come at once. */
    boolean run() throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(RepeatingTask.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Pass pass;
  private final Duration idle;
  private final Runnable onFatalError;
  private final Thread thread;
  private final Object signal = new Object();
  private boolean woken;
  private volatile boolean running = true;

  RepeatingTask(String name, Duration idle, Pass pass, Runnable onFatalError) {
    this.pass = pass;
    this.idle = idle;
    this.onFatalError = onFatalError;
    this.thread = new Thread(this::runUntilClosed, name);
  }

  void start() {
    thread.start();
  }

  boolean isRunning() {
    return thread.isAlive();
  }

  /** There may be new work: the next pass comes now rather than after the idle wait. */
  void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void runUntilClosed() {
    try {
      loop();
    } catch (Error e) {
      LOG.error("{} stopped", thread.getName(), e);
      onFatalError.run();
      throw e;
    }
  }

  private void loop() {
    Duration backoff = RetryBackoff.FIRST;
    while (running) {
      boolean busy;
      try {
        busy = pass.run();
        backoff = RetryBackoff.FIRST;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (!running) {
          return;
        }
        LOG.warn(
            "{} failed, trying again in {} ms: {}",
            thread.getName(),
            backoff.toMillis(),
            e.toString());
        await(backoff);
        backoff = RetryBackoff.after(backoff);
        continue;
      }
      if (!busy) {
        await(idle);
      }
    }
  }

  /** Waits {@code duration} or until woken or closed. */
  private void await(Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    synchronized (signal) {
      try {
        while (!woken && running) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          signal.wait(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
      woken = false;
    }
  }

  @Override
  public void close() {
    running = false;
    wake();
    try {
      thread.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
