package org.contactpipeline.ingest.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthReport;
import org.contactpipeline.health.HealthStatus;

/**
 * {@code GET /health/ready} (and its alias {@code /health}): 200 when every readiness check holds;
 * {@code GET /health/live}: 200 while the process works (no dead consumer thread), so that a
 * supervisor restarts it only when waiting would not help. 503 otherwise, naming what is not.
 */
public final class HealthEndpoint {

  private final List<HealthCheck> ready;
  private final List<HealthCheck> live;

  /** Readiness only; liveness then always holds while the server answers. */
  public HealthEndpoint(List<HealthCheck> ready) {
    this(ready, List.of());
  }

  public HealthEndpoint(List<HealthCheck> ready, List<HealthCheck> live) {
    this.ready = List.copyOf(ready);
    this.live = List.copyOf(live);
  }

  /** Readiness, the composite check. */
  public void handle(Context ctx) {
    answer(ctx, ready);
  }

  public void handleLive(Context ctx) {
    answer(ctx, live);
  }

  private static void answer(Context ctx, List<HealthCheck> checks) {
    HealthReport report = HealthReport.of(checks);
    Map<String, Map<String, Object>> details = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, HealthStatus> check : report.checks().entrySet()) {
      details.put(
          check.getKey(),
          Map.of("ready", check.getValue().ready(), "detail", check.getValue().detail()));
    }
    ctx.status(report.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .json(Map.of("status", report.ready() ? "UP" : "DOWN", "checks", details));
  }
}
