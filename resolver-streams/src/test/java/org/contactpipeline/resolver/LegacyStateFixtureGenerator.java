package org.contactpipeline.resolver;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.testing.PipelineTopics;
import org.junit.jupiter.api.Test;

/**
 * Writes the upgrade test's fixture with the resolver of the commit it runs on: a broker's data and
 * the resolver's state directory after 300 keys were established, 30 of them deleted and 10 of
 * those established again. Run once by name; not part of the suite.
 */
class LegacyStateFixtureGenerator {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @Test
  void generate() throws IOException {
    Path dir = Files.createTempDirectory("legacy-state");
    Map<String, Long> live = new TreeMap<>();
    List<Long> retired = new ArrayList<>();
    try (ResolverOnBroker broker = ResolverOnBroker.start(dir)) {
      broker.startResolver();
      List<ContactKey> keys = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        keys.add(new ContactKey(ResolverOnBroker.TENANT, 0, "legacy-" + i));
      }
      live.putAll(broker.establishIds("first", keys, TIMEOUT));
      List<ContactCommand> deletes = new ArrayList<>();
      for (int i = 0; i < 300; i += 10) {
        ContactKey key = keys.get(i);
        deletes.add(
            ContactCommand.newBuilder(PipelineTopics.command("delete-" + i, key))
                .setAction(CommandAction.DELETE)
                .setIssuedAt(Instant.now())
                .build());
        retired.add(live.remove(key.getContactKey()));
      }
      broker.publish(deletes);
      List<ConsumerRecord<String, ContactResult>> deleted =
          broker.readResults(
              record -> record.key().startsWith("delete-"),
              read -> read.size() >= deletes.size(),
              TIMEOUT);
      if (deleted.size() != deletes.size()) {
        throw new IllegalStateException("deletes not answered");
      }
      List<ContactKey> again = new ArrayList<>();
      for (int i = 0; i < 100; i += 10) {
        again.add(keys.get(i));
      }
      live.putAll(broker.establishIds("again", again, TIMEOUT));
    }
    StringBuilder expected = new StringBuilder();
    live.forEach(
        (key, id) -> expected.append("live.").append(key).append('=').append(id).append('\n'));
    for (long id : retired) {
      expected.append("retired.").append(id).append("=true\n");
    }
    Files.writeString(dir.resolve("expected-ids.properties"), expected.toString());
    Path zip = Path.of("target", "legacy-state.zip").toAbsolutePath();
    zip(dir, zip);
    System.out.println("fixture written to " + zip + " from " + dir);
  }

  private static void zip(Path dir, Path zip) throws IOException {
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream entries = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = dir.relativize(file).toString();
        if (name.endsWith(".lock")) {
          continue;
        }
        entries.putNextEntry(new ZipEntry(name));
        Files.copy(file, entries);
        entries.closeEntry();
      }
    }
  }
}
