package org.contactpipeline.tools.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.contactpipeline.ingest.VendorImports;
import org.contactpipeline.ingest.imports.ContactImportRows;
import org.contactpipeline.ingest.imports.RowRefused;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.tools.ToolException;

/**
 * {@code contacts import}, as a library: streams one file's rows through the vendor's validation
 * into commands on {@code contact.commands}, follows their results on {@code contact.results}, and
 * keeps a checkpoint beside the file so that a re-run after an interruption resumes where the
 * pipeline's decisions end. {@link #run} blocks until the file is loaded (or {@link #stop} is
 * called, or the row limit is reached) and returns the {@link ImportSummary}.
 *
 * <p>Request ids are {@code import-<fingerprint>-<row number>} ({@link FileFingerprint}), the same
 * in every run of one import, so a resumed run recognises the results of the run it resumes.
 * Commands carry no {@code replyTo}: their results go to the partition of {@code contact.results}
 * their request id hashes to, where the import reads them like any auditor.
 */
public final class ContactImport {

  private static final String CLIENT_ID = "contacts-import";

  /**
   * How long an import that was stopped still waits for the results of what it sent: the longer it
   * waits, the further its checkpoint, but Ctrl-C should not hang.
   */
  private static final Duration STOPPING_RESULTS_WAIT = Duration.ofSeconds(5);

  private final ImportOptions options;
  private volatile boolean stopRequested;
  private volatile RowReader reader;
  private volatile DecisionWindow window;

  public ContactImport(ImportOptions options) {
    this.options = options;
  }

  /** Asks a running import to stop reading, wait a moment for results and save its checkpoint. */
  public void stop() {
    stopRequested = true;
  }

  /**
   * Imports the file.
   *
   * @throws ImportRefused before anything is published: a CSV without the columns the vendor needs,
   *     a checkpoint of another file
   * @throws ToolException when Kafka fails or cannot be reached (the checkpoint is saved)
   */
  public ImportSummary run() throws IOException, InterruptedException {
    long started = System.nanoTime();
    ContactImportRows rows =
        VendorImports.of(
            options.vendor(), options.tenant(), options.environment(), Clock.systemUTC());
    String fingerprint =
        FileFingerprint.of(
            options.file(), options.vendor().cliName(), options.tenant(), options.format());
    ImportState saved = options.fresh() ? null : ImportState.read(options.state());
    if (saved != null && !saved.fingerprint().equals(fingerprint)) {
      throw new ImportRefused(
          options.state()
              + " is the checkpoint of another import (another file, vendor or tenant, or this"
              + " file before it changed): delete it, or give --fresh, to import "
              + options.file().getFileName()
              + " from its first row");
    }
    try (RowReader rowReader = open(rows)) {
      this.reader = rowReader;
      if (saved != null && saved.complete()) {
        return summary(saved, saved, 0, 0, 0, 0, 0, 0, started, saved.rowsDone());
      }
      try (RejectsFile rejects =
              RejectsFile.open(options.rejects(), saved == null ? 0 : saved.rejectsLength());
          KafkaConsumer<String, byte[]> results = resultsConsumer();
          KafkaProducer<ContactKey, ContactCommand> producer = commandsProducer()) {
        List<TopicPartition> partitions = partitionsOf(results);
        ImportState start = positioned(results, partitions, saved, fingerprint);
        if (start.rowsDone() > 0) {
          rowReader.resumeAt(start.resumeOffset(), start.resumeLine(), start.rowsDone());
        }
        start.write(options.state());
        DecisionWindow decisions = new DecisionWindow(options.window(), start, rejects);
        this.window = decisions;
        ResultsFollower follower =
            new ResultsFollower(
                results,
                options.wireFormat().results().deserializer(),
                requestPrefix(fingerprint),
                decisions,
                fingerprint,
                options.state(),
                options.stateInterval(),
                partitions,
                start);
        Thread following = new Thread(follower, "contacts-import-results");
        following.setDaemon(true);
        following.start();
        follower.awaitCaughtUp();
        return publish(rows, rowReader, producer, follower, decisions, start, fingerprint, started);
      }
    } catch (KafkaException e) {
      throw new ToolException("Kafka failed during the import: " + e.getMessage(), e);
    } finally {
      this.reader = null;
    }
  }

