package org.contactpipeline.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The invariants of a run, checked over what it collected: every accepted command has exactly one
 * committed result per item, a key has one ID and an ID one key across results, answers and golden
 * records, every 200 says what the results say, every 503/504 names its request, versions never go
 * back, PostgreSQL equals the changelog, and every service still runs. Each step adds its evidence;
 * {@link #findings()} sums them up. Reading the evidence is the callers' job (the results
 * collector, {@link GoldenRecords}, {@link TableConvergence}), so this class runs without
 * processes.
 */
final class InvariantChecks {

  private static final int MAX_EXAMPLES = 20;

  private final Set<String> ourKeys;
  private final Map<String, Set<Long>> idsByKey = new HashMap<>();
  private final List<String> examples = new ArrayList<>();
  private final Map<String, String> servicesNotRunning = new TreeMap<>();
  private int lost;
  private int duplicated;
  private int resultsSeen;
  private int inconsistentAnswers;
  private int unclearErrors;
  private int versionsGoingBack;
  private int goldenRecords;
  private int rowsDiffering;

  InvariantChecks(Set<String> ourKeys) {
    this.ourKeys = ourKeys;
  }

  /**
   * Request ID to the number of item results it must have: accepted commands, and HTTP requests
   * that were accepted (a 504 was accepted too, only answered late).
   */
  static Map<String, Integer> expectedResults(LoadDriver.Load load) {
    Map<String, Integer> expected = new HashMap<>();
    load.acceptedCommands().forEach(id -> expected.put(id, 1));
    for (HttpAnswer answer : load.answers()) {
      if ((answer.status() == 200 || answer.status() == 504) && answer.requestId() != null) {
        expected.put(answer.requestId(), answer.keys().size());
      }
    }
    return expected;
  }

  /** Item results still missing: expected items without a result, each item counted once. */
  static int missing(
      Map<String, Integer> expected, Map<String, List<ResultsCollector.Result>> results) {
    int missing = 0;
    for (Map.Entry<String, Integer> request : expected.entrySet()) {
      long items =
          results.getOrDefault(request.getKey(), List.of()).stream()
              .mapToInt(ResultsCollector.Result::itemIndex)
              .distinct()
              .count();
      missing += (int) Math.max(0, request.getValue() - items);
    }
    return missing;
  }

  /** Lost and duplicated results; the IDs results gave this run's keys. */
  void checkResults(
      Map<String, Integer> expected, Map<String, List<ResultsCollector.Result>> results) {
    lost = missing(expected, results);
    for (List<ResultsCollector.Result> request : results.values()) {
      Set<Integer> items = new HashSet<>();
      for (ResultsCollector.Result result : request) {
        resultsSeen++;
        if (!items.add(result.itemIndex())) {
          duplicated++;
          example("duplicate result " + result);
        }
        if (ourKeys.contains(result.key()) && result.contactId() != 0) {
          remember(result.key(), result.contactId());
        }
      }
    }
  }

  /** 200s against their results, 503/504s naming their request; the IDs 200s gave. */
  void checkAnswers(List<HttpAnswer> answers, Map<String, List<ResultsCollector.Result>> results) {
    for (HttpAnswer answer : answers) {
      if (answer.status() == 200) {
        answer.ids().forEach(this::remember);
        Map<String, Long> fromResults = new HashMap<>();
        results
            .getOrDefault(answer.requestId(), List.of())
            .forEach(result -> fromResults.put(result.key(), result.contactId()));
        if (!fromResults.equals(answer.ids())) {
          inconsistentAnswers++;
          example(
              "200 "
                  + answer.requestId()
                  + " said "
                  + answer.ids()
                  + ", results say "
                  + fromResults);
        }
      } else if (answer.status() == 503 || answer.status() == 504) {
        if (answer.requestId() == null || !answer.body().contains(answer.requestId())) {
          unclearErrors++;
          example(answer.status() + " not naming its request: " + answer.body());
        }
      }
    }
  }

  /** Versions going back on the changelog; the IDs of the last golden records. */
  void checkChangelog(GoldenRecords golden) {
    versionsGoingBack = golden.versionsGoingBack().size();
    golden.versionsGoingBack().forEach(this::example);
    goldenRecords = golden.last().size();
    golden.last().forEach((key, record) -> remember(key.getContactKey(), record.getContactId()));
  }

  /** PostgreSQL rows differing from the last golden records ({@link TableConvergence}). */
  void checkRows(int differing) {
    rowsDiffering = differing;
  }

  /**
   * The test is the only supervisor: a service that exited by itself (an unreadable store, a fatal
   * error) is not running any more, or, if a later fault of its lane found it dead and started it
   * again as it starts what it kills, has the exit on record ({@link ChildJvm#exitsByItself}).
   */
  void checkServices(List<ServiceJvm> services) {
    for (ServiceJvm service : services) {
      checkProcess(service.name(), service.isAlive(), service.exitsByItself(), service::isLive);
    }
  }

  /** The brokers as the services, {@link #checkServices}; running is all a broker shows here. */
  void checkBrokers(List<ChildJvm> nodes) {
    for (ChildJvm node : nodes) {
      checkProcess(node.name(), node.isAlive(), node.exitsByItself(), () -> true);
    }
  }

  private void checkProcess(
      String name, boolean alive, List<Integer> exitsByItself, BooleanSupplier live) {
    if (!alive) {
      serviceNotRunning(name, "exited, exit codes " + exitsByItself);
    } else if (!exitsByItself.isEmpty()) {
      serviceNotRunning(
          name, "exited by itself, exit codes " + exitsByItself + ", started again by a fault");
    } else if (!live.getAsBoolean()) {
      serviceNotRunning(name, "not live");
    }
  }

  void serviceNotRunning(String name, String why) {
    servicesNotRunning.put(name, why);
  }

  /**
   * Every step's figures, with keys of two IDs and IDs of two keys over all IDs seen; their
   * examples come after the steps'.
   */
  Findings findings() {
    List<String> allExamples = new ArrayList<>(examples);
    int keysWithTwoIds = 0;
    for (Map.Entry<String, Set<Long>> key : idsByKey.entrySet()) {
      if (key.getValue().size() > 1) {
        keysWithTwoIds++;
        example(allExamples, "key " + key.getKey() + " has IDs " + key.getValue());
      }
    }
    int idsSharedByKeys = 0;
    Map<Long, String> keyById = new HashMap<>();
    for (Map.Entry<String, Set<Long>> key : idsByKey.entrySet()) {
      for (long id : key.getValue()) {
        String other = keyById.putIfAbsent(id, key.getKey());
        if (other != null && !other.equals(key.getKey())) {
          idsSharedByKeys++;
          example(allExamples, "ID " + id + " shared by " + other + " and " + key.getKey());
        }
      }
    }
    return new Findings(
        lost,
        duplicated,
        keysWithTwoIds,
        idsSharedByKeys,
        rowsDiffering,
        versionsGoingBack,
        inconsistentAnswers,
        unclearErrors,
        goldenRecords,
        resultsSeen,
        Collections.unmodifiableMap(new TreeMap<>(servicesNotRunning)),
        List.copyOf(allExamples));
  }

  private void remember(String key, long id) {
    idsByKey.computeIfAbsent(key, k -> new HashSet<>()).add(id);
  }

  private void example(String text) {
    example(examples, text);
  }

  /** Only the first few: one violation usually comes with many alike. */
  private static void example(List<String> examples, String text) {
    if (examples.size() < MAX_EXAMPLES) {
      examples.add(text);
    }
  }
}
