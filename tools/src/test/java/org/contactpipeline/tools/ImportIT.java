package org.contactpipeline.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.contactpipeline.config.Settings;
import org.contactpipeline.deploy.TopicLayout;
import org.contactpipeline.resolver.ResolverConfig;
import org.contactpipeline.resolver.ResolverService;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.stack.LocalKafka;
import org.contactpipeline.testing.PipelineTopics;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contacts import} against a real broker and the real resolver: rows validated as the
 * vendors' APIs validate them, contacts created with IDs, bad rows listed with their lines, and a
 * re-run after an interruption that sends only what the pipeline has not decided.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ImportIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path dataDir;
  @TempDir Path files;
  private static LocalKafka kafka;
  private static ResolverService resolver;

  @BeforeAll
  static void startBrokerAndResolver() {
    kafka = LocalKafka.start(dataDir.resolve("kafka"), 0);
    Settings settings =
        Settings.layer(ResolverConfig.DEFAULTS, Map.of())
            .with(
                Map.of(
                    "kafka.bootstrap.servers",
                    kafka.bootstrapServers(),
                    "commands.partitions",
                    "4",
                    "resolver.state-dir",
                    dataDir.resolve("resolver").toString()));
    TopicLayout.ensureTopics(settings.kafkaClientProperties(), 4, 4);
    resolver = new ResolverService(ResolverConfig.from(settings));
    resolver.start();
    Poll.until(WAIT, resolver::state, state -> state == KafkaStreams.State.RUNNING);
  }

  @AfterAll
  static void stop() {
    if (resolver != null) {
      resolver.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldCreateContactsAndListTheRowsThatDidNotLoadWithTheirLines() throws Exception {
    Path file = files.resolve("cendyn.csv");
    Files.write(
        file,
        concat(
            ("email,name_first,name_last,phone_countrycode,phone_number,gdpr_marketing_consent\n"
                    + "ann@example.com,Ann,Archer,,,true\n"
                    + ",Bo,Brown,44,7712345678,\n"
                    + "\"cy@example.com\",Cy,\"Carter,\nJr\",,,false\n"
                    + ",Di,Nokey,,,\n"
                    + "ed@example.com,Ed\n"
                    + "ANN@example.com,Annie,,,,\n"
                    + "fay@example.com,F")
                .getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xE9},
            ",Fox,,,\ngus@example.com,Gus,Grey,,,maybe\n".getBytes(StandardCharsets.UTF_8)));

    Contacts.Run run = runImport(file, "cendyn", "acme");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.outLines())
        .startsWith(
            "import complete: 8 rows",
            "created    3",
            "updated    1",
            "unchanged  0",
            "rejected   4  (failed validation; see " + file + ".rejects.csv)",
            "refused    0");
    assertThat(Files.readAllLines(file.resolveSibling("cendyn.csv.rejects.csv")))
        .containsExactly(
            "line,reason",
            "6,\"email or phone is required: give email, or phone_countrycode with phone_number,"
                + " or phone\"",
            "7,\"the row has 2 fields, the header 6\"",
            "9,\"invalid UTF-8 in column name_first (0xE9); the file must be UTF-8\"",
            "10,\"gdpr_marketing_consent must be true or false\"");
    Map<String, ContactResult> byKey = resultsByKey("acme", 4);
    assertThat(byKey).containsOnlyKeys("ann@example.com", "+447712345678", "cy@example.com");
    assertThat(byKey.values())
        .allSatisfy(result -> assertThat(result.getContactId()).isPositive())
        .extracting(ContactResult::getContactId)
        .doesNotHaveDuplicates();
    // The data is in the golden record: results of commands nobody waits for leave it out.
    assertThat(goldenRecord("acme", "cy@example.com").getData().getLastName())
        .isEqualTo("Carter,\nJr");

    Contacts.Run again = runImport(file, "cendyn", "acme", "--fresh");

    // Ann's two rows change her first name back and forth; Bo and Cy are as their rows say.
    assertThat(again.outLines())
        .startsWith("import complete: 8 rows", "created    0", "updated    2", "unchanged  2");
    assertThat(Files.readAllLines(file.resolveSibling("cendyn.csv.rejects.csv"))).hasSize(5);
  }

  @Test
  void shouldCountWhatTheResolverRefusesAsTheApiWould() throws Exception {
    Path file = files.resolve("ivvy.jsonl");
    Files.writeString(
        file,
        "{\"firstName\":\"Ann\",\"lastName\":\"Archer\",\"email\":\"ann@example.com\"}\n"
            + "{\"firstName\":\"Ann\",\"lastName\":\"Again\",\"email\":\"ann@example.com\"}\n"
            + "{\"firstName\":\"Bo\",\"lastName\":\"Brown\",\"email\":\"bo@example.com\",\"email\":\"x@example.com\"}\n"
            + "{\"firstName\":\"Cy\",\"lastName\":\"Carter\",\"email\":\"cy@example.com\",\"customFields\":[{\"fieldId\":103,\"value\":\"Medium\"}]}\n",
        StandardCharsets.UTF_8);

    Contacts.Run run =
        runImport(file, "ivvy", "demo", "--rejects", files.resolve("ivvy-rejects.csv").toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.outLines())
        .startsWith(
            "import complete: 4 rows",
            "created    2",
            "updated    0",
            "unchanged  0",
            "rejected   1  (failed validation; see " + files.resolve("ivvy-rejects.csv") + ")");
    assertThat(run.outLines()).element(5).asString().startsWith("refused    1");
    assertThat(Files.readAllLines(files.resolve("ivvy-rejects.csv")))
        .hasSize(3)
        .element(1)
        .asString()
        .startsWith("2,\"refused by the pipeline (REJECTED): a contact with key 'ann@example.com'");
    assertThat(Files.readAllLines(files.resolve("ivvy-rejects.csv")))
        .element(2)
        .isEqualTo("3,\"'email' does not validate: Value is given more than once\"");
  }

  @Test
  void shouldRefuseACsvWithoutTheColumnsTheVendorNeedsBeforePublishing() throws Exception {
    Path file = files.resolve("keys.csv");
    Files.writeString(file, "a@example.com,Ann\nb@example.com,Bo\n");
    long before = commandsWritten();

    Contacts.Run run = runImport(file, "cendyn", "acme");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(
            "contacts import: keys.csv: a Cendyn import needs an email column or a phone column"
                + " (phone, or phone_countrycode with phone_number): every contact needs one of"
                + " them (its header row has a@example.com,Ann)");
    assertThat(commandsWritten()).isEqualTo(before);
  }

  @Test
  void shouldResumeAfterTheCheckpointAndKeepEveryId() throws Exception {
    Path file = keysFile("resume.csv", "r", 300);
    long before = commandsWritten();

    Contacts.Run first = importKeys(file, "--limit", "100");
    assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
    assertThat(first.outLines().get(0)).startsWith("import stopped after row 100");
    assertThat(commandsWritten() - before).isEqualTo(100);

    Contacts.Run second = importKeys(file);
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.outLines()).startsWith("import complete: 300 rows", "created    300");
    assertThat(second.outLines())
        .anyMatch(
            line -> line.startsWith("this run: 200 commands published, resumed after row 100"));
    assertThat(commandsWritten() - before).isEqualTo(300);
    Map<String, Long> ids = idsByKey("r-");
    assertThat(ids).hasSize(300);

    Contacts.Run again = importKeys(file);
    assertThat(again.outLines())
        .startsWith("import complete: 300 rows")
        .anyMatch(line -> line.startsWith("this run: 0 commands published"));
    assertThat(commandsWritten() - before).isEqualTo(300);

    Contacts.Run fresh = importKeys(file, "--fresh");
    assertThat(fresh.outLines())
        .startsWith("import complete: 300 rows", "created    0", "updated    0", "unchanged  300");
    assertThat(idsByKey("r-")).isEqualTo(ids);
  }

  @Test
  void shouldNotResendRowsThePipelineDecidedAfterTheLastCheckpoint() throws Exception {
    Path file = keysFile("crash.csv", "c", 300);
    Map<Integer, Long> resultsBefore = resultEnds();
    long before = commandsWritten();
    Contacts.Run first = importKeys(file, "--limit", "120");
    assertThat(first.exitCode()).isEqualTo(1);
    // What a crash right after the import started leaves: the first checkpoint, written before
    // any row was sent, while the pipeline went on to decide the 120 rows sent.
    Path state = file.resolveSibling("crash.csv.import-state");
    Properties saved = new Properties();
    try (var in = Files.newBufferedReader(state)) {
      saved.load(in);
    }
    Files.writeString(
        state,
        "fingerprint="
            + saved.getProperty("fingerprint")
            + "\n"
            + "rows.done=0\nresume.offset=0\nresume.line=1\nrejects.length=0\n"
            + "count.created=0\ncount.updated=0\ncount.unchanged=0\ncount.rejected=0\ncount.refused=0\n"
            + "results.positions="
            + resultsBefore.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","))
            + "\ncomplete=false\n");

    Contacts.Run second = importKeys(file);

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.outLines())
        .startsWith("import complete: 300 rows", "created    300", "updated    0", "unchanged  0");
    assertThat(commandsWritten() - before).as("rows 1 to 120 are not sent again").isEqualTo(300);
    assertThat(idsByKey("c-")).hasSize(300);
    assertThat(idsByKey("c-").values()).doesNotHaveDuplicates();
  }

  @Test
  void shouldSaveItsCheckpointOnCtrlCAndResumeFromIt() throws Exception {
    Path file = keysFile("interrupted.csv", "i", 20_000);
    long before = commandsWritten();
    Path output = files.resolve("child-output.txt");
    List<String> javaCommand =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ContactsCommand.class.getName(),
                "--bootstrap-servers",
                kafka.bootstrapServers()));
    javaCommand.addAll(importArguments(file, "marketing-cloud", "mc", "--window", "2000"));
    Process child =
        new ProcessBuilder(javaCommand)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      Poll.until(WAIT, ImportIT::commandsWrittenQuietly, written -> written - before >= 3_000);
      // Ctrl-C: SIGINT to the child this test started, by its PID.
      new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    long sentFirst = commandsWritten() - before;
    String printed = Files.readString(output);
    assertThat(child.exitValue()).as(printed).isEqualTo(130);
    Properties saved = new Properties();
    try (var in = Files.newBufferedReader(file.resolveSibling("interrupted.csv.import-state"))) {
      saved.load(in);
    }
    long done = Long.parseLong(saved.getProperty("rows.done"));
    assertThat(sentFirst).as(printed).isLessThan(20_000);
    assertThat(done).as(printed).isLessThanOrEqualTo(sentFirst);
    assertThat(printed)
        .contains("import stopped after row " + String.format(Locale.ROOT, "%,d", done));
    // Whatever the checkpoint says, the rows the pipeline decided since are not sent again.
    PipelineTopics.readUntil(
        kafka.bootstrapServers(),
        Topics.RESULTS,
        record -> record.value().getKey().getContactKey().startsWith("i-"),
        read -> read.size() >= sentFirst,
        WAIT);

    Contacts.Run second = importKeys(file);

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.outLines()).startsWith("import complete: 20,000 rows", "created    20,000");
    assertThat(commandsWritten() - before).isEqualTo(20_000);
  }

  private static long commandsWrittenQuietly() {
    try {
      return commandsWritten();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Path keysFile(String name, String prefix, int count) throws IOException {
    StringBuilder text = new StringBuilder("ContactKey\n");
    for (int i = 1; i <= count; i++) {
      text.append(prefix).append('-').append(i).append('\n');
    }
    Path file = files.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  /** Imports a file of {@link #keysFile} as Marketing Cloud's keys of tenant {@code mc}. */
  private static Contacts.Run importKeys(Path file, String... options) {
    return runImport(file, "marketing-cloud", "mc", options);
  }

  /** Runs {@code contacts import} in this JVM against the test's broker. */
  private static Contacts.Run runImport(
      Path file, String vendor, String tenant, String... options) {
    return Contacts.on(
        kafka.bootstrapServers(),
        importArguments(file, vendor, tenant, options).toArray(String[]::new));
  }

  /** The import's command line after the global options, the same in this JVM or a child's. */
  private static List<String> importArguments(
      Path file, String vendor, String tenant, String... options) {
    List<String> arguments =
        new ArrayList<>(List.of("import", file.toString(), "--vendor", vendor, "--tenant", tenant));
    arguments.addAll(List.of(options));
    return arguments;
  }

  /**
   * Every key's ID in all the import results of keys starting so (the import returns only once it
   * has seen them, so they are all on the topic), each key having one ID in all of them.
   */
  private static Map<String, Long> idsByKey(String keyPrefix) {
    Map<String, Long> ids = new HashMap<>();
    for (ConsumerRecord<String, ContactResult> record :
        PipelineTopics.readToEnd(kafka.bootstrapServers(), Topics.RESULTS, WAIT)) {
      String key = record.value().getKey().getContactKey();
      if (!record.key().startsWith("import-") || !key.startsWith(keyPrefix)) {
        continue;
      }
      Long earlier = ids.put(key, record.value().getContactId());
      assertThat(earlier == null || earlier == record.value().getContactId())
          .as("one ID for key " + key)
          .isTrue();
    }
    return ids;
  }

  private static Map<String, ContactResult> resultsByKey(String tenant, int count) {
    Map<String, ContactResult> byKey = new HashMap<>();
    for (ConsumerRecord<String, ContactResult> record :
        PipelineTopics.readUntil(
            kafka.bootstrapServers(),
            Topics.RESULTS,
            record ->
                record.key().startsWith("import-")
                    && record.value().getKey().getTenant().equals(tenant),
            read -> read.size() >= count,
            WAIT)) {
      assertThat(record.value().getOutcome()).isEqualTo(CommandOutcome.RESOLVED);
      byKey.put(record.value().getKey().getContactKey(), record.value());
    }
    return byKey;
  }

  private static ContactRecord goldenRecord(String tenant, String contactKey) {
    return PipelineTopics.readUntil(
            kafka.bootstrapServers(),
            Topics.CHANGELOG,
            record ->
                record.value() != null
                    && record.key().getTenant().equals(tenant)
                    && record.key().getContactKey().equals(contactKey),
            read -> !read.isEmpty(),
            WAIT)
        .get(0)
        .value();
  }

  private static long commandsWritten() throws Exception {
    try (Admin admin = admin()) {
      return PipelineTopics.commandsWritten(admin);
    }
  }

  private static Map<Integer, Long> resultEnds() throws Exception {
    try (Admin admin = admin()) {
      Map<Integer, Long> ends = new HashMap<>();
      var partitions =
          admin
              .describeTopics(List.of(Topics.RESULTS.name()))
              .allTopicNames()
              .get()
              .get(Topics.RESULTS.name())
              .partitions();
      for (var partition : partitions) {
        var tp =
            new org.apache.kafka.common.TopicPartition(
                Topics.RESULTS.name(), partition.partition());
        ends.put(
            partition.partition(),
            admin
                .listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                .partitionResult(tp)
                .get()
                .offset());
      }
      return ends;
    }
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
