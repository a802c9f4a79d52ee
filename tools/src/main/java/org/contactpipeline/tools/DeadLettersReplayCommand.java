package org.contactpipeline.tools;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.contactpipeline.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code contacts admin dead-letters replay}: puts refused records back where they came from, once
 * each. Each replay is one Kafka transaction holding the original record and its marker on {@link
 * Topics#DEAD_LETTER_REPLAYS}: a crash leaves both or neither, and every run first fences the runs
 * before it ({@link ReplayLedger#TRANSACTIONAL_ID}), then reads the markers, so no dead letter is
 * replayed twice, by this run or another.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-publish dead letters, after a fix, to the topic and partition they were refused from: "
          + "the original key, value and headers (without the dead-letter headers). "
          + "Each dead letter is replayed once; asking again is refused.",
      "Exit code 0 when every named dead letter was replayed, 1 when one was refused."
    })
final class DeadLettersReplayCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(
      paramLabel = "<partition@offset>",
      arity = "0..*",
      description = "dead letters to replay, as `list` shows them, e.g. 0@17")
  private List<String> positions = new ArrayList<>();

  @Option(
      names = "--all-since",
      paramLabel = "<instant>",
      converter = InstantConverter.class,
      description =
          "also every dead letter written at or after this ISO-8601 instant that was not replayed yet")
  private Instant allSince;

  @Override
  public Integer call() {
    if (positions.isEmpty() && allSince == null) {
      throw new ParameterException(
          spec.commandLine(), "Name the dead letters to replay (partition@offset), or --all-since");
    }
    Set<Position> named = new LinkedHashSet<>();
    for (String position : positions) {
      try {
        named.add(Position.parse(position));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    ClusterAccess access = ContactsCommand.of(spec).cluster();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int refused = 0;
    try (Producer<byte[], byte[]> producer =
            access.transactionalProducer(ReplayLedger.TRANSACTIONAL_ID);
        Consumer<byte[], byte[]> consumer = access.consumer()) {
      // First: fence any run still open, so that the markers read next are the whole truth.
      producer.initTransactions();
      Map<Position, String> replayed = ReplayLedger.read(access, consumer);
      List<TopicPartition> deadLetters = access.partitions(consumer, Topics.DEAD_LETTERS.name());
      TopicReader reader = new TopicReader(access, consumer);

      Map<Position, DeadLetter> chosen = new java.util.LinkedHashMap<>();
      for (Position position : named) {
        Optional<DeadLetter> deadLetter = at(reader, deadLetters, position);
        if (deadLetter.isEmpty()) {
          err.println("refused " + position + ": there is no dead letter at " + position);
          refused++;
        } else {
          chosen.put(position, deadLetter.get());
        }
      }
      if (allSince != null) {
        for (ConsumerRecord<byte[], byte[]> record :
            reader.read(reader.between(deadLetters, allSince, null), Integer.MAX_VALUE)) {
          chosen.putIfAbsent(
              new Position(record.partition(), record.offset()), DeadLetter.of(record));
        }
      }

      for (DeadLetter deadLetter : chosen.values()) {
        Position position = deadLetter.position();
        String done = replayed.get(position);
        if (done != null) {
          if (named.contains(position)) {
            err.println(
                "refused "
                    + position
                    + ": it was already "
                    + DeadLetter.oneLine(done)
                    + "; a dead letter is replayed once");
            refused++;
          } else {
            out.println("skipped " + position + ": already " + DeadLetter.oneLine(done));
          }
          continue;
        }
        Optional<String> problem = problemWith(access, consumer, deadLetter);
        if (problem.isPresent()) {
          err.println("refused " + position + ": " + problem.get());
          refused++;
          continue;
        }
        String note = replay(producer, deadLetter);
        replayed.put(position, note);
        out.println(position + " " + note);
      }
    } catch (ProducerFencedException e) {
      throw new ToolException(
          "another replay run started meanwhile and took over; this run's unfinished replay was "
              + "undone. See what is left with: contacts admin dead-letters list",
          e);
    }
    out.flush();
    err.flush();
    return refused == 0 ? 0 : ContactsCommand.PROBLEMS;
  }

  private static Optional<DeadLetter> at(
      TopicReader reader, List<TopicPartition> deadLetters, Position position) {
    if (position.partition() >= deadLetters.size()) {
      return Optional.empty();
    }
    TopicPartition partition = new TopicPartition(Topics.DEAD_LETTERS.name(), position.partition());
    TopicReader.Range range = new TopicReader.Range(position.offset(), position.offset() + 1);
    Map<TopicPartition, TopicReader.Range> all = reader.between(List.of(partition), null, null);
    TopicReader.Range whole = all.get(partition);
    if (whole == null || position.offset() < whole.start() || position.offset() >= whole.end()) {
      return Optional.empty();
    }
    return reader.read(Map.of(partition, range), 1).stream().findFirst().map(DeadLetter::of);
  }

  /** Why this dead letter cannot go back where it came from, if it cannot. */
  private static Optional<String> problemWith(
      ClusterAccess access, Consumer<byte[], byte[]> consumer, DeadLetter deadLetter) {
    Optional<SourcePosition> source;
    try {
      source = deadLetter.source();
    } catch (ToolException malformed) {
      return Optional.of(malformed.getMessage());
    }
    if (source.isEmpty()) {
      return Optional.of("it names no source (topic-partition@offset), so it has nowhere to go");
    }
    String topic = source.get().topic();
    if (topic.equals(Topics.DEAD_LETTERS.name())
        || topic.equals(Topics.DEAD_LETTER_REPLAYS.name())) {
      return Optional.of("its source " + source.get() + " is not a topic a record is replayed to");
    }
    int partitions;
    try {
      partitions = access.partitions(consumer, topic).size();
    } catch (ToolException missing) {
      return Optional.of("its source topic " + topic + " does not exist");
    }
    if (source.get().partition() >= partitions) {
      return Optional.of(
          "its source partition "
              + source.get()
              + " is not one of the "
              + partitions
              + " of "
              + topic);
    }
    return Optional.empty();
  }

  /** Replays one dead letter and records it, in one transaction; returns the note recorded. */
  private static String replay(Producer<byte[], byte[]> producer, DeadLetter deadLetter) {
    SourcePosition source = deadLetter.source().orElseThrow();
    ConsumerRecord<byte[], byte[]> original = deadLetter.record();
    producer.beginTransaction();
    try {
      RecordMetadata sent =
          producer
              .send(
                  new ProducerRecord<>(
                      source.topic(),
                      source.partition(),
                      null,
                      original.key(),
                      original.value(),
                      deadLetter.originalHeaders()))
              .get();
      String note =
          "replayed "
              + Instant.now()
              + " to "
              + sent.topic()
              + "-"
              + sent.partition()
              + "@"
              + sent.offset();
      producer.send(ReplayLedger.marker(deadLetter.position(), note));
      producer.commitTransaction();
      return note;
    } catch (ProducerFencedException e) {
      throw e;
    } catch (ExecutionException e) {
      abort(producer);
      if (e.getCause() instanceof ProducerFencedException fenced) {
        throw fenced;
      }
      throw new ToolException(
          "could not replay " + deadLetter.position() + ": " + e.getCause().getMessage(), e);
    } catch (KafkaException e) {
      abort(producer);
      throw new ToolException(
          "could not replay " + deadLetter.position() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort(producer);
      throw new ToolException("interrupted while replaying " + deadLetter.position(), e);
    }
  }

  private static void abort(Producer<byte[], byte[]> producer) {
    try {
      producer.abortTransaction();
    } catch (KafkaException alreadyBroken) {
      // Nothing was committed; closing the producer is all that is left.
    }
  }
}
