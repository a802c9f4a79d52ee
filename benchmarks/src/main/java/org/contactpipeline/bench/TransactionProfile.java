package org.contactpipeline.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Where the resolver's stream threads spend a bulk load, read from the Kafka clients' and Kafka
 * Streams' own metrics in this JVM (the local stack runs the resolver in-process): time in
 * transaction begin, offsets, commit and flush, and commit latency. Taken before and after a load,
 * the difference says whether the resolver is bound by its transactions or by its work.
 */
final class TransactionProfile {

  private static final String[] PRODUCER_TIMES = {
    "txn-begin-time-ns-total",
    "txn-send-offsets-time-ns-total",
    "txn-commit-time-ns-total",
    "flush-time-ns-total"
  };
  private static final String[] THREAD_FIGURES = {"commit-total", "process-total", "poll-total"};

  private final Map<String, Double> figures;

  private TransactionProfile(Map<String, Double> figures) {
    this.figures = figures;
  }

  /** The resolver's producer and stream-thread totals now. */
  static TransactionProfile ofResolver() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Map<String, Double> figures = new TreeMap<>();
    for (ObjectName name :
        server.queryNames(new ObjectName("kafka.producer:type=producer-metrics,*"), null)) {
      if (isResolver(name)) {
        add(server, name, PRODUCER_TIMES, figures);
      }
    }
    for (ObjectName name :
        server.queryNames(new ObjectName("kafka.streams:type=stream-thread-metrics,*"), null)) {
      if (isResolver(name)) {
        add(server, name, THREAD_FIGURES, figures);
      }
    }
    return new TransactionProfile(figures);
  }

  /** One line: per commit, the milliseconds in each transaction step and the records processed. */
  String since(TransactionProfile before, double seconds) {
    double commits = delta(before, "commit-total");
    if (commits <= 0) {
      return "resolver transactions: no commit seen";
    }
    StringBuilder line =
        new StringBuilder(
            String.format(
                "resolver transactions: %.0f commits (%.1f/s), %.0f records per commit; per commit ms:",
                commits, commits / seconds, delta(before, "process-total") / commits));
    for (String attribute : PRODUCER_TIMES) {
      line.append(
          String.format(
              " %s %.2f",
              attribute.replace("-time-ns-total", ""), delta(before, attribute) / commits / 1e6));
    }
    double busy =
        (delta(before, "txn-begin-time-ns-total")
                + delta(before, "txn-send-offsets-time-ns-total")
                + delta(before, "txn-commit-time-ns-total")
                + delta(before, "flush-time-ns-total"))
            / 1e9;
    return line.append(
            String.format(
                "; %.0f %% of the load's wall time in transaction steps", 100 * busy / seconds))
        .toString();
  }

  private double delta(TransactionProfile before, String figure) {
    return figures.getOrDefault(figure, 0.0) - before.figures.getOrDefault(figure, 0.0);
  }

  private static boolean isResolver(ObjectName name) {
    String client = name.getKeyProperty("client-id");
    String thread = name.getKeyProperty("thread-id");
    return (client != null && client.contains("resolver"))
        || (thread != null && thread.contains("resolver"));
  }

  /** Adds those of the attributes the bean has: a state-updater thread, for one, has no commits. */
  private static void add(
      MBeanServer server, ObjectName name, String[] attributes, Map<String, Double> figures)
      throws Exception {
    java.util.Set<String> present =
        java.util.Arrays.stream(server.getMBeanInfo(name).getAttributes())
            .map(javax.management.MBeanAttributeInfo::getName)
            .collect(java.util.stream.Collectors.toSet());
    for (String attribute : attributes) {
      if (present.contains(attribute)
          && server.getAttribute(name, attribute) instanceof Number number) {
        figures.merge(attribute, number.doubleValue(), Double::sum);
      }
    }
  }
}
