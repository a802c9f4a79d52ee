package org.contactpipeline.schemas;

import java.util.List;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactJobResult;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * The one catalogue of topics. Every producer, consumer and topology takes its topic names and
 * serdes from here, so a topic's contract is defined once.
 *
 * <pre>
 * contact.commands   ContactKey -> ContactCommand   partitioned by contact key (the owner partition)
 * contact.results    requestId  -> ContactResult    on the waiting ingest instance's partition (ReplyPartition),
 *                                                   else by request id
 * contact.changelog  ContactKey -> ContactRecord    compacted golden records
 * contact.dead-letters   raw bytes                  poison records of any topic, with source and reason in headers
 * contact.dead-letters.replays  position -> note    compacted: which dead letters were replayed
 * contact.jobs       jobId      -> ContactJob       asynchronous jobs, published after their commands
 * contact.job-results  jobId    -> ContactJobResult compacted: each finished job's assembled outcome
 * </pre>
 */
public final class Topics {

  public static final AvroSerde<ContactKey> CONTACT_KEY_SERDE =
      avro(
          ContactKey.class,
          OptionalFieldData.encoder(ContactKey.getClassSchema()),
          ContactKey.createDecoder(ReleasedSchemas.store()));

  public static final Topic<ContactKey, ContactCommand> COMMANDS =
      new Topic<>(
          "contact.commands",
          CONTACT_KEY_SERDE,
          avro(
              ContactCommand.class,
              OptionalFieldData.encoder(ContactCommand.getClassSchema()),
              ContactCommand.createDecoder(ReleasedSchemas.store())));

  public static final Topic<String, ContactResult> RESULTS =
      new Topic<>(
          "contact.results",
          Serdes.String(),
          avro(
              ContactResult.class,
              OptionalFieldData.encoder(ContactResult.getClassSchema()),
              ContactResult.createDecoder(ReleasedSchemas.store())));

  public static final Topic<ContactKey, ContactRecord> CHANGELOG =
      new Topic<>(
          "contact.changelog",
          CONTACT_KEY_SERDE,
          avro(
              ContactRecord.class,
              OptionalFieldData.encoder(ContactRecord.getClassSchema()),
              ContactRecord.createDecoder(ReleasedSchemas.store())));

  public static final Topic<byte[], byte[]> DEAD_LETTERS =
      new Topic<>("contact.dead-letters", Serdes.ByteArray(), Serdes.ByteArray());

  /**
   * The dead letters replayed so far, keyed by their {@code partition@offset} on {@link
   * #DEAD_LETTERS}, each written in the same transaction as its replay, so that the admin tool
   * replays a dead letter once, whichever run asks.
   */
  public static final Topic<String, String> DEAD_LETTER_REPLAYS =
      new Topic<>("contact.dead-letters.replays", Serdes.String(), Serdes.String());

  /**
   * Asynchronous jobs, keyed by job id: ingest-service publishes one once every command of the job
   * is durably in {@link #COMMANDS}, and sink-service assembles its response from the results.
   */
  public static final Topic<String, ContactJob> JOBS =
      new Topic<>(
          "contact.jobs",
          Serdes.String(),
          avro(
              ContactJob.class,
              OptionalFieldData.encoder(ContactJob.getClassSchema()),
              ContactJob.createDecoder(ReleasedSchemas.store())));

  /**
   * The assembled outcome of every finished job, keyed by job id and compacted: sink-service writes
   * one when a job's last result is recorded (again, identically, if it crashed before noting it).
   */
  public static final Topic<String, ContactJobResult> JOB_RESULTS =
      new Topic<>(
          "contact.job-results",
          Serdes.String(),
          avro(
              ContactJobResult.class,
              OptionalFieldData.encoder(ContactJobResult.getClassSchema()),
              ContactJobResult.createDecoder(ReleasedSchemas.store())));

  /** Every topic of the pipeline, for tooling that creates or checks them. */
  public static final List<Topic<?, ?>> ALL =
      List.of(COMMANDS, RESULTS, CHANGELOG, DEAD_LETTERS, DEAD_LETTER_REPLAYS, JOBS, JOB_RESULTS);

  private Topics() {}

  /** A serde for any generated Avro class, resolving every released writer schema. */
  public static <T extends SpecificRecord> AvroSerde<T> avro(
      Class<T> type, BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder) {
    return new AvroSerde<>(type.getSimpleName(), encoder, decoder);
  }
}
