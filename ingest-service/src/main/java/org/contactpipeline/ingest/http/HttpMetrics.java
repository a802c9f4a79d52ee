package org.contactpipeline.ingest.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.contactpipeline.metrics.MetricNames;

/**
 * Times every HTTP request once it is answered (async answers included), tagged with the vendor
 * API, the method, the route TEMPLATE ({@code /contacts/v1/contacts/{contactKeyOrId}}, never the
 * raw path: paths hold contact keys and emails, and every distinct one would be a series of its
 * own) and the status class. A request refused before any route matched (401, 413, 429) is tagged
 * with its API's path pattern, one that matched nothing with {@code unmatched}. No tenant tag:
 * tenants are as many as configured tokens, and a dashboard per tenant is not this one's job.
 */
public final class HttpMetrics {

  private final MeterRegistry registry;
  private final List<VendorApi> apis;

  private HttpMetrics(MeterRegistry registry, List<VendorApi> apis) {
    this.registry = registry;
    this.apis = List.copyOf(apis);
  }

  /** Times every request the server of {@code cfg} answers. */
  public static void register(JavalinConfig cfg, MeterRegistry registry, List<VendorApi> apis) {
    HttpMetrics metrics = new HttpMetrics(registry, apis);
    cfg.requestLogger.http(metrics::record);
  }

  private void record(Context ctx, Float executionMillis) {
    VendorApi api =
        apis.stream().filter(candidate -> candidate.owns(ctx.path())).findFirst().orElse(null);
    Timer.builder(MetricNames.HTTP_REQUESTS)
        .tag("api", api == null ? "none" : api.name())
        .tag("method", ctx.method().name())
        .tag("route", route(ctx, api))
        .tag("status", ctx.statusCode() / 100 + "xx")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry)
        .record((long) (executionMillis * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  static String route(Context ctx, VendorApi api) {
    Endpoint matched = matchedRoute(ctx);
    if (matched != null) {
      return matched.path;
    }
    return api == null ? "unmatched" : api.pathPatterns().get(0);
  }

  private static Endpoint matchedRoute(Context ctx) {
    try {
      return ctx.endpoints().matchedHttpEndpoint();
    } catch (RuntimeException e) {
      // Javalin reports "no HTTP endpoint matched" by throwing: a 404 or a refusal before routing.
      return null;
    }
  }
}
