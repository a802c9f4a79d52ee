package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.ingest.IngestService;
import org.contactpipeline.schemas.OwnerPartition;
import org.contactpipeline.stack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reply path with several ingest instances: each gets exactly its own results, also when two
 * instances listen on the same partition of contact.results.
 */
@Timeout(180)
class TwoIngestInstancesIT {

  private static final int RESPONSE_PARTITIONS = 12;

  @Test
  void shouldAnswerEveryRequestOnTheInstanceThatReceivedIt() throws Exception {
    LocalStack stack = TestStack.get();
    String first = "ingest-it-first";
    String second = samePartitionAs(first);
    IngestConfig base = IngestConfig.from(stack.services());
    try (IngestService a = new IngestService(base.withInstance(0, first), stack.healthChecks());
        IngestService b = new IngestService(base.withInstance(0, second), stack.healthChecks())) {
      a.start();
      b.start();
      List<Api> instances =
          List.of(
              new Api("http://localhost:" + a.port(), "demo-token"),
              new Api("http://localhost:" + b.port(), "demo-token"),
              new Api(stack.httpUrl(), "demo-token"));

      ExecutorService clients = Executors.newFixedThreadPool(6);
      List<Future<Map<String, Long>>> answers = new ArrayList<>();
      List<List<String>> asked = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        List<String> keys = EstablishIT.keys("instance-" + (i % 3), 3);
        Api api = instances.get(i % 3);
        asked.add(keys);
        answers.add(clients.submit(() -> api.establishIds(keys)));
      }
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).get().keySet()).containsExactlyElementsOf(asked.get(i));
      }
      clients.shutdown();
    }
  }

  /** An instance id whose responses land on the same partition as {@code id}'s. */
  private static String samePartitionAs(String id) {
    int partition = partitionOf(id);
    for (int i = 0; ; i++) {
      String candidate = "ingest-it-second-" + i;
      if (partitionOf(candidate) == partition) {
        return candidate;
      }
    }
  }

  private static int partitionOf(String instanceId) {
    return OwnerPartition.ofKeyBytes(
        instanceId.getBytes(StandardCharsets.UTF_8), RESPONSE_PARTITIONS);
  }
}
