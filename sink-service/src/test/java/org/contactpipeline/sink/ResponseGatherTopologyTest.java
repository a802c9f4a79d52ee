package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.contactpipeline.config.Settings;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResponse;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseGatherTopologyTest {

  @TempDir
  Path stateDir;

  private SinkConfig config;
  private TopologyTestDriver driver;
  private TestInputTopic<String, ContactResult> results;
  private TestOutputTopic<String, ContactResponse> responses;

  @BeforeEach
  void startDriver() {
    config = SinkConfig.from(Settings.layer(SinkConfig.DEFAULTS, Map.of("GATHER_STATE_DIR", stateDir.toString())));
    driver = new TopologyTestDriver(ResponseGatherTopology.build(config), config.gather().streamsProperties(),
        Instant.ofEpochMilli(1_700_000_000_000L));
    results = driver.createInputTopic(Topics.RESULTS.name(),
        Topics.RESULTS.keySerde().serializer(), Topics.RESULTS.valueSerde().serializer());
    responses = driver.createOutputTopic(Topics.RESPONSES.name(),
        Topics.RESPONSES.keySerde().deserializer(), Topics.RESPONSES.valueSerde().deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void shouldAnswerOnceEveryItemOfTheRequestHasArrived() {
    send(result("req-1", 0, 3, "ingest-a"));
    send(result("req-1", 2, 3, "ingest-a"));
    assertThat(responses.isEmpty()).isTrue();

    send(result("req-1", 1, 3, "ingest-a"));

    TestRecord<String, ContactResponse> response = responses.readRecord();
    assertThat(response.key()).isEqualTo("ingest-a");
    assertThat(response.value().getComplete()).isTrue();
    assertThat(response.value().getResults()).extracting(ContactResult::getItemIndex).containsExactly(0, 2, 1);
    assertThat(responses.isEmpty()).isTrue();
  }

  @Test
  void shouldKeepConcurrentRequestsApart() {
    send(result("req-1", 0, 2, "ingest-a"));
    send(result("req-2", 0, 1, "ingest-b"));
    send(result("req-1", 1, 2, "ingest-a"));

    List<TestRecord<String, ContactResponse>> both = responses.readRecordsToList();
    assertThat(both).extracting(TestRecord::key).containsExactly("ingest-b", "ingest-a");
    assertThat(both.get(1).value().getResults()).hasSize(2);
  }

  @Test
  void shouldIgnoreADuplicateResultForAnItemAlreadyGathered() {
    send(result("req-1", 0, 2, "ingest-a"));
    send(result("req-1", 0, 2, "ingest-a"));
    assertThat(responses.isEmpty()).isTrue();

    send(result("req-1", 1, 2, "ingest-a"));

    assertThat(responses.readValue().getResults()).extracting(ContactResult::getItemIndex).containsExactly(0, 1);
  }

  @Test
  void shouldAnswerIncompleteWhenTheGatherTimeoutPasses() {
    send(result("req-1", 0, 2, "ingest-a"));

    driver.advanceWallClockTime(config.gatherTimeout().minus(Duration.ofMillis(300)));
    assertThat(responses.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofMillis(300));

    ContactResponse response = responses.readValue();
    assertThat(response.getComplete()).isFalse();
    assertThat(response.getItemCount()).isEqualTo(2);
    assertThat(response.getResults()).hasSize(1);
  }

  @Test
  void shouldAnswerALateResultOnItsOwnAsIncompleteAfterItsRequestTimedOut() {
    send(result("req-1", 0, 2, "ingest-a"));
    driver.advanceWallClockTime(config.gatherTimeout().plus(config.gatherCheckInterval()));
    responses.readValue();

    send(result("req-1", 1, 2, "ingest-a"));
    driver.advanceWallClockTime(config.gatherTimeout().plus(config.gatherCheckInterval()));

    // Nobody waits any more (ingest dropped the request at its own timeout), so this answer is
    // discarded there; what matters is that the gatherer keeps no state for it past the timeout.
    ContactResponse late = responses.readValue();
    assertThat(late.getComplete()).isFalse();
    assertThat(late.getResults()).extracting(ContactResult::getItemIndex).containsExactly(1);
    assertThat(driver.getKeyValueStore(ResponseGatherTopology.PENDING_STORE).approximateNumEntries()).isZero();
  }

  @Test
  void shouldNotGatherResultsThatNobodyWaitsFor() {
    send(result("req-1", 0, 1, null));
    driver.advanceWallClockTime(config.gatherTimeout().plus(config.gatherCheckInterval()));

    assertThat(responses.isEmpty()).isTrue();
  }

  private void send(ContactResult result) {
    results.pipeInput(result.getRequestId(), result);
  }

  private static ContactResult result(String requestId, int index, int count, String replyTo) {
    return ContactResult.newBuilder()
        .setRequestId(requestId)
        .setItemIndex(index)
        .setItemCount(count)
        .setReplyTo(replyTo)
        .setKey(new ContactKey("demo", 0, "key-" + index))
        .setContactId(100L + index)
        .setStatus(ContactStatus.ACTIVE)
        .setNewContact(true)
        .setResolvedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .build();
  }
}
