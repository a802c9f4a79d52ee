package org.contactpipeline.resolver;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.contactpipeline.config.CommitPacing;
import org.contactpipeline.logging.RequestLogContext;
import org.contactpipeline.metrics.MetricNames;
import org.contactpipeline.schemas.ContactIds;
import org.contactpipeline.schemas.DeadLetters;
import org.contactpipeline.schemas.OwnerPartition;
import org.contactpipeline.schemas.RequestHeaders;
import org.contactpipeline.schemas.ResultHeaders;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every contact on the partition that owns it: its ID, its data, its deletion. A key seen
 * for the first time gets the next ID issued on this partition; a known key keeps the ID it has; a
 * deleted key is forgotten, so establishing it again gives a new ID and the old one is never issued
 * again. The stores and the outputs move in one exactly-once transaction, so a replay after a crash
 * re-issues the same IDs and never skips or repeats a result.
 *
 * <p>A command that cannot be decided here (malformed, or on a partition that does not own its key
 * or ID) goes to the dead-letter topic with the reason, and the resolver carries on.
 *
 * <p>Every output of a command (its result, its golden record or tombstone, its dead letter)
 * carries the command's {@link RequestHeaders}, and what is logged while deciding it names the
 * request.
 */
final class ContactResolver implements Processor<ContactKey, ContactCommand, Object, Object> {

  private static final Logger LOG = LoggerFactory.getLogger(ContactResolver.class);

  private final int commandsPartitions;
  private final CommitPacing pacing;
  private final DeadLetterCounts deadLetters;
  private final Serde<ContactRecord> goldenRecordEncoding;
  private ProcessorContext<Object, Object> context;
  private GoldenRecords goldenRecords;
  private IdIndex idIndex;
  private IdSequence ids;

  /** The request headers of the command being decided, for each of its outputs. */
  private Headers request = new RecordHeaders();

  /**
   * @param goldenRecordEncoding how this deployment encodes {@code contact.changelog}'s values
   */
  ContactResolver(
      int commandsPartitions,
      CommitPacing pacing,
      DeadLetterCounts deadLetters,
      Serde<ContactRecord> goldenRecordEncoding) {
    this.commandsPartitions = commandsPartitions;
    this.pacing = pacing;
    this.deadLetters = deadLetters;
    this.goldenRecordEncoding = goldenRecordEncoding;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.goldenRecords =
        new GoldenRecords(
            context.getStateStore(ResolverTopology.GOLDEN_RECORD_STORE),
            goldenRecordEncoding.serializer(),
            goldenRecordEncoding.deserializer());
    this.idIndex =
        new IdIndex(context.getStateStore(ResolverTopology.ID_INDEX_STORE), goldenRecords);
    this.ids =
        new IdSequence(
            idIndex, context.getStateStore(ResolverTopology.SEQUENCE_STORE), commandsPartitions);
    // A fresh delete's commit is due a few milliseconds after it, whether or not more records come.
    context.schedule(
        Duration.ofMillis(pacing.checkEveryMs()),
        PunctuationType.WALL_CLOCK_TIME,
        this::commitIfDue);
  }

  private void commitIfDue(long nowMs) {
    if (pacing.commitDue(nowMs)) {
      context.commit();
    }
  }

  @Override
  @SuppressWarnings("try") // the scope only restores the logging MDC when closed
  public void process(Record<ContactKey, ContactCommand> record) {
    request = RequestHeaders.carry(record.headers(), new RecordHeaders());
    try (var logged = RequestLogContext.open(record.headers())) {
      decide(record);
    }
  }

  private void decide(Record<ContactKey, ContactCommand> record) {
    idIndex.ensureComplete();
    ContactCommand command = record.value();
    String problem = CommandValidation.problemWith(command);
    if (problem != null) {
      deadLetter(record, MetricNames.REASON_INVALID_COMMAND, problem);
      return;
    }
    if (!command.getKey().equals(record.key())) {
      deadLetter(
          record,
          MetricNames.REASON_KEY_MISMATCH,
          "record key "
              + record.key()
              + " differs from the command's key "
              + command.getKey()
              + "; key every command by its own ContactKey");
      return;
    }
    int partition = currentPartition();
    int owner = ownerOf(command);
    if (owner != partition) {
      // Only the owner partition may decide a key; deciding it here could give it a second ID.
      deadLetter(
          record,
          MetricNames.REASON_WRONG_PARTITION,
          "command arrived on partition "
              + partition
              + " but partition "
              + owner
              + " owns its "
              + (command.getContactId() == null
                  ? "key; publish with the default partitioner and the ContactKey key serde"
                  : "contact ID; publish a command addressed by ID to partition contactId mod "
                      + commandsPartitions));
      return;
    }
    Decision decision =
        command.getContactId() == null
            ? decideByKey(command, partition, record.timestamp())
            : decideById(command, record.timestamp());
    emitResult(command, decision, record.timestamp());
    if (command.getAction() == CommandAction.DELETE) {
      // Its answer waits for the row to go, which happens only once this transaction commits.
      pacing.awaited(record.timestamp(), context.currentSystemTimeMs());
    }
    commitIfDue(context.currentSystemTimeMs());
  }

