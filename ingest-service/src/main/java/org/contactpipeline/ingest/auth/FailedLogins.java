package org.contactpipeline.ingest.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.contactpipeline.ingest.http.Backpressure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed logins and bad signatures per client and per source address in fixed windows,
 * and refuses every further attempt of a client or a source that used up its failures until its
 * window ends, so a secret cannot be guessed at the speed of the network. Per instance: an
 * attacker spread over N instances gets N times the budget, which still keeps guessing hopeless.
 * The refusal is a {@link Backpressure.Throttled}, which each vendor renders in its own shape.
 */
public final class FailedLogins {

  private static final Logger LOG = LoggerFactory.getLogger(FailedLogins.class);
  /** Above this many tracked windows, expired ones are dropped so random sources cannot grow the map. */
  private static final int PRUNE_ABOVE = 10_000;

  private final FailureLimits limits;
  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public FailedLogins(FailureLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** No limits, for tests and embeddings that do not ask for any. */
  public static FailedLogins unlimited() {
    return new FailedLogins(FailureLimits.UNLIMITED, Clock.systemUTC());
  }

  /** Throws if the client (may be null when none is named yet) or the source has no failures left. */
  public void check(String scheme, String client, String source) {
    long now = clock.millis();
    if (client != null && exhausted(key(scheme, "client", client), limits.perClient(), now)) {
      throw throttled("this client");
    }
    if (exhausted(key(scheme, "source", source), limits.perSource(), now)) {
      throw throttled("this address");
    }
  }

  /** Counts one failure of the client (may be null) and of the source. */
  public void recordFailure(String scheme, String client, String source) {
    long now = clock.millis();
    if (client != null) {
      count(key(scheme, "client", client), limits.perClient(), now);
    }
    count(key(scheme, "source", source), limits.perSource(), now);
  }

  private boolean exhausted(String key, int limit, long now) {
    if (limit <= 0) {
      return false;
    }
    Window window = windows.get(key);
    return window != null && window.failuresAt(now) >= limit;
  }

  private void count(String key, int limit, long now) {
    if (limit <= 0) {
      return;
    }
    if (windows.size() > PRUNE_ABOVE) {
      windows.values().removeIf(window -> window.failuresAt(now) == 0);
    }
    int failures = windows.computeIfAbsent(key, k -> new Window(limits.window().toMillis(), now)).add(now);
    if (failures == limit) {
      // The key names a client id or an address, never a secret.
      LOG.warn("{} failed logins within {} for {}: refusing it until the window ends", failures, limits.window(), key);
    }
  }

  private Backpressure.Throttled throttled(String who) {
    long seconds = Math.max(1, limits.window().toSeconds());
    return new Backpressure.Throttled("Too many failed authentication attempts from " + who
        + "; retry after " + seconds + " s", (int) seconds);
  }

  private static String key(String scheme, String kind, String value) {
    return scheme + " " + kind + " " + value;
  }

  /**
   * Limits on failed attempts.
   *
   * @param perClient failures one client id (or key, or account) may have per window; 0 for no limit
   * @param perSource failures one source address may have per window; 0 for no limit
   */
  public record FailureLimits(int perClient, int perSource, Duration window) {
    public static final FailureLimits UNLIMITED = new FailureLimits(0, 0, Duration.ofMinutes(1));
  }

  /** Failures in the current fixed window. */
  private static final class Window {
    private final long length;
    private long start;
    private int failures;

    Window(long length, long now) {
      this.length = length;
      this.start = now;
    }

    synchronized int failuresAt(long now) {
      return now - start < length ? failures : 0;
    }

    synchronized int add(long now) {
      if (now - start >= length) {
        start = now;
        failures = 0;
      }
      return ++failures;
    }
  }
}
