package org.contactpipeline.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a list of checks, as every health endpoint renders it: {@code {"status",
 * "checks"}}.
 */
public record HealthReport(boolean ready, Map<String, HealthStatus> checks) {

  public HealthReport {
    checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
  }

  /** Runs every check now; a check that throws counts as down, so a report always renders. */
  public static HealthReport of(List<HealthCheck> checks) {
    Map<String, HealthStatus> statuses = new LinkedHashMap<>();
    boolean ready = true;
    for (HealthCheck check : checks) {
      HealthStatus status;
      try {
        status = check.check();
      } catch (RuntimeException e) {
        status = HealthStatus.down(e.toString());
      }
      ready &= status.ready();
      statuses.put(check.name(), status);
    }
    return new HealthReport(ready, statuses);
  }

  /**
   * The same JSON as ingest's {@code /health}: {@code
   * {"status":"UP","checks":{"x":{"ready":true,"detail":"..."}}}}.
   */
  public String json() {
    StringBuilder json =
        new StringBuilder("{\"status\":\"").append(ready ? "UP" : "DOWN").append("\",\"checks\":{");
    String separator = "";
    for (Map.Entry<String, HealthStatus> check : checks.entrySet()) {
      json.append(separator)
          .append(quoted(check.getKey()))
          .append(":{\"ready\":")
          .append(check.getValue().ready())
          .append(",\"detail\":")
          .append(quoted(check.getValue().detail()))
          .append('}');
      separator = ",";
    }
    return json.append("}}").toString();
  }

  private static String quoted(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
