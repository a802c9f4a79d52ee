package org.contactpipeline.ingest.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthStatus;

/** {@code GET /health}: 200 when every check is ready, otherwise 503 naming what is not. */
public final class HealthEndpoint {

  private final List<HealthCheck> checks;

  public HealthEndpoint(List<HealthCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  public void handle(Context ctx) {
    Map<String, Map<String, Object>> report = new LinkedHashMap<>();
    boolean ready = true;
    for (HealthCheck check : checks) {
      HealthStatus status = safely(check);
      ready &= status.ready();
      report.put(check.name(), Map.of("ready", status.ready(), "detail", status.detail()));
    }
    ctx.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .json(Map.of("status", ready ? "UP" : "DOWN", "checks", report));
  }

  private static HealthStatus safely(HealthCheck check) {
    try {
      return check.check();
    } catch (RuntimeException e) {
      return HealthStatus.down(e.toString());
    }
  }
}
