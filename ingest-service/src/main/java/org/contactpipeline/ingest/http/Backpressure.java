package org.contactpipeline.ingest.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Answers at once with the vendor's throttling answer (429 with {@code Retry-After}) instead of
 * letting a caller wait into a 504 when ingest already has too much in flight, or when a tenant
 * asks faster than its rate limit. Results that lag keep requests in flight longer, so the
 * in-flight cap is also what turns a slow pipeline into early 429s rather than late timeouts. Runs
 * after authentication (the tenant is known) and before any handler, so a throttled request has
 * published nothing and can simply be retried.
 */
public final class Backpressure {

  private static final String ADMITTED = "contact-pipeline.admitted";

  private final BackpressureLimits limits;
  private final LongSupplier nanoTime;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public Backpressure(BackpressureLimits limits) {
    this(limits, System::nanoTime);
  }

  /**
   * @param nanoTime the clock the rate limits run on (tests move it by hand)
   */
  public Backpressure(BackpressureLimits limits, LongSupplier nanoTime) {
    this.limits = limits;
    this.nanoTime = nanoTime;
  }

  /** No limits at all: what tests and embeddings get unless they ask for some. */
  public static Backpressure unlimited() {
    return new Backpressure(BackpressureLimits.UNLIMITED);
  }

  /**
   * Registers the admission check on every path of {@code api}; call after the API registered its
   * authentication.
   */
  public void register(RoutesConfig routes, String pathPattern) {
    routes.before(pathPattern, this::admit);
    routes.after(pathPattern, this::release);
  }

  /** Requests admitted and not yet answered. */
  public int inFlight() {
    return inFlight.get();
  }

  private void admit(Context ctx) {
    if (ctx.attribute(ADMITTED) != null) {
      return;
    }
    String tenant = ctx.attribute(Tenants.ATTRIBUTE);
    if (tenant != null) {
      int rate = limits.ratePerSecond(tenant);
      if (rate > 0
          && !buckets
              .computeIfAbsent(tenant, t -> new TokenBucket(rate, nanoTime.getAsLong()))
              .tryTake(nanoTime.getAsLong())) {
        throw new Throttled(
            "Rate limit exceeded: tenant "
                + tenant
                + " may send "
                + rate
                + " requests per second; nothing was done, retry after "
                + limits.retryAfterSeconds()
                + " s",
            limits.retryAfterSeconds());
      }
    }
    if (limits.maxInFlight() > 0 && inFlight.incrementAndGet() > limits.maxInFlight()) {
      inFlight.decrementAndGet();
      throw new Throttled(
          "Rate limit exceeded: "
              + limits.maxInFlight()
              + " requests are already in flight; "
              + "nothing was done, retry after "
              + limits.retryAfterSeconds()
              + " s",
          limits.retryAfterSeconds());
    }
    if (limits.maxInFlight() > 0) {
      ctx.attribute(ADMITTED, new AtomicBoolean(true));
    }
  }

  /** Once per admitted request, however many after-handlers match its path. */
  private void release(Context ctx) {
    AtomicBoolean admitted = ctx.attribute(ADMITTED);
    if (admitted != null && admitted.compareAndSet(true, false)) {
      inFlight.decrementAndGet();
    }
  }

  /** A refused request: the app renders it in the owning vendor's throttling shape. */
  public static final class Throttled extends RuntimeException {
    private final int retryAfterSeconds;

    public Throttled(String message, int retryAfterSeconds) {
      super(message, null, false, false);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /** {@code rate} requests per second with bursts of up to one second's worth. */
  private static final class TokenBucket {
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    TokenBucket(int ratePerSecond, long now) {
      this.perNano = ratePerSecond / 1e9;
      this.capacity = ratePerSecond;
      this.tokens = ratePerSecond;
      this.last = now;
    }

    synchronized boolean tryTake(long now) {
      tokens = Math.min(capacity, tokens + (now - last) * perNano);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }
}