  private int ownerOf(ContactCommand command) {
    return command.getContactId() == null
        ? OwnerPartition.of(command.getKey(), commandsPartitions)
        : ContactIds.ownerPartition(command.getContactId(), commandsPartitions);
  }

  private Decision decideByKey(ContactCommand command, int partition, long eventTime) {
    ContactKey key = command.getKey();
    ContactRecord golden = goldenRecords.get(key);
    boolean known = golden != null;
    return switch (command.getAction()) {
      case ESTABLISH ->
          (known ? Decision.unchanged(key, golden) : create(key, command, partition, eventTime))
              .withoutData();
      case UPSERT ->
          known
              ? update(key, golden, command, eventTime)
              : create(key, command, partition, eventTime);
      case UPDATE ->
          known
              ? update(key, golden, command, eventTime)
              : Decision.notFound(key, 0, "no contact has key " + describe(key));
      case CREATE ->
          known
              ? Decision.rejected(
                  key,
                  golden,
                  "a contact with key "
                      + describe(key)
                      + " already exists (ID "
                      + golden.getContactId()
                      + ")")
              : create(key, command, partition, eventTime);
      case MATCH_NAMES_OR_CREATE -> {
        if (!known) {
          yield create(key, command, partition, eventTime);
        }
        yield namesMatch(golden.getData(), command.getChanges())
            ? update(key, golden, command, eventTime)
            : Decision.rejected(
                key,
                golden,
                "a contact with key "
                    + describe(key)
                    + " exists (ID "
                    + golden.getContactId()
                    + ") under another first or last name");
      }
      case DELETE ->
          known
              ? delete(key, golden, eventTime)
              : Decision.notFound(key, 0, "no contact has key " + describe(key));
    };
  }

  private Decision decideById(ContactCommand command, long eventTime) {
    long contactId = command.getContactId();
    ContactRecord golden = idIndex.goldenRecordOf(contactId);
    // Another tenant's contact is reported exactly like a missing one: IDs reveal nothing across
    // tenants.
    if (golden == null || !golden.getKey().getTenant().equals(command.getKey().getTenant())) {
      return Decision.notFound(command.getKey(), contactId, "no contact has ID " + contactId);
    }
    ContactKey key = golden.getKey();
    String namedKey = command.getKey().getContactKey();
    if (!namedKey.isEmpty() && !namedKey.equals(key.getContactKey())) {
      // The caller named both; acting on the ID alone would change a contact they did not mean.
      return Decision.rejected(
          key, golden, "contact ID " + contactId + " does not have key '" + namedKey + "'");
    }
    return command.getAction() == CommandAction.DELETE
        ? delete(key, golden, eventTime)
        : update(key, golden, command, eventTime);
  }

  private Decision create(ContactKey key, ContactCommand command, int partition, long eventTime) {
    ContactData data =
        ContactDataMerge.apply(null, command.getChanges(), command.getClearExternalUrls());
    Instant at = Instant.ofEpochMilli(eventTime);
    // The ID is taken only once the record is accepted: a refused creation issues none.
    ContactRecord golden =
        new ContactRecord(key, ids.peek(partition), ContactStatus.ACTIVE, 1L, at, at, data);
    byte[] encoded = goldenRecords.encode(golden);
    String problem = ContactDataMerge.problemWith(data, encoded.length);
    if (problem != null) {
      return Decision.creationRefused(key, problem);
    }
    ids.take(golden.getContactId());
    idIndex.add(golden.getContactId(), key);
    remember(key, encoded, eventTime);
    return Decision.created(key, golden);
  }

  private Decision update(
      ContactKey key, ContactRecord golden, ContactCommand command, long eventTime) {
    ContactData data =
        ContactDataMerge.apply(
            golden.getData(), command.getChanges(), command.getClearExternalUrls());
    if (data.equals(golden.getData() == null ? new ContactData() : golden.getData())) {
      // Nothing changed: no new version, no golden record for the sink to rewrite.
      return Decision.unchanged(key, golden);
    }
    ContactRecord changed =
        ContactRecord.newBuilder(golden)
            .setVersion(golden.getVersion() + 1)
            .setUpdatedAt(
                Instant.ofEpochMilli(Math.max(eventTime, golden.getUpdatedAt().toEpochMilli())))
            .setData(data)
            .build();
    byte[] encoded = goldenRecords.encode(changed);
    String problem = ContactDataMerge.problemWith(data, encoded.length);
    if (problem != null) {
      return Decision.rejected(key, golden, problem);
    }
    remember(key, encoded, eventTime);
    return Decision.resolved(key, changed);
  }

