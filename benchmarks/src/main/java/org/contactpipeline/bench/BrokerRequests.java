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

  /** How many requests of one type, and their total time in a handler thread. */
  private record Totals(double count, double handlerMs) {

    Totals plus(Totals other) {
      return new Totals(count + other.count, handlerMs + other.handlerMs);
    }

    Totals minus(Totals earlier) {
      return new Totals(count - earlier.count, handlerMs - earlier.handlerMs);
    }
  }

  private static final Totals NONE = new Totals(0, 0);

  private final Map<String, Totals> byType;

  private BrokerRequests(Map<String, Totals> byType) {
    this.byType = byType;
  }

  /** The broker's totals now, summed over request versions. */
  static BrokerRequests now() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Map<String, Totals> byType = new HashMap<>();
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
      byType.merge(type, new Totals(count, count * mean), Totals::plus);
    }
    return new BrokerRequests(byType);
  }

  /**
   * One line: per unit of work ({@code units}, such as HTTP requests answered), broker requests and
   * handler microseconds by type, the costliest first, and the handlers' share of a core.
   */
  String since(BrokerRequests before, double units, double seconds, String unit) {
    Map<String, Totals> delta = new HashMap<>();
    byType.forEach(
        (type, totals) -> {
          Totals during = totals.minus(before.byType.getOrDefault(type, NONE));
          if (during.count() > 0) {
            delta.put(type, during);
          }
        });
    double handlerMs = delta.values().stream().mapToDouble(Totals::handlerMs).sum();
    String types =
        delta.entrySet().stream()
            .sorted(Comparator.comparingDouble(e -> -e.getValue().handlerMs()))
            .limit(8)
            .map(
                e ->
                    String.format(
                        "%s %.2f (%.0f us)",
                        e.getKey(),
                        e.getValue().count() / units,
                        e.getValue().handlerMs() * 1000 / units))
            .collect(Collectors.joining(", "));
    return String.format(
        "broker per %s: %s; handlers busy %.0f %% of a core",
        unit, types, 100 * handlerMs / 1000 / seconds);
  }
}