  private ImportSummary publish(
      ContactImportRows rows,
      RowReader rowReader,
      KafkaProducer<ContactKey, ContactCommand> producer,
      ResultsFollower follower,
      DecisionWindow decisions,
      ImportState start,
      String fingerprint,
      long started)
      throws IOException, InterruptedException {
    String prefix = requestPrefix(fingerprint);
    List<String> columns = rowReader instanceof CsvRows csv ? csv.columns() : List.of();
    AtomicReference<Exception> sendFailure = new AtomicReference<>();
    Callback acknowledged =
        (metadata, exception) -> {
          if (exception != null) {
            sendFailure.compareAndSet(null, exception);
          }
        };
    long readingNanos = 0;
    long published = 0;
    long firstSend = 0;
    long readThisRun = 0;
    boolean endOfFile = false;
    try (ProgressDisplay progress = progress(rowReader, decisions, start, started)) {
      while (!stopRequested
          && sendFailure.get() == null
          && !follower.failed()
          && (options.rowLimit() == 0 || readThisRun < options.rowLimit())) {
        long readStart = System.nanoTime();
        Row row = rowReader.next();
        if (row == null) {
          endOfFile = true;
          break;
        }
        readThisRun++;
        readingNanos += System.nanoTime() - readStart;
        if (!decisions.admit(
            row, () -> stopRequested || sendFailure.get() != null || follower.failed())) {
          continue;
        }
        long mapStart = System.nanoTime();
        ContactCommand command = null;
        String problem = row.problem;
        if (problem == null) {
          String requestId = prefix + row.number;
          try {
            command =
                row.cells != null
                    ? rows.fromColumns(columns, row.cells, requestId)
                    : rows.fromJson(row.bytes, requestId);
          } catch (RowRefused refused) {
            problem = refused.getMessage();
          }
        }
        readingNanos += System.nanoTime() - mapStart;
        if (command == null) {
          decisions.reject(row, problem);
          continue;
        }
        if (firstSend == 0) {
          firstSend = System.nanoTime();
        }
        producer.send(
            new ProducerRecord<>(Topics.COMMANDS.name(), command.getKey(), command), acknowledged);
        published++;
      }
      if (endOfFile) {
        decisions.endOfFile(rowReader.rowNumber);
      }
      producer.flush();
      long acked = System.nanoTime();
      Duration idle = options.resultsIdle();
      if ((stopRequested || sendFailure.get() != null)
          && idle.compareTo(STOPPING_RESULTS_WAIT) > 0) {
        idle = STOPPING_RESULTS_WAIT;
      }
      decisions.awaitAllDecided(idle.toMillis(), follower::failed);
      long decided = System.nanoTime();
      ImportState last = follower.stop();
      if (sendFailure.get() != null) {
        throw new ToolException(
            "a command could not be published ("
                + sendFailure.get().getMessage()
                + "); the checkpoint is saved: run the same import again to resume",
            sendFailure.get());
      }
      return summary(
          last,
          start,
          readingNanos,
          published,
          firstSend,
          acked,
          decided,
          decisions.highestAdmitted() - last.rowsDone(),
          started,
          start.rowsDone());
    }
  }

