package org.contactpipeline.ingest.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.contactpipeline.ingest.http.Backpressure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed authentication attempts (wrong client secrets, bad iVvy signatures, unknown Cendyn
 * or bearer tokens) per client and per source address in fixed windows, and refuses every further
 * attempt of a client or a source that used up its failures until its window ends, so a secret
 * cannot be guessed at the speed of the network. A client is counted within its scheme (an OAuth
 * client id, an iVvy API key and a Cendyn account are different names); a source is counted across
 * all schemes, so guessing at three vendors' logins does not triple its budget. The refusal is a
 * {@link Backpressure.Throttled}, which each vendor renders in its own shape.
 *
 * <p>The counts live in this instance's memory: an attacker spread over N instances gets N times
 * the budget (which still keeps guessing hopeless), and a restart forgets them.
 */
public final class FailedLogins {

  private static final Logger LOG = LoggerFactory.getLogger(FailedLogins.class);

  /**
   * Above this many tracked windows, expired ones are dropped so random sources cannot grow the
   * map.
   */
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

  /**
   * Throws if the client (may be null when none is named yet) or the source has no failures left.
   */
  public void check(String scheme, String client, String source) {
    long now = clock.millis();
    if (client != null) {
      refuseIfExhausted(key(scheme, "client", client), limits.perClient(), now, "this client");
    }
    refuseIfExhausted(sourceKey(source), limits.perSource(), now, "this address");
  }

  /** Counts one failure of the client (may be null) and of the source. */
  public void recordFailure(String scheme, String client, String source) {
    long now = clock.millis();
    if (client != null) {
      count(key(scheme, "client", client), limits.perClient(), now);
    }
    count(sourceKey(source), limits.perSource(), now);
  }

  private void refuseIfExhausted(String key, int limit, long now, String who) {
    Window window = limit <= 0 ? null : windows.get(key);
    if (window != null && window.failuresAt(now) >= limit) {
      // Retry-After is what is left of the window, so a well-behaved client retries exactly once.
      long seconds = Math.max(1, (window.remainingMillis(now) + 999) / 1000);
      throw new Backpressure.Throttled(
          "Too many failed authentication attempts from " + who + "; retry after " + seconds + " s",
          (int) seconds);
    }
  }

  private void count(String key, int limit, long now) {
    if (limit <= 0) {
      return;
    }
    if (windows.size() > PRUNE_ABOVE) {
      windows.values().removeIf(window -> window.failuresAt(now) == 0);
    }
    int failures =
        windows.computeIfAbsent(key, k -> new Window(limits.window().toMillis(), now)).add(now);
    if (failures == limit) {
      // The key names a client id or an address, never a secret.
      LOG.warn(
          "{} failed logins within {} for {}: refusing it until the window ends",
          failures,
          limits.window(),
          key);
    }
  }

  private static String key(String scheme, String kind, String value) {
    return scheme + " " + kind + " " + value;
  }

  private static String sourceKey(String source) {
    return "any source " + source;
  }

  /**
   * Limits on failed attempts.
   *
   * @param perClient failures one client id (or key, or account) may have per window; 0 for no
   *     limit
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

    synchronized long remainingMillis(long now) {
      return Math.max(0, start + length - now);
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
