package org.contactpipeline.bench;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the broker was asked to do during a load, read from its own request metrics in this JVM (the
 * local stack runs the broker in-process): requests by type and the handler time they took. Per
 * pipeline request, it says which hops cost the broker most, which per-thread CPU alone cannot.
 */
final class BrokerRequests {

  /** Request type → {count, total local (handler) milliseconds}. */
  private final Map<String, double[]> byType;

  private BrokerRequests(Map<String, double[]> byType) {
    this.byType = byType;
  }

  /** The broker's totals now, summed over request versions. */
  static BrokerRequests now() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Map<String, double[]> byType = new HashMap<>();
    // LocalTimeMs is the time a request spent in a handler thread; its Mean is exact (sum / count),
    // so mean × count is the total.
    for (ObjectName name :
        server.queryNames(
            new ObjectName("kafka.network:type=RequestMetrics,name=LocalTimeMs,*"), null)) {
      String type = name.getKeyProperty("request");
      if (type.startsWith("Fetch") && !type.equals("Fetch")) {
        // FetchConsumer and FetchFollower are the same fetches again, split by who sent them.
        continue;
      }
      double count = ((Number) server.getAttribute(name, "Count")).doubleValue();
      double mean = ((Number) server.getAttribute(name, "Mean")).doubleValue();
      double[] totals = byType.computeIfAbsent(type, t -> new double[2]);
      totals[0] += count;
      totals[1] += count * mean;
    }
    return new BrokerRequests(byType);
  }

  /**
   * One line: per unit of work ({@code units}, such as HTTP requests answered), broker requests and
   * handler microseconds by type, the costliest first, and the handlers' share of a core.
   */
  String since(BrokerRequests before, double units, double seconds, String unit) {
    Map<String, double[]> delta = new HashMap<>();
    byType.forEach(
        (type, totals) -> {
          double[] earlier = before.byType.getOrDefault(type, new double[2]);
          double count = totals[0] - earlier[0];
          if (count > 0) {
            delta.put(type, new double[] {count, totals[1] - earlier[1]});
          }
        });
    double handlerMs = delta.values().stream().mapToDouble(t -> t[1]).sum();
    String types =
        delta.entrySet().stream()
            .sorted(Comparator.comparingDouble(e -> -e.getValue()[1]))
            .limit(8)
            .map(
                e ->
                    String.format(
                        "%s %.2f (%.0f us)",
                        e.getKey(), e.getValue()[0] / units, e.getValue()[1] * 1000 / units))
            .collect(Collectors.joining(", "));
    return String.format(
        "broker per %s: %s; handlers busy %.0f %% of a core",
        unit, types, 100 * handlerMs / 1000 / seconds);
  }
}
