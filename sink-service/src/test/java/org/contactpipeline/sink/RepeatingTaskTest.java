package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RepeatingTaskTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final Duration AN_HOUR = Duration.ofHours(1);

  @Test
  void shouldRunAgainAtOnceWhenWokenRatherThanAfterTheIdleWait() {
    AtomicInteger passes = new AtomicInteger();
    try (RepeatingTask task =
        new RepeatingTask("test", AN_HOUR, () -> passes.incrementAndGet() < 0, () -> {})) {
      task.start();
      Poll.until(DEADLINE, passes::get, count -> count == 1);

      task.wake();

      Poll.until(DEADLINE, passes::get, count -> count == 2);
    }
  }

  @Test
  void shouldRunAgainAtOnceWhileItFindsWork() {
    AtomicInteger passes = new AtomicInteger();
    try (RepeatingTask task =
        new RepeatingTask("test", AN_HOUR, () -> passes.incrementAndGet() < 3, () -> {})) {
      task.start();

      Poll.until(DEADLINE, passes::get, count -> count == 3);
    }
  }

  @Test
  void shouldTryAgainAfterAFailedPassAndKeepRunning() {
    AtomicInteger passes = new AtomicInteger();
    AtomicBoolean fatal = new AtomicBoolean();
    try (RepeatingTask task =
        new RepeatingTask(
            "test",
            AN_HOUR,
            () -> {
              if (passes.incrementAndGet() == 1) {
                throw new SQLException("database away");
              }
              return false;
            },
            () -> fatal.set(true))) {
      task.start();

      Poll.until(DEADLINE, passes::get, count -> count == 2);
      assertThat(task.isRunning()).isTrue();
      assertThat(fatal).isFalse();
    }
  }

  @Test
  void shouldReportAnErrorThatStopsIt() {
    AtomicBoolean fatal = new AtomicBoolean();
    try (RepeatingTask task =
        new RepeatingTask(
            "test",
            AN_HOUR,
            () -> {
              throw new AssertionError("a bug");
            },
            () -> fatal.set(true))) {
      task.start();

      Poll.until(DEADLINE, fatal::get, reported -> reported);
      Poll.until(DEADLINE, task::isRunning, running -> !running);
    }
  }
}
