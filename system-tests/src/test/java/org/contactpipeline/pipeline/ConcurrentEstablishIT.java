package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Invariants 1 and 2 under contention: many clients racing to establish the same new keys. */
@Timeout(180)
class ConcurrentEstablishIT {

  private static final int CLIENTS = 20;
  private static final int KEYS_PER_CLIENT = 50;
  private static final int DISTINCT_KEYS = 200;

  @Test
  void shouldGiveEachKeyExactlyOneIdAndEveryKeyADistinctIdUnderConcurrentClients()
      throws Exception {
    LocalStack stack = TestStack.get();
    Api api = new Api(stack.httpUrl(), "demo-token");
    List<String> universe = EstablishIT.keys("race", DISTINCT_KEYS);
    Random random = new Random(42);
    List<List<String>> requests = new ArrayList<>();
    for (int client = 0; client < CLIENTS; client++) {
      List<String> mine = new ArrayList<>(universe);
      Collections.shuffle(mine, random);
      requests.add(mine.subList(0, KEYS_PER_CLIENT));
    }

    CountDownLatch go = new CountDownLatch(1);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<Map<String, Long>>> answers = new ArrayList<>();
    for (List<String> keys : requests) {
      Callable<Map<String, Long>> client =
          () -> {
            go.await();
            return api.establishIds(keys);
          };
      answers.add(clients.submit(client));
    }
    go.countDown();

    Map<String, Set<Long>> idsByKey = new HashMap<>();
    for (Future<Map<String, Long>> answer : answers) {
      answer
          .get()
          .forEach((key, id) -> idsByKey.computeIfAbsent(key, k -> new HashSet<>()).add(id));
    }
    clients.shutdown();

    assertThat(idsByKey.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
    Map<String, Long> idByKey = new HashMap<>();
    idsByKey.forEach((key, ids) -> idByKey.put(key, ids.iterator().next()));
    assertThat(idByKey.values()).doesNotHaveDuplicates();

    ContactsTable table = new ContactsTable(stack.services());
    Map<String, ContactsTable.Row> rows =
        Poll.until(
            Duration.ofSeconds(30),
            () -> table.rowsOf("demo", 0),
            found -> found.keySet().containsAll(idByKey.keySet()));
    idByKey.forEach((key, id) -> assertThat(rows.get(key).contactId()).as(key).isEqualTo(id));
  }
}