  /** Retires the key: its golden record and ID index entry go, the changelog gets a tombstone. */
  private Decision delete(ContactKey key, ContactRecord golden, long eventTime) {
    goldenRecords.delete(key);
    idIndex.remove(golden.getContactId());
    ids.retire(golden.getContactId());
    context.forward(
        new Record<Object, Object>(key, null, eventTime, requestHeaders()),
        ResolverTopology.CHANGELOG_SINK);
    return Decision.deleted(key, golden);
  }

  /**
   * iVvy's "same person" rule: the names the contact has must equal the names given. A contact
   * without names yet (established or made by another API) matches any names.
   */
  private static boolean namesMatch(ContactData current, ContactData changes) {
    if (current == null || changes == null) {
      return true;
    }
    return sameWhenKnown(current.getFirstName(), changes.getFirstName())
        && sameWhenKnown(current.getLastName(), changes.getLastName());
  }

  private static boolean sameWhenKnown(String current, String given) {
    return current == null || given == null || Objects.equals(current.strip(), given.strip());
  }

  /**
   * Keeps the encoded golden record and writes it to {@code contact.changelog}, in one transaction:
   * the topic is also what restores the store ({@link StoreRestoredFromOutput}).
   */
  private void remember(ContactKey key, byte[] encodedGolden, long eventTime) {
    goldenRecords.put(key, encodedGolden);
    context.forward(
        new Record<Object, Object>(key, encodedGolden, eventTime, requestHeaders()),
        ResolverTopology.CHANGELOG_SINK);
  }

  /** A fresh copy per output: a record's headers are its own once forwarded. */
  private Headers requestHeaders() {
    return new RecordHeaders(request.toArray());
  }

  private void emitResult(ContactCommand command, Decision decision, long eventTime) {
    ContactResult result =
        ContactResult.newBuilder()
            .setRequestId(command.getRequestId())
            .setItemIndex(command.getItemIndex())
            .setItemCount(command.getItemCount())
            .setReplyTo(command.getReplyTo())
            .setKey(decision.key())
            .setContactId(decision.contactId())
            .setStatus(decision.status())
            .setNewContact(decision.created())
            .setResolvedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
            .setAction(command.getAction())
            .setOutcome(decision.outcome())
            .setMessage(decision.message())
            .setData(someoneRendersTheData(command) ? decision.data() : null)
            .setJob(command.getJob())
            .setUnchanged(decision.unchanged())
            .build();
    context.forward(
        new Record<Object, Object>(
            command.getRequestId(),
            result,
            eventTime,
            RequestHeaders.carry(
                request, ResultHeaders.forResult(command.getAction(), command.getJob()))),
        ResolverTopology.RESULTS_SINK);
  }

  /**
   * Whether the result's reader shows the contact's data: a caller waiting for the answer (Cendyn's
   * create answers with the contact) or a job's callback (Cendyn's bulk webhook lists contact
   * fields). Anyone else, a direct producer or a fire-and-forget request, reads the data on {@code
   * contact.changelog}; repeating it in every result was the largest Avro encoding the resolver did
   * for a bulk load.
   */
  private static boolean someoneRendersTheData(ContactCommand command) {
    return command.getReplyTo() != null || command.getJob();
  }

  /**
   * @param kind the bounded reason the dead letter is counted under
   * @param reason the full reason, for the dead letter's header and the log
   */
  private void deadLetter(Record<ContactKey, ContactCommand> record, String kind, String reason) {
    LOG.warn("dead-lettering command: {}", reason);
    deadLetters.count(kind);
    RecordMetadata source = context.recordMetadata().orElseThrow();
    context.forward(
        new Record<Object, Object>(
            record.key(),
            record.value(),
            record.timestamp(),
            DeadLetters.headers(
                record.headers(), reason, source.topic(), source.partition(), source.offset())),
        ResolverTopology.DEAD_LETTER_SINK);
  }

  private int currentPartition() {
    return context
        .recordMetadata()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "commands are processed from a topic, never from a punctuation"))
        .partition();
  }

  private static String describe(ContactKey key) {
    return "'" + key.getContactKey() + "' (type " + key.getContactType() + ")";
  }
}