  private ImportSummary summary(
      ImportState last,
      ImportState start,
      long readingNanos,
      long published,
      long firstSend,
      long acked,
      long decided,
      long undecided,
      long started,
      long resumedAt) {
    ImportCounts counts = last.counts();
    return new ImportSummary(
        last.rowsDone(),
        counts.of(Outcome.CREATED),
        counts.of(Outcome.UPDATED),
        counts.of(Outcome.UNCHANGED),
        counts.of(Outcome.REJECTED),
        counts.of(Outcome.REFUSED),
        undecided,
        resumedAt,
        published,
        last.complete(),
        options.rejects(),
        Duration.ofNanos(readingNanos),
        Duration.ofNanos(firstSend == 0 ? 0 : acked - firstSend),
        Duration.ofNanos(firstSend == 0 ? 0 : decided - acked),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private RowReader open(ContactImportRows rows) throws IOException {
    if (!Files.isRegularFile(options.file())) {
      throw new ImportRefused(options.file() + " is not a file");
    }
    if (options.format() == ImportFormat.JSONL) {
      return new JsonLines(options.file(), options.maxRowBytes());
    }
    CsvRows csv = CsvRows.open(options.file(), options.maxRowBytes());
    String problem = rows.headerProblem(csv.columns());
    if (problem != null) {
      csv.close();
      throw new ImportRefused(
          options.file().getFileName()
              + ": "
              + problem
              + " (its header row has "
              + String.join(",", csv.columns())
              + ")");
    }
    return csv;
  }

  /**
   * Positions the results reader: at the checkpoint's positions when resuming (a partition it does
   * not name, at its beginning), else at the end; returns the state the import starts from.
   */
  private static ImportState positioned(
      KafkaConsumer<String, byte[]> results,
      List<TopicPartition> partitions,
      ImportState saved,
      String fingerprint) {
    results.assign(partitions);
    if (saved == null) {
      results.seekToEnd(partitions);
      Map<Integer, Long> positions = new HashMap<>();
      for (TopicPartition partition : partitions) {
        positions.put(partition.partition(), results.position(partition));
      }
      return ImportState.start(fingerprint, positions);
    }
    for (TopicPartition partition : partitions) {
      Long offset = saved.resultPositions().get(partition.partition());
      if (offset == null) {
        results.seekToBeginning(List.of(partition));
      } else {
        results.seek(partition, offset);
      }
    }
    return saved;
  }

  private static List<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> results) {
    List<PartitionInfo> infos = results.partitionsFor(Topics.RESULTS.name());
    if (infos == null || infos.isEmpty()) {
      throw new ToolException(
          "topic " + Topics.RESULTS.name() + " does not exist (see: contacts admin check)");
    }
    return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
  }

  private KafkaConsumer<String, byte[]> resultsConsumer() {
    Map<String, Object> config = new HashMap<>(options.kafka());
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, CLIENT_ID);
    // The resolver writes results in transactions: count only what they committed.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** The project's bulk producer: durable (acks=all, idempotent) and batching (BulkCommands). */
  private KafkaProducer<ContactKey, ContactCommand> commandsProducer() {
    Map<String, Object> config = new HashMap<>(options.kafka());
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, CLIENT_ID);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return new KafkaProducer<>(
        config,
        Topics.COMMANDS.keySerde().serializer(),
        options.wireFormat().commands().serializer());
  }

  private ProgressDisplay progress(
      RowReader rowReader, DecisionWindow decisions, ImportState start, long started) {
    if (options.progress() == null) {
      return null;
    }
    long totalBytes;
    try {
      totalBytes = Files.size(options.file());
    } catch (IOException e) {
      totalBytes = 0;
    }
    long size = totalBytes;
    long startBytes = rowReader.bytesRead();
    return new ProgressDisplay(
        options.progress(),
        options.terminal(),
        options.progressEvery(),
        () ->
            ProgressLine.format(
                decisions.highestAdmitted(),
                decisions.highestAdmitted() - start.rowsDone(),
                rowReader.bytesRead(),
                startBytes,
                size,
                Duration.ofNanos(System.nanoTime() - started),
                decisions.done()));
  }

  private static String requestPrefix(String fingerprint) {
    return "import-" + fingerprint + "-";
  }
}
