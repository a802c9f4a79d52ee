package org.contactpipeline.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What one run of {@link ThroughputBenchmark} measures, read from the command's system properties
 * in this one place: the bulk load's size, the bulk warm-up's round size, the length of each HTTP
 * step, the client counts of the HTTP steps, the size of the bulk paths' file, and which steps run
 * ({@code -Dbench.only}).
 *
 * @param bulk commands in the measured bulk load ({@code -Dbench.bulk}, 200,000)
 * @param bulkWarmup commands per unmeasured bulk warm-up round ({@code -Dbench.bulk-warmup},
 *     50,000; 0 turns the bulk warm-up off)
 * @param step how long each HTTP step is measured ({@code -Dbench.seconds}, 5 s)
 * @param clientCounts concurrent clients of the HTTP steps, in the order they run ({@code
 *     -Dbench.clients}, 1,8,32,128)
 * @param only which steps run ({@code -Dbench.only}: {@code all}, the default; {@code bulk}, the
 *     references and the bulk load alone, for quick comparisons while tuning; {@code bulk-paths},
 *     the bulk paths alone; {@code sinks}, the sink's write rate and its Debezium peer's alone)
 * @param bulkPaths contacts in the bulk paths' file ({@code -Dbench.bulk-paths}, 1,000,000; 0
 *     leaves the bulk paths out of a full run)
 */
record ThroughputPlan(
    int bulk, int bulkWarmup, Duration step, List<Integer> clientCounts, Only only, int bulkPaths) {

  /** Which steps a run does. */
  enum Only {
    ALL,
    BULK,
    BULK_PATHS,
    SINKS
  }

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
    Only only = only(valueOr(property, "bench.only", "all"));
    int bulk = integer(property, "bench.bulk", 200_000);
    Duration step = Duration.ofSeconds(integer(property, "bench.seconds", 5));
    List<Integer> clientCounts =
        Arrays.stream(valueOr(property, "bench.clients", "1,8,32,128").split(","))
            .map(Integer::parseInt)
            .toList();
    int bulkWarmup = integer(property, "bench.bulk-warmup", 50_000);
    int bulkPaths = integer(property, "bench.bulk-paths", 1_000_000);
    return new ThroughputPlan(bulk, bulkWarmup, step, clientCounts, only, bulkPaths);
  }

  /** Whether the run stops after the references and the bulk load. */
  boolean bulkOnly() {
    return only == Only.BULK;
  }

  /** Whether the references, the bulk load and the HTTP steps run. */
  boolean runsLoadSteps() {
    return only == Only.ALL || only == Only.BULK;
  }

  /** Whether the bulk paths run. */
  boolean runsBulkPaths() {
    return (only == Only.ALL || only == Only.BULK_PATHS) && bulkPaths > 0;
  }

  /** Whether the run measures the sinks' write rates and nothing else. */
  boolean sinksOnly() {
    return only == Only.SINKS;
  }

  /** The HTTP steps in the order they run: every client count at one key, then at fifty keys. */
  List<RequestShape> httpSteps() {
    return KEYS_PER_REQUEST.stream()
        .flatMap(keys -> clientCounts.stream().map(clients -> new RequestShape(keys, clients)))
        .toList();
  }

  private static Only only(String only) {
    return switch (only) {
      case "all" -> Only.ALL;
      case "bulk" -> Only.BULK;
      case "bulk-paths" -> Only.BULK_PATHS;
      case "sinks" -> Only.SINKS;
      default ->
          throw new IllegalArgumentException(
              "-Dbench.only must be all, bulk, bulk-paths or sinks, not '" + only + "'");
    };
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
