package org.contactpipeline.tools;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.contactpipeline.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code contacts admin dead-letters list}: one line per dead letter, oldest first. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List dead letters, oldest first: position (partition@offset), time, reason, source "
          + "(topic-partition@offset of the refused record), key, and whether it was replayed."
    })
final class DeadLettersListCommand implements java.util.concurrent.Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--since",
      paramLabel = "<instant>",
      converter = InstantConverter.class,
      description =
          "only those written at or after this ISO-8601 instant, e.g. 2026-05-01T00:00:00Z")
  private Instant since;

  @Option(
      names = "--limit",
      paramLabel = "<n>",
      defaultValue = "100",
      description = "at most this many (default: ${DEFAULT-VALUE})")
  private int limit;

  @Override
  public Integer call() {
    if (limit <= 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--limit must be positive, was " + limit);
    }
    ClusterAccess access = ContactsCommand.of(spec).cluster();
    PrintWriter out = spec.commandLine().getOut();
    try (Consumer<byte[], byte[]> consumer = access.consumer()) {
      List<TopicPartition> partitions = access.partitions(consumer, Topics.DEAD_LETTERS.name());
      Map<Position, String> replayed = replayedIfRecorded(access, consumer);
      TopicReader reader = new TopicReader(access, consumer);
      // One more than shown, to tell whether there are more.
      List<ConsumerRecord<byte[], byte[]>> records =
          reader.read(reader.between(partitions, since, null), limit + 1);
      records.stream()
          .limit(limit)
          .map(DeadLetter::of)
          .forEach(
              deadLetter -> out.println(line(deadLetter, replayed.get(deadLetter.position()))));
      if (records.isEmpty()) {
        out.println("no dead letters" + (since == null ? "" : " since " + since));
      } else if (records.size() > limit) {
        out.println(
            "… more after these "
                + limit
                + ": use --since with the time of the last one, or a larger --limit");
      }
    }
    out.flush();
    return 0;
  }

  /** A deployment without the replays topic has replayed nothing: listing still works. */
  private static Map<Position, String> replayedIfRecorded(
      ClusterAccess access, Consumer<byte[], byte[]> consumer) {
    try {
      return ReplayLedger.read(access, consumer);
    } catch (ToolException noLedger) {
      return Map.of();
    }
  }

  static String line(DeadLetter deadLetter, String replayed) {
    String source;
    try {
      source = deadLetter.source().map(SourcePosition::toString).orElse("(no source)");
    } catch (ToolException malformed) {
      source = "(malformed source)";
    }
    return deadLetter.position()
        + "  "
        + deadLetter.time()
        + "  reason: "
        + deadLetter.reason().map(DeadLetter::oneLine).orElse("(none given)")
        + "  source: "
        + source
        + "  key: "
        + deadLetter.keySummary()
        + (replayed == null ? "" : "  " + DeadLetter.oneLine(replayed));
  }
}
