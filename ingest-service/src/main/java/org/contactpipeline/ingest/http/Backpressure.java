package org.contactpipeline.ingest.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.contactpipeline.metrics.MetricNames;

/**
 * Answers at once with the vendor's throttling answer (429 with {@code Retry-After}) instead of
 * letting a caller wait into a 504 when ingest already has too much in flight, or when a tenant
 * asks faster than its rate limit. Results that lag keep requests in flight longer, so the
 * in-flight cap is also what turns a slow pipeline into early 429s rather than late timeouts. Runs
 * after authentication (the tenant is known) and before any handler, so a throttled request has
 * published nothing and can simply be retried. Every 429 is counted by tenant and by the limit that
 * refused it ({@link MetricNames#REQUESTS_THROTTLED}); tenants are authenticated by then, so the
 * tag has only as many values as tenants are configured.
 */
public final class Backpressure {

  private static final String ADMITTED = "contact-pipeline.admitted";

  /** The {@code tenant} tag of a request refused before any tenant was known. */
  static final String NO_TENANT = "none";

  private final BackpressureLimits limits;
  private final LongSupplier nanoTime;
  private final MeterRegistry registry;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public Backpressure(BackpressureLimits limits) {
    this(limits, System::nanoTime);
  }

  /**
   * @param nanoTime the clock the rate limits run on (tests move it by hand)
   */
  public Backpressure(BackpressureLimits limits, LongSupplier nanoTime) {
    this(limits, nanoTime, new SimpleMeterRegistry(), Set.of());
  }

  /**
   * @param registry where every 429 is counted
   * @param knownTenants the tenants whose counters exist at 0 from the start (with those {@code
   *     limits} name), so that a dashboard shows 0 and an alert sees a tenant's first 429s as an
   *     increase; any other tenant's appear with its first 429
   */
  public Backpressure(
      BackpressureLimits limits,
      LongSupplier nanoTime,
      MeterRegistry registry,
      Collection<String> knownTenants) {
    this.limits = limits;
    this.nanoTime = nanoTime;
    this.registry = registry;
    Set<String> tenants = new TreeSet<>(knownTenants);
    tenants.addAll(limits.tenantRates().keySet());
    for (String tenant : tenants) {
      throttled(tenant, MetricNames.LIMIT_TENANT_RATE);
      throttled(tenant, MetricNames.LIMIT_IN_FLIGHT);
    }
  }

  /** Limits on the system clock, counting into {@code registry}. */
  public static Backpressure metered(
      BackpressureLimits limits, MeterRegistry registry, Collection<String> knownTenants) {
    return new Backpressure(limits, System::nanoTime, registry, knownTenants);
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
        throttled(tenant, MetricNames.LIMIT_TENANT_RATE).increment();
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
      throttled(tenant == null ? NO_TENANT : tenant, MetricNames.LIMIT_IN_FLIGHT).increment();
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

  private Counter throttled(String tenant, String limit) {
    return Counter.builder(MetricNames.REQUESTS_THROTTLED)
        .tag("tenant", tenant)
        .tag("limit", limit)
        .register(registry);
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
