package org.contactpipeline.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand, so expiry is tested without waiting for it: either standing still
 * at a start instant until moved, or running with the system's time plus whatever it was moved by
 * (so that a whole stack can be made to live 20 minutes ahead).
 */
public final class MovableClock extends Clock {

  private final Clock base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  /** A clock at {@code start} that moves only when {@link #advance}d. */
  public MovableClock(Instant start) {
    this(Clock.fixed(start, ZoneOffset.UTC));
  }

  private MovableClock(Clock base) {
    this.base = base;
  }

  /** The system's time, moved by every {@link #advance}. */
  public static MovableClock ofSystemTime() {
    return new MovableClock(Clock.systemUTC());
  }

  public void advance(Duration by) {
    offset.updateAndGet(current -> current.plus(by));
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }
}
