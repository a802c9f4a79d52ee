package org.contactpipeline.resolver;

import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.contactpipeline.schemas.ContactIds;
import org.contactpipeline.schemas.DeadLetters;
import org.contactpipeline.schemas.OwnerPartition;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactIdentity;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the identity of every contact key on the partition that owns it. A key seen for the
 * first time gets the next ID of its tenant on this partition; a known key keeps the ID it has.
 * The stores and the outputs move in one exactly-once transaction, so a replay after a crash
 * re-issues the same IDs and never skips or repeats a result.
 *
 * <p>A command that cannot be decided here (malformed, or on a partition that does not own its
 * key) goes to the dead-letter topic with the reason, and the resolver carries on.
 */
final class ContactResolver implements Processor<ContactKey, ContactCommand, Object, Object> {

  private static final Logger LOG = LoggerFactory.getLogger(ContactResolver.class);

  private final int commandsPartitions;
  private ProcessorContext<Object, Object> context;
  private KeyValueStore<ContactKey, ContactIdentity> identities;
  private KeyValueStore<String, Long> sequences;

  ContactResolver(int commandsPartitions) {
    this.commandsPartitions = commandsPartitions;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.identities = context.getStateStore(ResolverTopology.IDENTITY_STORE);
    this.sequences = context.getStateStore(ResolverTopology.SEQUENCE_STORE);
  }

  @Override
  public void process(Record<ContactKey, ContactCommand> record) {
    ContactCommand command = record.value();
    String problem = CommandValidation.problemWith(command);
    if (problem != null) {
      deadLetter(record, problem);
      return;
    }
    if (!command.getKey().equals(record.key())) {
      deadLetter(record, "record key " + record.key() + " differs from the command's key " + command.getKey()
          + "; key every command by its own ContactKey");
      return;
    }
    int partition = currentPartition();
    int owner = OwnerPartition.of(command.getKey(), commandsPartitions);
    if (owner != partition) {
      // Only the owner partition may decide a key; deciding it here could give it a second ID.
      deadLetter(record, "command arrived on partition " + partition + " but partition " + owner
          + " owns its key; publish with the default partitioner and the ContactKey key serde");
      return;
    }
    establish(command, partition, record.timestamp());
  }

  private void establish(ContactCommand command, int partition, long eventTime) {
    ContactKey key = command.getKey();
    ContactIdentity identity = identities.get(key);
    boolean created = !isKnown(identity);
    if (created) {
      identity = newIdentity(assignId(partition), Instant.ofEpochMilli(eventTime));
      remember(key, identity);
      emitGoldenRecord(key, identity, eventTime);
    }
    emitResult(command, identity, created, eventTime);
  }

  private static boolean isKnown(ContactIdentity identity) {
    return identity != null;
  }

  /**
   * Next ID issued on this partition: {@code sequence * P + partition}. One sequence serves every
   * tenant, so no two keys anywhere share an ID; an ID is never issued twice.
   */
  private long assignId(int partition) {
    Long last = sequences.get(ResolverTopology.SEQUENCE_KEY);
    long next = last == null ? 1 : last + 1;
    sequences.put(ResolverTopology.SEQUENCE_KEY, next);
    return ContactIds.compose(next, partition, commandsPartitions);
  }

  private void remember(ContactKey key, ContactIdentity identity) {
    identities.put(key, identity);
  }

  private static ContactIdentity newIdentity(long contactId, Instant at) {
    return ContactIdentity.newBuilder()
        .setContactId(contactId)
        .setStatus(ContactStatus.ACTIVE)
        .setVersion(1)
        .setCreatedAt(at)
        .setUpdatedAt(at)
        .build();
  }

  private void emitGoldenRecord(ContactKey key, ContactIdentity identity, long eventTime) {
    ContactRecord golden = ContactRecord.newBuilder()
        .setKey(key)
        .setContactId(identity.getContactId())
        .setStatus(identity.getStatus())
        .setVersion(identity.getVersion())
        .setCreatedAt(identity.getCreatedAt())
        .setUpdatedAt(identity.getUpdatedAt())
        .build();
    context.forward(new Record<Object, Object>(key, golden, eventTime), ResolverTopology.CHANGELOG_SINK);
  }

  private void emitResult(ContactCommand command, ContactIdentity identity, boolean created, long eventTime) {
    ContactResult result = ContactResult.newBuilder()
        .setRequestId(command.getRequestId())
        .setItemIndex(command.getItemIndex())
        .setItemCount(command.getItemCount())
        .setReplyTo(command.getReplyTo())
        .setKey(command.getKey())
        .setContactId(identity.getContactId())
        .setStatus(identity.getStatus())
        .setNewContact(created)
        .setResolvedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
        .build();
    context.forward(new Record<Object, Object>(command.getRequestId(), result, eventTime),
        ResolverTopology.RESULTS_SINK);
  }

  private void deadLetter(Record<ContactKey, ContactCommand> record, String reason) {
    LOG.warn("dead-lettering command: {}", reason);
    RecordMetadata source = context.recordMetadata().orElseThrow();
    context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(),
        DeadLetters.headers(record.headers(), reason, source.topic(), source.partition(), source.offset())),
        ResolverTopology.DEAD_LETTER_SINK);
  }

  private int currentPartition() {
    return context.recordMetadata()
        .orElseThrow(() -> new IllegalStateException("commands are processed from a topic, never from a punctuation"))
        .partition();
  }
}
