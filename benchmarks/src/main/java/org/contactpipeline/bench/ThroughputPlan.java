package org.contactpipeline.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What one run of {@link ThroughputBenchmark} measures, read from the command's system properties
 * in this one place: the bulk load's size, the bulk warm-up's round size, the length of each HTTP
 * step, the client counts of the HTTP steps, and whether to stop after the bulk load ({@code
 * -Dbench.only=bulk}).
 *
 * @param bulk commands in the measured bulk load ({@code -Dbench.bulk}, 200,000)
 * @param bulkWarmup commands per unmeasured bulk warm-up round ({@code -Dbench.bulk-warmup},
 *     50,000; 0 turns the bulk warm-up off)
 * @param step how long each HTTP step is measured ({@code -Dbench.seconds}, 5 s)
 * @param clientCounts concurrent clients of the HTTP steps, in the order they run ({@code
 *     -Dbench.clients}, 1,8,32,128)
 * @param bulkOnly the references and the bulk load alone, for quick comparisons while tuning
 */
record ThroughputPlan(
    int bulk, int bulkWarmup, Duration step, List<Integer> clientCounts, boolean bulkOnly) {

  /** Keys per establish request in the HTTP steps: the single-key call and a typical batch. */
  static final List<Integer> KEYS_PER_REQUEST = List.of(1, 50);

  /** One HTTP step's load: establish requests of {@code keys} new keys from {@code clients}. */
  record RequestShape(int keys, int clients) {}

  ThroughputPlan {
    clientCounts = List.copyOf(clientCounts);
  }

  static ThroughputPlan fromSystemProperties() {
    return from(System::getProperty);
  }

  /** Reads the plan from {@code property}, which answers a property's value or null when unset. */
  static ThroughputPlan from(UnaryOperator<String> property) {
    // First, so that a run the command cannot do fails before the stack starts.
    boolean bulkOnly = bulkOnly(valueOr(property, "bench.only", "all"));
    int bulk = integer(property, "bench.bulk", 200_000);
    Duration step = Duration.ofSeconds(integer(property, "bench.seconds", 5));
    List<Integer> clientCounts =
        Arrays.stream(valueOr(property, "bench.clients", "1,8,32,128").split(","))
            .map(Integer::parseInt)
            .toList();
    int bulkWarmup = integer(property, "bench.bulk-warmup", 50_000);
    return new ThroughputPlan(bulk, bulkWarmup, step, clientCounts, bulkOnly);
  }

  /** The HTTP steps in the order they run: every client count at one key, then at fifty keys. */
  List<RequestShape> httpSteps() {
    return KEYS_PER_REQUEST.stream()
        .flatMap(keys -> clientCounts.stream().map(clients -> new RequestShape(keys, clients)))
        .toList();
  }

  /** {@code all} (the default) runs everything; {@code bulk} stops after the bulk load. */
  private static boolean bulkOnly(String only) {
    if (!only.equals("all") && !only.equals("bulk")) {
      throw new IllegalArgumentException("-Dbench.only must be all or bulk, not '" + only + "'");
    }
    return only.equals("bulk");
  }

  private static String valueOr(UnaryOperator<String> property, String name, String otherwise) {
    String value = property.apply(name);
    return value == null ? otherwise : value;
  }

  /**
   * Read as {@link Integer#getInteger(String, Integer)} has always read these options, so the same
   * command runs the same plan: {@link Integer#decode} syntax, and the default for a value that is
   * not a number.
   */
  private static int integer(UnaryOperator<String> property, String name, int otherwise) {
    String value = property.apply(name);
    if (value == null) {
      return otherwise;
    }
    try {
      return Integer.decode(value);
    } catch (NumberFormatException notANumber) {
      return otherwise;
    }
  }
}
