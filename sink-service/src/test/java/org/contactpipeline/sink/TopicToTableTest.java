package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.contactpipeline.logging.RequestLogContext;
import org.contactpipeline.metrics.MetricNames;
import org.contactpipeline.schemas.DeadLetters;
import org.contactpipeline.schemas.RequestHeaders;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class TopicToTableTest {

  private static final String TOPIC = "some.topic";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final MockProducer<byte[], byte[]> deadLetters =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final FakeTable table = new FakeTable();
  private final MeterRegistry metrics = new SimpleMeterRegistry();
  private final TopicToTable<String> loop =
      new TopicToTable<>(
          "test",
          TOPIC,
          table,
          () -> consumer,
          () -> deadLetters,
          () -> {},
          TableMetrics.in("test", metrics));

  @BeforeEach
  void assignOnePartition() {
    consumer.assign(List.of(PARTITION));
    consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
  }

  @Test
  void shouldWriteAPollInOneTransactionAndThenCommitItsOffsets() throws SQLException {
    add(0, "a");
    add(1, "b");

    loop.writeOnePoll(consumer, deadLetters);

    assertThat(table.transactions).containsExactly(List.of("a", "b"));
    assertThat(committed()).isEqualTo(2L);
  }

  @Test
  void shouldCommitNothingAndRewindWhenTheDatabaseIsUnavailable() {
    add(0, "a");
    add(1, "b");
    table.failWith = "08006";

    assertThatThrownBy(() -> loop.writeOnePoll(consumer, deadLetters))
        .isInstanceOf(SQLException.class);

    assertThat(consumer.position(PARTITION)).isZero();
    assertThat(committed()).isNull();
    assertThat(deadLetters.history()).isEmpty();
    assertThat(databaseErrors(MetricNames.KIND_TRANSIENT)).isEqualTo(1.0);
    assertThat(databaseErrors(MetricNames.KIND_PERMANENT)).isZero();
  }

  @Test
  void shouldDeadLetterWhatPostgresRefusesForGoodAndStillWriteTheRest() throws SQLException {
    add(0, "a");
    add(1, "refused");
    add(2, "c");

    loop.writeOnePoll(consumer, deadLetters);

    assertThat(table.written()).containsExactly("a", "c");
    assertThat(deadLetters.history())
        .singleElement()
        .satisfies(
            dead -> {
              assertThat(text(dead.value())).isEqualTo("refused");
              assertThat(header(dead, DeadLetters.REASON_HEADER))
                  .startsWith("PostgreSQL refused the record");
              assertThat(header(dead, DeadLetters.SOURCE_HEADER)).isEqualTo(TOPIC + "-0@1");
            });
    assertThat(committed()).isEqualTo(3L);
    // The batch of three, then the refused record alone.
    assertThat(databaseErrors(MetricNames.KIND_PERMANENT)).isEqualTo(2.0);
    assertThat(databaseErrors(MetricNames.KIND_TRANSIENT)).isZero();
    assertThat(deadLettersCounted(MetricNames.REASON_REFUSED_BY_DATABASE)).isEqualTo(1.0);
  }

  private double databaseErrors(String kind) {
    return metrics.get(MetricNames.DATABASE_ERRORS).tag("kind", kind).counter().count();
  }

  private double deadLettersCounted(String reason) {
    return metrics.get(MetricNames.DEAD_LETTERS).tag("reason", reason).counter().count();
  }

  @Test
  void shouldDeadLetterARecordTheTargetCannotDecode() throws SQLException {
    add(0, "a");
    add(1, "poison");

    loop.writeOnePoll(consumer, deadLetters);

    assertThat(table.written()).containsExactly("a");
    assertThat(deadLetters.history())
        .singleElement()
        .satisfies(
            dead -> assertThat(header(dead, DeadLetters.REASON_HEADER)).isEqualTo("not a string"));
    assertThat(deadLetters.history().get(0).topic()).isEqualTo(Topics.DEAD_LETTERS.name());
    assertThat(committed()).isEqualTo(2L);
  }

  @Test
  void shouldCommitPastRecordsTheTargetHasNothingToWriteFor() throws SQLException {
    add(0, "skip");
    add(1, "skip");

    loop.writeOnePoll(consumer, deadLetters);

    assertThat(table.transactions).isEmpty();
    assertThat(committed()).isEqualTo(2L);
  }

  @Test
  void shouldCommitAPositionThatAPollWithoutRecordsMovedOverACommitMarker() throws SQLException {
    add(0, "a");
    loop.writeOnePoll(consumer, deadLetters);
    // A read_committed consumer reads the transaction's marker at offset 1 and returns nothing.
    consumer.seek(PARTITION, 2);

    loop.writeOnePoll(consumer, deadLetters);

    assertThat(table.transactions).containsExactly(List.of("a"));
    assertThat(committed()).isEqualTo(2L);
  }

  @Test
  void shouldCommitNothingForAPollWithoutRecordsThatDidNotMove() throws SQLException {
    add(0, "a");
    loop.writeOnePoll(consumer, deadLetters);
    consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(0)));

    loop.writeOnePoll(consumer, deadLetters);

    assertThat(committed()).isZero();
  }

  @Test
  void shouldNameTheRequestsOfABatchInTheMdcWhileWritingItAndForgetThemAfter() throws SQLException {
    add(0, "a", RequestHeaders.of("r-1", "demo"));
    add(1, "b", RequestHeaders.of("r-2", "demo"));
    add(2, "c", RequestHeaders.of("r-1", "demo"));

    loop.writeOnePoll(consumer, deadLetters);

    assertThat(table.requestsWhileWriting).containsExactly("r-1,r-2 of demo");
    assertThat(MDC.get(RequestLogContext.REQUEST_ID)).isNull();
  }

  @Test
  void shouldLogADeadLetterWithTheRequestOfItsOwnRecord() throws SQLException {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger log = (Logger) LoggerFactory.getLogger(TopicToTable.class);
    logged.start();
    log.addAppender(logged);
    try {
      add(0, "a", RequestHeaders.of("r-1", "demo"));
      add(1, "refused", RequestHeaders.of("r-2", "other"));

      loop.writeOnePoll(consumer, deadLetters);
    } finally {
      log.detachAppender(logged);
    }

    assertThat(table.requestsWhileWriting)
        .as("the batch, then each record alone")
        .containsExactly("r-1,r-2 of demo,other", "r-1 of demo", "r-2 of other");
    assertThat(logged.list)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getFormattedMessage()).startsWith("dead-lettering " + TOPIC);
              assertThat(event.getMDCPropertyMap())
                  .containsEntry(RequestLogContext.REQUEST_ID, "r-2")
                  .containsEntry(RequestLogContext.TENANT, "other");
            });
  }

  @Test
  void shouldJoinAgainWithANewConsumerWhenFencedAsAStaticMember() {
    MockConsumer<byte[], byte[]> fenced = new MockConsumer<>("earliest");
    fenced.setPollException(
        new FencedInstanceIdException("another consumer with the same group.instance.id"));
    MockConsumer<byte[], byte[]> rejoined = new MockConsumer<>("earliest");
    rejoined.schedulePollTask(
        () -> {
          rejoined.rebalance(List.of(PARTITION));
          rejoined.updateBeginningOffsets(Map.of(PARTITION, 0L));
          byte[] a = "a".getBytes(StandardCharsets.UTF_8);
          rejoined.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, a, a));
        });
    Iterator<MockConsumer<byte[], byte[]>> consumers = List.of(fenced, rejoined).iterator();
    AtomicBoolean fatal = new AtomicBoolean();
    FakeTable rejoinedTable = new FakeTable();
    TopicToTable<String> fencedLoop =
        new TopicToTable<>(
            "fenced",
            TOPIC,
            rejoinedTable,
            consumers::next,
            () -> deadLetters,
            () -> fatal.set(true),
            TableMetrics.in("fenced", metrics));

    fencedLoop.start();
    try {
      Poll.holdsWithin(Duration.ofSeconds(20), () -> !rejoinedTable.transactions.isEmpty());
    } finally {
      fencedLoop.close();
    }

    assertThat(rejoinedTable.transactions).containsExactly(List.of("a"));
    assertThat(fenced.closed()).isTrue();
    assertThat(fatal).isFalse();
  }

  private void add(long offset, String value) {
    add(offset, value, new RecordHeaders());
  }

  private void add(long offset, String value, Headers headers) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    consumer.addRecord(
        new ConsumerRecord<>(
            TOPIC,
            0,
            offset,
            ConsumerRecord.NO_TIMESTAMP,
            TimestampType.NO_TIMESTAMP_TYPE,
            bytes.length,
            bytes.length,
            bytes,
            bytes,
            headers,
            Optional.empty()));
  }

  private Long committed() {
    OffsetAndMetadata offset = consumer.committed(Set.of(PARTITION)).get(PARTITION);
    return offset == null ? null : offset.offset();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    return text(record.headers().lastHeader(name).value());
  }

  /**
   * A table of strings: refuses "refused" for good, cannot decode "poison", has nothing to write
   * for "skip".
   */
  private static final class FakeTable implements TopicToTable.Target<String> {

    /** Written by the loop's thread in the test that starts one. */
    final List<List<String>> transactions = new CopyOnWriteArrayList<>();

    /** The request (and tenant) the MDC named at each write. */
    final List<String> requestsWhileWriting = new ArrayList<>();

    String failWith;

    @Override
    public Optional<String> decode(ConsumerRecord<byte[], byte[]> record) {
      String value = text(record.value());
      if (value.equals("poison")) {
        throw new SerializationException("not a string");
      }
      return value.equals("skip") ? Optional.empty() : Optional.of(value);
    }

    @Override
    public void write(List<String> items) throws SQLException {
      requestsWhileWriting.add(
          MDC.get(RequestLogContext.REQUEST_ID) + " of " + MDC.get(RequestLogContext.TENANT));
      if (failWith != null) {
        throw new SQLException("connection refused", failWith);
      }
      if (items.contains("refused")) {
        throw new SQLException("null value violates a constraint", "23502");
      }
      transactions.add(List.copyOf(items));
    }

    List<String> written() {
      return transactions.stream().flatMap(List::stream).toList();
    }
  }
}
