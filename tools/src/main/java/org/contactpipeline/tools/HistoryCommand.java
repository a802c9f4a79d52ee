package org.contactpipeline.tools;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.contactpipeline.schemas.ContactIds;
import org.contactpipeline.schemas.OwnerPartition;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.WireFormat;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code contacts admin history}: the commands and results that touched one contact, in time order.
 * Its commands are all on its owner partition of {@code contact.commands} (by key or by ID); its
 * results are on any partition of {@code contact.results} (they go to the asker), so those are read
 * whole within the time bounds, and link the key to its IDs and back.
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "Show the commands and results that touched a contact, oldest first, from contact.commands "
          + "(its owner partition) and contact.results, within --since and --until.",
      "A key (tenant/type/key) finds every ID it had, an ID finds its key: commands addressed "
          + "either way are shown."
    })
final class HistoryCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Target target;

  static final class Target {

    @Option(
        names = "--key",
        paramLabel = "<tenant/type/key>",
        description = "the contact's key, e.g. demo/0/acruz@example.com")
    private String key;

    @Option(names = "--id", paramLabel = "<contactId>", description = "the contact's ID")
    private Long id;
  }

  @Option(
      names = "--since",
      paramLabel = "<instant>",
      converter = InstantConverter.class,
      description = "from this ISO-8601 instant (default: the beginning of the topics)")
  private Instant since;

  @Option(
      names = "--until",
      paramLabel = "<instant>",
      converter = InstantConverter.class,
      description = "to this ISO-8601 instant, inclusive (default: now)")
  private Instant until;

  @Override
  public Integer call() {
    ContactKey key = parseKey();
    if (target.id != null && target.id < 0) {
      throw new ParameterException(spec.commandLine(), "--id must not be negative");
    }
    if (since != null && until != null && until.isBefore(since)) {
      throw new ParameterException(spec.commandLine(), "--until is before --since");
    }
    ContactsCommand root = ContactsCommand.of(spec);
    ClusterAccess access = root.cluster();
    WireFormat wire = WireFormat.forRegistry(root.schemaRegistryUrl());
    PrintWriter out = spec.commandLine().getOut();
    try (Consumer<byte[], byte[]> consumer = access.consumer()) {
      List<TopicPartition> commandPartitions = access.partitions(consumer, Topics.COMMANDS.name());
      List<TopicPartition> resultPartitions = access.partitions(consumer, Topics.RESULTS.name());
      int p = commandPartitions.size();
      int owner = key != null ? OwnerPartition.of(key, p) : ContactIds.ownerPartition(target.id, p);
      TopicReader reader = new TopicReader(access, consumer);

      List<Decoded<ContactResult>> results =
          decode(
              reader.read(reader.between(resultPartitions, since, until), Integer.MAX_VALUE),
              wire.results().deserializer());
      Identity identity = Identity.of(key, target.id, results);
      List<Decoded<ContactCommand>> commands =
          decode(
              reader.read(
                  reader.between(List.of(commandPartitions.get(owner)), since, until),
                  Integer.MAX_VALUE),
              wire.commands().deserializer());

      List<HistoryLine> lines = new ArrayList<>();
      Set<String> items = new HashSet<>();
      for (Decoded<ContactCommand> command : commands) {
        if (command.value() != null && identity.touchedBy(command.value())) {
          items.add(item(command.value().getRequestId(), command.value().getItemIndex()));
          lines.add(HistoryLine.of(command.record(), command.value()));
        }
      }
      for (Decoded<ContactResult> result : results) {
        ContactResult value = result.value();
        if (value != null
            && (identity.touchedBy(value)
                || items.contains(item(value.getRequestId(), value.getItemIndex())))) {
          lines.add(HistoryLine.of(result.record(), value));
        }
      }
      lines.sort(Comparator.naturalOrder());

      out.println(
          "history of "
              + identity
              + " (owner partition "
              + owner
              + " of "
              + p
              + ")"
              + (since == null ? "" : " since " + since)
              + (until == null ? "" : " until " + until));
      lines.forEach(line -> out.println(line.text()));
      long undecodable =
          commands.stream().filter(c -> c.value() == null).count()
              + results.stream().filter(r -> r.value() == null).count();
      out.println(
          lines.isEmpty()
              ? "no commands or results"
              : lines.size() + (lines.size() == 1 ? " record" : " records"));
      if (undecodable > 0) {
        out.println(
            undecodable
                + " records in range could not be decoded and were left out"
                + (wire.isConfluent() ? "" : " (Confluent-framed? set --schema-registry-url)"));
      }
    }
    out.flush();
    return 0;
  }

  private ContactKey parseKey() {
    if (target.key == null) {
      return null;
    }
    try {
      return KeyArgument.parse(target.key);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static String item(String requestId, int itemIndex) {
    return requestId + "#" + itemIndex;
  }

  /** A record with its value decoded, or null when it could not be. */
  private record Decoded<V>(ConsumerRecord<byte[], byte[]> record, V value) {}

  private static <V> List<Decoded<V>> decode(
      List<ConsumerRecord<byte[], byte[]>> records, Deserializer<V> values) {
    List<Decoded<V>> decoded = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      V value = null;
      if (record.value() != null) {
        try {
          value = values.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException undecodable) {
          value = null;
        }
      }
      decoded.add(new Decoded<>(record, value));
    }
    return decoded;
  }

  /** The keys and IDs that are this one contact, as the results link them. */
  record Identity(ContactKey asked, Long askedId, Set<ContactKey> keys, Set<Long> ids) {

    static Identity of(ContactKey key, Long id, List<Decoded<ContactResult>> results) {
      Set<ContactKey> keys = new HashSet<>();
      Set<Long> ids = new HashSet<>();
      if (key != null) {
        keys.add(key);
      } else {
        ids.add(id);
      }
      for (Decoded<ContactResult> result : results) {
        ContactResult value = result.value();
        if (value == null || value.getContactId() <= 0 || value.getKey() == null) {
          continue;
        }
        if (key != null && key.equals(value.getKey())) {
          ids.add(value.getContactId());
        } else if (key == null
            && id.equals(value.getContactId())
            && !value.getKey().getContactKey().isEmpty()) {
          keys.add(value.getKey());
        }
      }
      return new Identity(key, id, Set.copyOf(keys), Set.copyOf(ids));
    }

    boolean touchedBy(ContactCommand command) {
      return (!command.getKey().getContactKey().isEmpty() && keys.contains(command.getKey()))
          || (command.getContactId() != null && ids.contains(command.getContactId()));
    }

    boolean touchedBy(ContactResult result) {
      return (result.getKey() != null
              && !result.getKey().getContactKey().isEmpty()
              && keys.contains(result.getKey()))
          || (result.getContactId() > 0 && ids.contains(result.getContactId()));
    }

    @Override
    public String toString() {
      String shown = asked != null ? KeyArgument.format(asked) : "ID " + askedId;
      List<String> others = new ArrayList<>();
      if (asked != null) {
        ids.stream().sorted().forEach(each -> others.add("ID " + each));
      } else {
        keys.stream().map(KeyArgument::format).sorted().forEach(others::add);
      }
      return others.isEmpty() ? shown : shown + " (" + String.join(", ", others) + ")";
    }
  }
}
