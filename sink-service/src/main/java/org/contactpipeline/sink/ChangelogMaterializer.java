package org.contactpipeline.sink;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.contactpipeline.metrics.ServiceMetrics;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.store.ChangelogEntry;
import org.contactpipeline.store.ContactTable;

/**
 * Copies golden records from {@code contact.changelog} into the {@code contacts} table, so that the
 * table converges to the last golden record of every contact: upserts that only move a row forward,
 * deletes for tombstones. {@link TopicToTable} runs it.
 */
public final class ChangelogMaterializer implements TopicToTable.Target<ChangelogEntry> {

  /** Its thread's name and its {@code consumer} tag. */
  static final String NAME = "changelog-materializer";

  private final ContactTable table;
  private final Deserializer<ContactRecord> values;

  private ChangelogMaterializer(ContactTable table, Deserializer<ContactRecord> values) {
    this.table = table;
    this.values = values;
  }

  static TopicToTable<ChangelogEntry> create(
      SinkConfig config, ContactTable table, Runnable onFatalError, ServiceMetrics metrics) {
    return TopicToTable.onKafka(
        NAME,
        Topics.CHANGELOG.name(),
        config.materializerGroupId(),
        config,
        new ChangelogMaterializer(table, config.wireFormat().changelog().deserializer()),
        onFatalError,
        metrics);
  }

  /**
   * The materializer alone, as the sink runs it (one thread, a transaction per poll, offsets
   * committed after it, on the sink's pool of connections), copying {@code topic} into {@code
   * table} instead: what the throughput benchmark measures the sink's write rate on, beside its
   * peer on the same records. Closing it stops the thread and closes its pool.
   *
   * @param table a table of the {@code contacts} table's shape; its name is trusted
   */
  public static AutoCloseable startAlone(
      SinkConfig config, String topic, String groupId, String table) {
    ServiceMetrics metrics = ServiceMetrics.create("sink-alone");
    HikariDataSource pool = WritePool.open(config.database(), metrics.registry());
    TopicToTable<ChangelogEntry> alone =
        TopicToTable.onKafka(
            NAME,
            topic,
            groupId,
            config,
            new ChangelogMaterializer(
                new ContactTable(pool, table), config.wireFormat().changelog().deserializer()),
            () -> {},
            metrics);
    alone.start();
    return () -> {
      alone.close();
      pool.close();
    };
  }

  @Override
  public Optional<ChangelogEntry> decode(ConsumerRecord<byte[], byte[]> record) {
    ContactKey key =
        Topics.CHANGELOG.keySerde().deserializer().deserialize(record.topic(), record.key());
    ContactRecord value = values.deserialize(record.topic(), record.value());
    if (key == null) {
      throw new SerializationException("changelog record without a key");
    }
    return Optional.of(new ChangelogEntry(key, value));
  }

  @Override
  public void write(List<ChangelogEntry> changes) throws SQLException {
    table.apply(changes);
  }
}
