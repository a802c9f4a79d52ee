package org.contactpipeline.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.contactpipeline.config.Settings;
import org.contactpipeline.metrics.MetricNames;
import org.contactpipeline.schemas.ContactIds;
import org.contactpipeline.schemas.DeadLetters;
import org.contactpipeline.schemas.OwnerPartition;
import org.contactpipeline.schemas.RequestHeaders;
import org.contactpipeline.schemas.ResultHeaders;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.contactpipeline.schemas.avro.ExternalUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolverTopologyTest {

  /** The driver feeds every record through partition 0, so tests use keys that partition owns. */
  private static final int DRIVER_PARTITION = 0;

  /** The ingest instance a caller's commands name as their replyTo. */
  private static final String WAITING_INGEST = "ingest-1";

  @TempDir Path stateDir;

  private final MeterRegistry metrics = new SimpleMeterRegistry();
  private ResolverConfig config;
  private TopologyTestDriver driver;
  private TestInputTopic<ContactKey, ContactCommand> commands;
  private TestInputTopic<byte[], byte[]> rawCommands;
  private TestOutputTopic<String, ContactResult> results;
  private TestOutputTopic<ContactKey, ContactRecord> changelog;
  private TestOutputTopic<byte[], byte[]> deadLetters;

  @BeforeEach
  void startDriver() {
    config = configIn(stateDir);
    driver = driverFor(config, metrics);
    commands = commandsOf(driver);
    rawCommands =
        driver.createInputTopic(
            Topics.COMMANDS.name(), new ByteArraySerializer(), new ByteArraySerializer());
    results = resultsOf(driver);
    changelog = changelogOf(driver);
    deadLetters =
        driver.createOutputTopic(
            Topics.DEAD_LETTERS.name(),
            Topics.DEAD_LETTERS.keySerde().deserializer(),
            Topics.DEAD_LETTERS.valueSerde().deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  private static ResolverConfig configIn(Path stateDir) {
    return ResolverConfig.from(
        Settings.layer(ResolverConfig.DEFAULTS, Map.of("RESOLVER_STATE_DIR", stateDir.toString())));
  }

  private static TopologyTestDriver driverFor(ResolverConfig config, MeterRegistry metrics) {
    return new TopologyTestDriver(
        ResolverTopology.build(config, metrics), config.streams().streamsProperties());
  }

  private static TestInputTopic<ContactKey, ContactCommand> commandsOf(TopologyTestDriver driver) {
    return driver.createInputTopic(
        Topics.COMMANDS.name(),
        Topics.COMMANDS.keySerde().serializer(),
        Topics.COMMANDS.valueSerde().serializer());
  }

  private static TestOutputTopic<String, ContactResult> resultsOf(TopologyTestDriver driver) {
    return driver.createOutputTopic(
        Topics.RESULTS.name(),
        Topics.RESULTS.keySerde().deserializer(),
        Topics.RESULTS.valueSerde().deserializer());
  }

  private static TestOutputTopic<ContactKey, ContactRecord> changelogOf(TopologyTestDriver driver) {
    return driver.createOutputTopic(
        Topics.CHANGELOG.name(),
        Topics.CHANGELOG.keySerde().deserializer(),
        Topics.CHANGELOG.valueSerde().deserializer());
  }

  @Test
  void shouldAssignAnIdToANewKeyAndReportItAsNew() {
    ContactKey key = ownedKey("demo", "alice");

    send(command("req-1", 0, 1, key));

    ContactResult result = results.readValue();
    assertThat(result.getNewContact()).isTrue();
    assertThat(result.getContactId()).isPositive();
    assertThat(result.getKey()).isEqualTo(key);
  }

  @Test
  void shouldNameTheCommandsActionInAHeaderOfItsResult() {
    send(command("req-1", 0, 1, ownedKey("demo", "alice")));

    var header = results.readRecord().headers().lastHeader(ResultHeaders.ACTION_HEADER);
    assertThat(header).isNotNull();
    assertThat(new String(header.value(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("ESTABLISH");
  }

  @Test
  void shouldCarryTheRequestHeadersOfACommandOntoItsResultAndItsGoldenRecord() {
    ContactKey key = ownedKey("demo", "traced");

    sendWithin(
        RequestHeaders.of("http-1", "demo"),
        command("req-1", key, CommandAction.UPSERT, data("Tia", "Race", "tia@example.com")));

    Headers result = results.readRecord().headers();
    assertThat(RequestHeaders.requestId(result)).contains("http-1");
    assertThat(RequestHeaders.tenant(result)).contains("demo");
    assertThat(result.lastHeader(ResultHeaders.ACTION_HEADER)).as("kept beside them").isNotNull();
    Headers golden = changelog.readRecord().headers();
    assertThat(RequestHeaders.requestId(golden)).contains("http-1");
    assertThat(RequestHeaders.tenant(golden)).contains("demo");
  }

  @Test
  void shouldCarryTheRequestHeadersOntoADeletesTombstoneAndADeadLetter() {
    ContactKey key = ownedKey("demo", "gone");
    send(command("req-1", key, CommandAction.ESTABLISH, null));
    changelog.readRecordsToList();

    sendWithin(
        RequestHeaders.of("http-2", "demo"), command("req-2", key, CommandAction.DELETE, null));
    sendWithin(
        RequestHeaders.of("http-3", "demo"),
        command("req-3", 0, 1, keyOwnedElsewhere("demo", "x")));

    TestRecord<ContactKey, ContactRecord> tombstone = changelog.readRecord();
    assertThat(tombstone.value()).isNull();
    assertThat(RequestHeaders.requestId(tombstone.headers())).contains("http-2");
    assertThat(RequestHeaders.requestId(deadLetters.readRecord().headers())).contains("http-3");
  }

  @Test
  void shouldPutNoRequestHeadersOnTheOutputsOfACommandThatCameWithout() {
    ContactKey key = ownedKey("demo", "untraced");
    sendWithin(
        RequestHeaders.of("http-4", "demo"),
        command("req-1", key, CommandAction.UPSERT, data("Una", "Trace", null)));
    results.readRecord();
    changelog.readRecord();

    send(command("req-2", key, CommandAction.UPSERT, data("Una", "Traced", null)));

    assertThat(RequestHeaders.requestId(results.readRecord().headers())).isEmpty();
    assertThat(RequestHeaders.requestId(changelog.readRecord().headers())).isEmpty();
  }

  @Test
  void shouldReturnSameIdForSameKey() {
    ContactKey key = ownedKey("demo", "alice");

    send(command("req-1", 0, 1, key));
    send(command("req-2", 0, 1, key));

    List<ContactResult> both = results.readValuesToList();
    assertThat(both).hasSize(2);
    assertThat(both.get(1).getContactId()).isEqualTo(both.get(0).getContactId());
    assertThat(both.get(1).getNewContact()).isFalse();
  }

  @Test
  void shouldGiveDistinctKeysDistinctIdsThatEncodeTheOwnerPartition() {
    List<ContactKey> keys =
        List.of(ownedKey("demo", "a"), ownedKey("demo", "b"), ownedKey("demo", "c"));
    for (int i = 0; i < keys.size(); i++) {
      send(command("req-1", i, keys.size(), keys.get(i)));
    }

    List<Long> ids = results.readValuesToList().stream().map(ContactResult::getContactId).toList();
    assertThat(ids).doesNotHaveDuplicates().hasSize(3);
    assertThat(ids)
        .allSatisfy(
            id ->
                assertThat(ContactIds.ownerPartition(id, config.commandsPartitions()))
                    .isEqualTo(DRIVER_PARTITION));
  }

  @Test
  void shouldMarkOnlyTheFirstOfTwoItemsWithTheSameKeyInOneRequestAsNew() {
    ContactKey key = ownedKey("demo", "twice");

    send(command("req-1", 0, 2, key));
    send(command("req-1", 1, 2, key));

    List<ContactResult> both = results.readValuesToList();
    assertThat(both).extracting(ContactResult::getNewContact).containsExactly(true, false);
    assertThat(both).extracting(ContactResult::getItemIndex).containsExactly(0, 1);
  }

  @Test
  void shouldKeepTenantsApartForTheSameContactKey() {
    ContactKey[] pair = sameKeyInTwoTenantsOwnedByTheDriverPartition();
    send(command("req-a", 0, 1, pair[0]));
    send(command("req-b", 0, 1, pair[1]));

    List<ContactResult> both = results.readValuesToList();
    assertThat(both).extracting(ContactResult::getNewContact).containsExactly(true, true);
    assertThat(both)
        .extracting(r -> r.getKey().getTenant())
        .containsExactly("tenant-a", "tenant-b");
    assertThat(both.get(0).getContactId()).isNotEqualTo(both.get(1).getContactId());
  }

  @Test
  void shouldDeadLetterAKeyWithAControlCharacterThatPostgresCannotStore() {
    // (An unpaired surrogate never gets this far: UTF-8 encoding on the producer already replaced
    // it, which is why ingest refuses such keys before publishing.)
    ContactKey key = new ContactKey("demo", 0, "nul\u0000inside");

    commands.pipeInput(key, command("req-1", 0, 1, key));

    assertThat(results.isEmpty()).isTrue();
    assertThat(header(deadLetters.readRecord(), DeadLetters.REASON_HEADER))
        .contains("control character U+0000");
  }

  @Test
  void shouldEmitTheGoldenRecordOnlyWhenTheContactChanges() {
    ContactKey key = ownedKey("demo", "bob");

    send(command("req-1", 0, 1, key));
    send(command("req-2", 0, 1, key));

    List<TestRecord<ContactKey, ContactRecord>> golden = changelog.readRecordsToList();
    assertThat(golden).hasSize(1);
    assertThat(golden.get(0).key()).isEqualTo(key);
    assertThat(golden.get(0).value().getVersion()).isEqualTo(1L);
    assertThat(golden.get(0).value().getContactId())
        .isEqualTo(results.readValuesToList().get(0).getContactId());
  }

  @Test
  void shouldReportAnUpsertOfTheSameDataAsUnchangedAndADifferentOneAsChanged() {
    ContactKey key = ownedKey("demo", "carol");

    send(command("req-1", key, CommandAction.UPSERT, data("Carol", "Diaz", "carol@example.com")));
    send(command("req-2", key, CommandAction.UPSERT, data("Carol", "Diaz", "carol@example.com")));
    send(command("req-3", key, CommandAction.UPSERT, data("Carol", "Ruiz", "carol@example.com")));
    send(command("req-4", 0, 1, key));

    assertThat(results.readValuesToList())
        .extracting(ContactResult::getNewContact, ContactResult::getUnchanged)
        .containsExactly(
            tuple(true, false), tuple(false, true), tuple(false, false), tuple(false, true));
  }

  @Test
  void shouldCopyTheJobFlagOfACommandOntoItsResult() {
    ContactCommand ofJob = command("job-1", 0, 2, ownedKey("demo", "job"));
    ofJob.setJob(true);
    send(ofJob);
    send(command("req-1", 0, 1, ownedKey("demo", "plain")));

    assertThat(results.readValuesToList())
        .extracting(ContactResult::getRequestId, ContactResult::getJob)
        .containsExactly(tuple("job-1", true), tuple("req-1", false));
  }

  @Test
  void shouldSayInAHeaderWhetherAResultIsAJobItemSoReadersCanSkipOthersUndecoded() {
    ContactCommand ofJob = command("job-1", 0, 2, ownedKey("demo", "job"));
    ofJob.setJob(true);
    send(ofJob);
    send(command("req-1", 0, 1, ownedKey("demo", "plain")));

    List<Headers> headers =
        results.readRecordsToList().stream().map(record -> record.headers()).toList();
    assertThat(headers).extracting(ResultHeaders::isNotJobItem).containsExactly(false, true);
    assertThat(headers.get(0).lastHeader(ResultHeaders.JOB_HEADER)).isNotNull();
  }

  @Test
  void shouldCarryTheRequestCorrelationIntoTheResultKeyedByRequest() {
    ContactKey key = ownedKey("demo", "carol");
    ContactCommand command = command("req-9", 2, 5, key);
    command.setReplyTo("ingest-1");

    send(command);

    TestRecord<String, ContactResult> result = results.readRecord();
    assertThat(result.key()).isEqualTo("req-9");
    assertThat(result.value().getItemIndex()).isEqualTo(2);
    assertThat(result.value().getItemCount()).isEqualTo(5);
    assertThat(result.value().getReplyTo()).isEqualTo("ingest-1");
  }

  @Test
  void shouldDeadLetterACommandThatArrivedOnAPartitionThatDoesNotOwnItsKey() {
    ContactKey foreign = keyOwnedElsewhere("demo", "dave");

    send(command("req-1", 0, 1, foreign));

    assertThat(results.isEmpty()).isTrue();
    assertThat(changelog.isEmpty()).isTrue();
    assertThat(header(deadLetters.readRecord(), DeadLetters.REASON_HEADER))
        .contains(
            "partition "
                + OwnerPartition.of(foreign, config.commandsPartitions())
                + " owns its key");
  }

  @Test
  void shouldDeadLetterACommandWhoseRecordKeyIsNotItsContactKey() {
    ContactKey key = ownedKey("demo", "erin");

    commands.pipeInput(ownedKey("demo", "someone-else"), command("req-1", 0, 1, key));

    assertThat(results.isEmpty()).isTrue();
    assertThat(header(deadLetters.readRecord(), DeadLetters.REASON_HEADER))
        .contains("differs from the command's key");
  }

  @Test
  void shouldDeadLetterAnInvalidCommandWithTheReasonAndIssueNoId() {
    ContactKey blankKey = new ContactKey("demo", 0, "");

    commands.pipeInput(blankKey, command("req-1", 0, 1, blankKey));

    assertThat(results.isEmpty()).isTrue();
    TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
    assertThat(header(dead, DeadLetters.REASON_HEADER)).contains("contactKey is empty");
    assertThat(
            Topics.COMMANDS
                .valueSerde()
                .deserializer()
                .deserialize("t", dead.value())
                .getRequestId())
        .isEqualTo("req-1");
  }

  @Test
  void shouldCountEachDeadLetterUnderItsBoundedReason() {
    ContactKey blank = new ContactKey("demo", 0, "");
    commands.pipeInput(blank, command("req-1", 0, 1, blank));
    send(command("req-2", 0, 1, keyOwnedElsewhere("demo", "frank")));
    send(command("req-3", 0, 1, keyOwnedElsewhere("demo", "grace")));
    commands.pipeInput(
        ownedKey("demo", "someone-else"), command("req-4", 0, 1, ownedKey("demo", "heidi")));
    send(command("req-5", 0, 1, ownedKey("demo", "ivan")));

    assertThat(deadLetters.readRecordsToList()).hasSize(4);
    assertThat(deadLettersCounted(MetricNames.REASON_INVALID_COMMAND)).isEqualTo(1.0);
    assertThat(deadLettersCounted(MetricNames.REASON_WRONG_PARTITION)).isEqualTo(2.0);
    assertThat(deadLettersCounted(MetricNames.REASON_KEY_MISMATCH)).isEqualTo(1.0);
    assertThat(deadLettersCounted(MetricNames.REASON_UNDECODABLE)).isZero();
  }

  private double deadLettersCounted(String reason) {
    return metrics.get(MetricNames.RESOLVER_DEAD_LETTERS).tag("reason", reason).counter().count();
  }

  @Test
  void shouldSkipBytesThatAreNotACommandAndKeepProcessing() {
    // The copy to the dead-letter topic is Kafka Streams' own
    // (errors.dead.letter.queue.topic.name),
    // which the test driver does not run; PoisonRecordIT proves it on a broker.
    rawCommands.pipeInput(
        "k".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
    ContactKey key = ownedKey("demo", "after-poison");
    send(command("req-2", 0, 1, key));

    assertThat(results.readValue().getKey()).isEqualTo(key);
  }

  @Test
  void shouldCreateAContactWithTheDataOfAnUpsertAndMergeTheNextUpsertIntoIt() {
    ContactKey key = ownedKey("demo", "upsert");

    send(command("req-1", key, CommandAction.UPSERT, data("Angela", "Cruz", "acruz@example.com")));
    ContactData changes = new ContactData();
    changes.setPhone("+44 7712 345678");
    send(command("req-2", key, CommandAction.UPSERT, changes));

    List<ContactResult> both = results.readValuesToList();
    assertThat(both).extracting(ContactResult::getOutcome).containsOnly(CommandOutcome.RESOLVED);
    assertThat(both).extracting(ContactResult::getNewContact).containsExactly(true, false);
    ContactData merged = both.get(1).getData();
    assertThat(merged.getFirstName()).isEqualTo("Angela");
    assertThat(merged.getPhone()).isEqualTo("+44 7712 345678");
    List<ContactRecord> golden = changelog.readValuesToList();
    assertThat(golden).extracting(ContactRecord::getVersion).containsExactly(1L, 2L);
    assertThat(golden.get(1).getData()).isEqualTo(merged);
  }

  @Test
  void shouldKeepTheVersionAndEmitNoGoldenRecordWhenAnUpdateChangesNothing() {
    ContactKey key = ownedKey("demo", "same");
    send(command("req-1", key, CommandAction.UPSERT, data("Ann", "Lee", "ann@example.com")));
    send(command("req-2", key, CommandAction.UPDATE, data("Ann", "Lee", "ann@example.com")));

    assertThat(changelog.readValuesToList())
        .extracting(ContactRecord::getVersion)
        .containsExactly(1L);
    assertThat(results.readValuesToList().get(1).getOutcome()).isEqualTo(CommandOutcome.RESOLVED);
  }

  @Test
  void shouldReportAnUpdateOfAnUnknownKeyAsNotFoundAndCreateNothing() {
    ContactKey key = ownedKey("demo", "nobody");

    send(command("req-1", key, CommandAction.UPDATE, data("No", "Body", "nobody@example.com")));

    ContactResult result = results.readValue();
    assertThat(result.getOutcome()).isEqualTo(CommandOutcome.NOT_FOUND);
    assertThat(result.getContactId()).isZero();
    assertThat(result.getStatus()).isNull();
    assertThat(changelog.isEmpty()).isTrue();
  }

  @Test
  void shouldRejectACreateOfAnExistingKeyNamingItsId() {
    ContactKey key = ownedKey("demo", "taken");
    send(command("req-1", key, CommandAction.CREATE, data("Tom", "Ng", "tom@example.com")));
    long id = results.readValue().getContactId();

    send(command("req-2", key, CommandAction.CREATE, data("Tom", "Ng", "tom@example.com")));

    ContactResult second = results.readValue();
    assertThat(second.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
    assertThat(second.getMessage()).contains("already exists (ID " + id + ")");
    assertThat(changelog.readValuesToList()).hasSize(1);
  }

  @Test
  void shouldUpdateOnMatchingNamesRejectOtherNamesAndCreateANewKey() {
    ContactKey key = ownedKey("demo", "match");
    send(
        command(
            "req-1",
            key,
            CommandAction.MATCH_NAMES_OR_CREATE,
            data("Ada", "King", "ada@example.com")));
    ContactData samePerson = data("Ada", "King", "ADA@example.com");
    samePerson.setPhone("555");
    send(command("req-2", key, CommandAction.MATCH_NAMES_OR_CREATE, samePerson));
    send(
        command(
            "req-3",
            key,
            CommandAction.MATCH_NAMES_OR_CREATE,
            data("Bob", "King", "ada@example.com")));

    List<ContactResult> all = results.readValuesToList();
    assertThat(all)
        .extracting(ContactResult::getOutcome)
        .containsExactly(CommandOutcome.RESOLVED, CommandOutcome.RESOLVED, CommandOutcome.REJECTED);
    assertThat(all.get(0).getNewContact()).isTrue();
    assertThat(all.get(1).getContactId()).isEqualTo(all.get(0).getContactId());
    assertThat(all.get(1).getData().getPhone()).isEqualTo("555");
    assertThat(all.get(2).getMessage()).contains("under another first or last name");
  }

  @Test
  void shouldRetireADeletedKeySoThatEstablishingItAgainGivesANewId() {
    ContactKey key = ownedKey("demo", "erase");
    send(command("req-1", key, CommandAction.UPSERT, data("Eve", "Ray", "eve@example.com")));
    long firstId = results.readValue().getContactId();

    send(command("req-2", key, CommandAction.DELETE, null));
    ContactResult deleted = results.readValue();
    send(command("req-3", key, CommandAction.ESTABLISH, null));
    ContactResult again = results.readValue();

    assertThat(deleted.getOutcome()).isEqualTo(CommandOutcome.DELETED);
    assertThat(deleted.getContactId()).isEqualTo(firstId);
    assertThat(again.getNewContact()).isTrue();
    assertThat(again.getContactId()).isGreaterThan(firstId);
    List<TestRecord<ContactKey, ContactRecord>> golden = changelog.readRecordsToList();
    assertThat(golden).extracting(TestRecord::value).element(1).isNull();
    assertThat(golden.get(1).key()).isEqualTo(key);
    assertThat(golden.get(2).value().getContactId()).isEqualTo(again.getContactId());
    assertThat(golden.get(2).value().getData().getFirstName())
        .as("nothing of the deleted contact returns")
        .isNull();
  }

  @Test
  void shouldIssueNewIdsInSequenceWithoutWritingTheSequenceStore() {
    List.of("first", "second", "third")
        .forEach(
            name ->
                send(
                    command("req-" + name, ownedKey("demo", name), CommandAction.ESTABLISH, null)));

    assertThat(results.readValuesToList())
        .extracting(ContactResult::getContactId)
        .containsExactly(idOfSequence(1), idOfSequence(2), idOfSequence(3));
    KeyValueStore<String, Long> sequences =
        driver.getKeyValueStore(ResolverTopology.SEQUENCE_STORE);
    assertThat(sequences.get(ResolverTopology.SEQUENCE_KEY))
        .as("only a delete raises the floor")
        .isNull();
  }

  @Test
  void shouldResumeTheSequenceAfterTheHighestIdInTheIndexWhenItIsAboveTheFloor() {
    restoredState(5, 3);

    send(command("req-1", ownedKey("demo", "next"), CommandAction.ESTABLISH, null));

    assertThat(results.readValue().getContactId()).isEqualTo(idOfSequence(6));
  }

  @Test
  void shouldResumeTheSequenceAfterTheFloorWhenItIsAboveTheHighestIdInTheIndex() {
    restoredState(5, 9);

    send(command("req-1", ownedKey("demo", "next"), CommandAction.ESTABLISH, null));

    assertThat(results.readValue().getContactId()).isEqualTo(idOfSequence(10));
  }

  @Test
  void shouldNeverReissueTheIdOfTheNewestContactDeletedBeforeARestart() {
    ContactKey older = ownedKey("demo", "older");
    ContactKey newest = ownedKey("demo", "newest");
    send(command("req-1", older, CommandAction.ESTABLISH, null));
    send(command("req-2", newest, CommandAction.ESTABLISH, null));
    send(command("req-3", newest, CommandAction.DELETE, null));
    long deletedId = results.readValuesToList().get(2).getContactId();

    // A restarted resolver, its stores restored from their changelogs: a new driver with a copy.
    try (TopologyTestDriver restarted =
        driverFor(configIn(stateDir.resolve("restarted")), new SimpleMeterRegistry())) {
      for (String store :
          List.of(ResolverTopology.GOLDEN_RECORD_STORE, ResolverTopology.SEQUENCE_STORE)) {
        copyStore(driver, restarted, store);
      }
      send(
          commandsOf(restarted),
          command("req-4", ownedKey("demo", "after"), CommandAction.ESTABLISH, null));

      assertThat(deletedId).isEqualTo(idOfSequence(2));
      assertThat(resultsOf(restarted).readValue().getContactId()).isEqualTo(idOfSequence(3));
    }
  }

  /** A partition's stores as a resolver left them: one contact at {@code highest}, a floor. */
  private void restoredState(long highestIndexedSequence, long floor) {
    KeyValueStore<String, Long> sequences =
        driver.getKeyValueStore(ResolverTopology.SEQUENCE_STORE);
    restoredGoldenRecord(ownedKey("demo", "existing"), idOfSequence(highestIndexedSequence));
    sequences.put(ResolverTopology.SEQUENCE_KEY, floor);
  }

  /** A golden record as restored from contact.changelog, without an ID index entry. */
  private void restoredGoldenRecord(ContactKey key, long id) {
    KeyValueStore<ContactKey, byte[]> goldenRecords =
        driver.getKeyValueStore(ResolverTopology.GOLDEN_RECORD_STORE);
    Instant created = Instant.ofEpochMilli(1_600_000_000_000L);
    ContactRecord golden =
        new ContactRecord(key, id, ContactStatus.ACTIVE, 1L, created, created, null);
    goldenRecords.put(
        key, Topics.CHANGELOG.valueSerde().serializer().serialize(Topics.CHANGELOG.name(), golden));
  }

  private static <K, V> void copyStore(
      TopologyTestDriver from, TopologyTestDriver to, String storeName) {
    KeyValueStore<K, V> source = from.getKeyValueStore(storeName);
    KeyValueStore<K, V> target = to.getKeyValueStore(storeName);
    try (var all = source.all()) {
      all.forEachRemaining(entry -> target.put(entry.key, entry.value));
    }
  }

  private long idOfSequence(long sequence) {
    return ContactIds.compose(sequence, DRIVER_PARTITION, config.commandsPartitions());
  }

  @Test
  void shouldReportADeleteOfAnUnknownKeyAsNotFoundWithoutATombstone() {
    send(command("req-1", ownedKey("demo", "ghost"), CommandAction.DELETE, null));

    assertThat(results.readValue().getOutcome()).isEqualTo(CommandOutcome.NOT_FOUND);
    assertThat(changelog.isEmpty()).isTrue();
  }

  @Test
  void shouldUpdateAndDeleteByIdAndAnswerWithTheContactsRealKey() {
    ContactKey key = ownedKey("demo", "by-id");
    send(command("req-1", key, CommandAction.UPSERT, data("Ida", "Moe", "ida@example.com")));
    long id = results.readValue().getContactId();

    ContactData changes = new ContactData();
    changes.setLastName("Moe-Smith");
    send(byId("req-2", "demo", id, CommandAction.UPDATE, changes));
    send(byId("req-3", "demo", id, CommandAction.DELETE, null));
    send(byId("req-4", "demo", id, CommandAction.UPDATE, changes));

    List<ContactResult> all = results.readValuesToList();
    assertThat(all)
        .extracting(ContactResult::getOutcome)
        .containsExactly(CommandOutcome.RESOLVED, CommandOutcome.DELETED, CommandOutcome.NOT_FOUND);
    assertThat(all.get(0).getKey()).isEqualTo(key);
    assertThat(all.get(0).getData().getLastName()).isEqualTo("Moe-Smith");
    assertThat(all.get(1).getKey()).isEqualTo(key);
    assertThat(all.get(2).getMessage()).contains("no contact has ID " + id);
  }

  /** How an iVvy batch's getContact reads a contact in order with the batch's other jobs. */
  @Test
  void shouldAnswerAnUpdateByIdWithoutChangesWithTheContactUnchangedAndWriteNothing() {
    ContactKey key = ownedKey("demo", "read-by-id");
    send(command("req-1", key, CommandAction.UPSERT, data("Rea", "Dee", "rea@example.com")));
    long id = results.readValue().getContactId();
    changelog.readValuesToList();

    send(byId("req-2", "demo", id, CommandAction.UPDATE, null));
    send(byId("req-3", "other", id, CommandAction.UPDATE, null));

    List<ContactResult> all = results.readValuesToList();
    assertThat(all)
        .extracting(ContactResult::getOutcome, ContactResult::getUnchanged)
        .containsExactly(
            tuple(CommandOutcome.RESOLVED, true), tuple(CommandOutcome.NOT_FOUND, false));
    assertThat(all.get(0).getContactId()).isEqualTo(id);
    assertThat(all.get(0).getData()).isEqualTo(data("Rea", "Dee", "rea@example.com"));
    assertThat(changelog.isEmpty()).isTrue();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldReportAnotherTenantsContactIdAsNotFoundAndLeaveItAlone() {
    ContactKey key = ownedKey("demo", "private");
    send(command("req-1", key, CommandAction.UPSERT, data("Pat", "Doe", "pat@example.com")));
    long id = results.readValue().getContactId();

    send(byId("req-2", "other", id, CommandAction.DELETE, null));

    ContactResult result = results.readValue();
    assertThat(result.getOutcome()).isEqualTo(CommandOutcome.NOT_FOUND);
    assertThat(result.getKey().getTenant()).isEqualTo("other");
    assertThat(result.getKey().getContactKey()).isEmpty();
    assertThat(changelog.readValuesToList()).hasSize(1);
  }

  @Test
  void shouldDeadLetterACommandAddressedByAnIdThatAnotherPartitionOwns() {
    long foreignId = ContactIds.compose(1, 3, config.commandsPartitions());

    send(byId("req-1", "demo", foreignId, CommandAction.UPDATE, new ContactData()));

    assertThat(results.isEmpty()).isTrue();
    assertThat(header(deadLetters.readRecord(), DeadLetters.REASON_HEADER))
        .contains("partition 3 owns its contact ID");
  }

  @Test
  void shouldDeadLetterAnIdAddressedCreateBecauseOnlyExistingContactsHaveIds() {
    send(
        byId(
            "req-1",
            "demo",
            ContactIds.compose(1, 0, config.commandsPartitions()),
            CommandAction.CREATE,
            null));

    assertThat(results.isEmpty()).isTrue();
    assertThat(header(deadLetters.readRecord(), DeadLetters.REASON_HEADER))
        .contains("needs a contact key");
  }

  @Test
  void shouldRejectAChangeThatWouldLeaveMoreThanThreeExternalUrls() {
    ContactKey key = ownedKey("demo", "urls");
    ContactData three = new ContactData();
    three.setExternalUrls(List.of(url("a"), url("b"), url("c")));
    send(command("req-1", key, CommandAction.UPSERT, three));
    ContactData fourth = new ContactData();
    fourth.setExternalUrls(List.of(url("d")));
    send(command("req-2", key, CommandAction.UPDATE, fourth));
    ContactCommand replaceAll = command("req-3", key, CommandAction.UPDATE, fourth);
    replaceAll.setClearExternalUrls(true);
    send(replaceAll);

    List<ContactResult> all = results.readValuesToList();
    assertThat(all)
        .extracting(ContactResult::getOutcome)
        .containsExactly(CommandOutcome.RESOLVED, CommandOutcome.REJECTED, CommandOutcome.RESOLVED);
    assertThat(all.get(1).getMessage()).contains("at most 3 external URLs");
    assertThat(all.get(2).getData().getExternalUrls())
        .extracting(ExternalUrl::getRef)
        .containsExactly("d");
  }

  @Test
  void shouldRejectACommandThatNamesAnIdTogetherWithAnotherContactsKey() {
    ContactKey key = ownedKey("demo", "named");
    send(command("req-1", key, CommandAction.UPSERT, data("Nia", "Ode", "nia@example.com")));
    long id = results.readValue().getContactId();

    ContactCommand mismatch =
        byId("req-2", "demo", id, CommandAction.UPDATE, data("X", "Y", "x@example.com"));
    mismatch.setKey(new ContactKey("demo", 0, "someone-else"));
    commands.pipeInput(mismatch.getKey(), mismatch, Instant.ofEpochMilli(1_700_000_000_000L));
    ContactCommand matching =
        byId("req-3", "demo", id, CommandAction.UPDATE, data("Nia", "Ode-Li", null));
    matching.setKey(key);
    commands.pipeInput(matching.getKey(), matching, Instant.ofEpochMilli(1_700_000_000_000L));

    List<ContactResult> both = results.readValuesToList();
    assertThat(both.get(0).getOutcome()).isEqualTo(CommandOutcome.REJECTED);
    assertThat(both.get(0).getMessage()).contains("does not have key 'someone-else'");
    assertThat(both.get(1).getOutcome()).isEqualTo(CommandOutcome.RESOLVED);
    assertThat(both.get(1).getData().getLastName()).isEqualTo("Ode-Li");
  }

  @Test
  void shouldRejectAChangeThatWouldGrowTheDataBeyondItsBudgetInsteadOfFailing() {
    ContactKey key = ownedKey("demo", "big");
    send(command("req-1", key, CommandAction.UPSERT, customFields("a", 40 * 1024)));
    send(command("req-2", key, CommandAction.UPSERT, customFields("b", 40 * 1024)));

    List<ContactResult> both = results.readValuesToList();
    assertThat(both)
        .extracting(ContactResult::getOutcome)
        .containsExactly(CommandOutcome.RESOLVED, CommandOutcome.REJECTED);
    assertThat(both.get(1).getMessage()).contains("at most 64 KiB");
    assertThat(changelog.readValuesToList()).hasSize(1);
  }

  @Test
  void shouldIssueNoIdToACreationRefusedForItsDataSize() {
    send(
        command(
            "req-1", ownedKey("demo", "huge"), CommandAction.UPSERT, customFields("a", 70 * 1024)));
    send(command("req-2", ownedKey("demo", "next"), CommandAction.ESTABLISH, null));

    List<ContactResult> both = results.readValuesToList();
    assertThat(both.get(0).getOutcome()).isEqualTo(CommandOutcome.REJECTED);
    assertThat(both.get(0).getContactId()).isZero();
    assertThat(both.get(1).getContactId()).isEqualTo(idOfSequence(1));
    assertThat(changelog.readValuesToList()).hasSize(1);
  }

  @Test
  void shouldLeaveTheDataOutOfAResultNobodyRendersButKeepItForAJob() {
    ContactCommand direct =
        command(
            "req-1",
            ownedKey("demo", "direct"),
            CommandAction.UPSERT,
            data("Di", "Rect", "d@x.io"));
    direct.setReplyTo(null);
    ContactCommand jobItem =
        command(
            "req-2", ownedKey("demo", "job"), CommandAction.UPSERT, data("Jo", "Bee", "j@x.io"));
    jobItem.setReplyTo(null);
    jobItem.setJob(true);

    send(direct);
    send(jobItem);

    List<ContactResult> both = results.readValuesToList();
    assertThat(both.get(0).getOutcome()).isEqualTo(CommandOutcome.RESOLVED);
    assertThat(both.get(0).getData()).isNull();
    assertThat(both.get(1).getData().getFirstName()).isEqualTo("Jo");
    assertThat(changelog.readValuesToList())
        .extracting(golden -> golden.getData().getFirstName())
        .containsExactly("Di", "Jo");
  }

  @Test
  void shouldAnswerEstablishWithTheReferenceOnlyAndNoData() {
    ContactKey key = ownedKey("demo", "lean");
    send(command("req-1", key, CommandAction.UPSERT, data("Lea", "Nn", "lea@example.com")));
    send(command("req-2", key, CommandAction.ESTABLISH, null));

    List<ContactResult> both = results.readValuesToList();
    assertThat(both.get(0).getData()).isNotNull();
    assertThat(both.get(1).getData()).isNull();
    assertThat(both.get(1).getContactId()).isEqualTo(both.get(0).getContactId());
  }

  @Test
  void shouldRebuildTheIdIndexFromTheGoldenRecordsBeforeTheFirstCommand() {
    // As a restore from contact.changelog leaves a partition: golden records, no ID index entry.
    ContactKey key = ownedKey("demo", "restored");
    long id = idOfSequence(7);
    restoredGoldenRecord(key, id);

    send(byId("req-1", "demo", id, CommandAction.UPDATE, data("Old", "Timer", "old@example.com")));
    send(command("req-2", ownedKey("demo", "new-one"), CommandAction.ESTABLISH, null));

    List<ContactResult> answered = results.readValuesToList();
    assertThat(answered.get(0).getOutcome()).isEqualTo(CommandOutcome.RESOLVED);
    assertThat(answered.get(0).getKey()).isEqualTo(key);
    assertThat(answered.get(0).getData().getFirstName()).isEqualTo("Old");
    assertThat(answered.get(1).getContactId()).isEqualTo(idOfSequence(8));
  }

  @Test
  void shouldTreatAnIndexEntryWhoseContactWasDeletedSinceAsUnknown() {
    // An index entry the index kept on disk after its contact was deleted and the key established
    // again under a new ID (the index has no changelog; the golden records are what is true).
    ContactKey key = ownedKey("demo", "came-back");
    long oldId = idOfSequence(3);
    long newId = idOfSequence(4);
    KeyValueStore<Long, ContactKey> index =
        driver.getKeyValueStore(ResolverTopology.ID_INDEX_STORE);
    index.put(oldId, key);
    restoredGoldenRecord(key, newId);
    driver.getKeyValueStore(ResolverTopology.SEQUENCE_STORE).put(ResolverTopology.SEQUENCE_KEY, 3L);

    send(
        byId(
            "req-1", "demo", oldId, CommandAction.UPDATE, data("Stale", "Entry", "s@example.com")));
    send(
        byId("req-2", "demo", newId, CommandAction.UPDATE, data("Live", "Entry", "l@example.com")));

    List<ContactResult> answered = results.readValuesToList();
    assertThat(answered.get(0).getOutcome()).isEqualTo(CommandOutcome.NOT_FOUND);
    assertThat(answered.get(1).getOutcome()).isEqualTo(CommandOutcome.RESOLVED);
    assertThat(answered.get(1).getData().getFirstName()).isEqualTo("Live");
  }

  private static ContactData customFields(String prefix, int bytes) {
    ContactData data = new ContactData();
    data.setCustomFields(java.util.Map.of(prefix, "\"" + "x".repeat(bytes) + "\""));
    return data;
  }

  /**
   * Ingest answers from results before their transaction commits; that is safe only because a
   * replay after an aborted transaction decides every command exactly as the first run did. A
   * second resolver, starting from the same state (here: none) and fed the same commands, must
   * issue the same IDs, outcomes and golden records; only the wall-clock resolvedAt may differ.
   */
  @Test
  void shouldDecideReplayedCommandsExactlyAsTheFirstTime() {
    ContactKey kept = ownedKey("demo", "replay-kept");
    ContactKey erased = ownedKey("demo", "replay-erased");
    List<ContactCommand> input =
        List.of(
            command("req-1", kept, CommandAction.UPSERT, data("Ann", "Lee", "ann@example.com")),
            command("req-2", erased, CommandAction.ESTABLISH, null),
            command("req-3", kept, CommandAction.ESTABLISH, null),
            command("req-4", erased, CommandAction.DELETE, null),
            command("req-5", erased, CommandAction.ESTABLISH, null),
            command("req-6", kept, CommandAction.CREATE, null),
            command("req-7", kept, CommandAction.UPSERT, data(null, "Lee-Roy", null)));
    input.forEach(this::send);
    List<ContactResult> first = withoutResolvedAt(results.readValuesToList());
    List<TestRecord<ContactKey, ContactRecord>> firstGolden = changelog.readRecordsToList();

    try (TopologyTestDriver replay =
        driverFor(configIn(stateDir.resolve("replay")), new SimpleMeterRegistry())) {
      TestInputTopic<ContactKey, ContactCommand> replayed = commandsOf(replay);
      input.forEach(command -> send(replayed, command));
      List<ContactResult> again = withoutResolvedAt(resultsOf(replay).readValuesToList());
      List<TestRecord<ContactKey, ContactRecord>> againGolden =
          changelogOf(replay).readRecordsToList();

      assertThat(first).hasSize(input.size());
      assertThat(first).extracting(ContactResult::getContactId).doesNotContain(0L);
      assertThat(again).isEqualTo(first);
      assertThat(againGolden)
          .extracting(TestRecord::key)
          .isEqualTo(firstGolden.stream().map(TestRecord::key).toList());
      assertThat(againGolden)
          .extracting(TestRecord::value)
          .isEqualTo(firstGolden.stream().map(TestRecord::value).toList());
    }
  }

  private static List<ContactResult> withoutResolvedAt(List<ContactResult> decided) {
    return decided.stream()
        .map(result -> ContactResult.newBuilder(result).setResolvedAt(Instant.EPOCH).build())
        .toList();
  }

  /** A command as ingest publishes it for a caller who waits for the answer. */
  private static ContactCommand command(
      String requestId, ContactKey key, CommandAction action, ContactData changes) {
    ContactCommand command = command(requestId, 0, 1, key);
    command.setAction(action);
    command.setChanges(changes);
    command.setReplyTo(WAITING_INGEST);
    return command;
  }

  private static ContactCommand byId(
      String requestId, String tenant, long contactId, CommandAction action, ContactData changes) {
    ContactCommand command = command(requestId, new ContactKey(tenant, 0, ""), action, changes);
    command.setContactId(contactId);
    return command;
  }

  private static ContactData data(String first, String last, String email) {
    ContactData data = new ContactData();
    data.setFirstName(first);
    data.setLastName(last);
    data.setEmail(email);
    return data;
  }

  private static ExternalUrl url(String ref) {
    return new ExternalUrl(ref, "https://example.com/" + ref, null);
  }

  private void send(ContactCommand command) {
    send(commands, command);
  }

  /** Sends {@code command} with {@code headers}, as ingest publishes it for an HTTP request. */
  private void sendWithin(Headers headers, ContactCommand command) {
    commands.pipeInput(
        new TestRecord<>(
            command.getKey(), command, headers, Instant.ofEpochMilli(1_700_000_000_000L)));
  }

  private static void send(
      TestInputTopic<ContactKey, ContactCommand> topic, ContactCommand command) {
    topic.pipeInput(command.getKey(), command, Instant.ofEpochMilli(1_700_000_000_000L));
  }

  private ContactKey[] sameKeyInTwoTenantsOwnedByTheDriverPartition() {
    for (int i = 0; ; i++) {
      ContactKey a = new ContactKey("tenant-a", 0, "shared-" + i + "@example.com");
      ContactKey b = new ContactKey("tenant-b", 0, a.getContactKey());
      if (OwnerPartition.of(a, config.commandsPartitions()) == DRIVER_PARTITION
          && OwnerPartition.of(b, config.commandsPartitions()) == DRIVER_PARTITION) {
        return new ContactKey[] {a, b};
      }
    }
  }

  private ContactKey ownedKey(String tenant, String base) {
    for (int i = 0; ; i++) {
      ContactKey candidate = new ContactKey(tenant, 0, base + "-" + i);
      if (OwnerPartition.of(candidate, config.commandsPartitions()) == DRIVER_PARTITION) {
        return candidate;
      }
    }
  }

  private ContactKey keyOwnedElsewhere(String tenant, String base) {
    for (int i = 0; ; i++) {
      ContactKey candidate = new ContactKey(tenant, 0, base + "-" + i);
      if (OwnerPartition.of(candidate, config.commandsPartitions()) != DRIVER_PARTITION) {
        return candidate;
      }
    }
  }

  private static ContactCommand command(String requestId, int index, int count, ContactKey key) {
    return ContactCommand.newBuilder()
        .setRequestId(requestId)
        .setItemIndex(index)
        .setItemCount(count)
        .setKey(key)
        .setAction(CommandAction.ESTABLISH)
        .setReplyTo(null)
        .setIssuedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .build();
  }

  private static String header(TestRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
