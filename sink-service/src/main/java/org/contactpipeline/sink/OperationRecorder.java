package org.contactpipeline.sink;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.contactpipeline.metrics.ServiceMetrics;
import org.contactpipeline.schemas.ResultHeaders;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.store.DeleteOperationItem;
import org.contactpipeline.store.DeleteOperationTable;

/**
 * Records the progress of delete requests: every result on {@code contact.results} whose action is
 * DELETE becomes a row of {@code delete_operation_items}, which the read side reports as the
 * operation's status. Other results pass by. {@link TopicToTable} runs it, in a consumer group of
 * its own, so it neither slows nor depends on the materializer; it is also the one reader of {@code
 * contact.results} that dead-letters a record nobody can decode.
 */
final class OperationRecorder implements TopicToTable.Target<ContactResult> {

  /** Its thread's name and its {@code consumer} tag. */
  static final String NAME = "operation-recorder";

  private final DeleteOperationTable table;
  private final ResultsSeen seen;
  private final Deserializer<ContactResult> values;

  OperationRecorder(DeleteOperationTable table) {
    this(
        table,
        new ResultsSeen(new SimpleMeterRegistry()),
        Topics.RESULTS.valueSerde().deserializer());
  }

  private OperationRecorder(
      DeleteOperationTable table, ResultsSeen seen, Deserializer<ContactResult> values) {
    this.table = table;
    this.seen = seen;
    this.values = values;
  }

  static TopicToTable<ContactResult> create(
      SinkConfig config,
      DeleteOperationTable table,
      Runnable onFatalError,
      ServiceMetrics metrics) {
    return TopicToTable.onKafka(
        NAME,
        Topics.RESULTS.name(),
        config.operationsGroupId(),
        config,
        new OperationRecorder(
            table,
            new ResultsSeen(metrics.registry()),
            config.wireFormat().results().deserializer()),
        onFatalError,
        metrics);
  }

  @Override
  public Optional<ContactResult> decode(ConsumerRecord<byte[], byte[]> record) {
    seen.count(record.headers());
    if (ResultHeaders.isOtherAction(record.headers(), CommandAction.DELETE)) {
      return Optional.empty();
    }
    // An undecodable result throws SerializationException, and TopicToTable dead-letters it.
    ContactResult result = values.deserialize(record.topic(), record.value());
    return result != null && DeleteOperationItem.isDelete(result)
        ? Optional.of(result)
        : Optional.empty();
  }

  @Override
  public void write(List<ContactResult> deleteResults) throws SQLException {
    table.record(deleteResults);
  }
}
