package org.contactpipeline.guide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.WireFormat;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;

/**
 * Reads contact.changelog from the beginning: every golden record, and a tombstone for each deleted
 * contact.
 */
public final class ChangelogReader {

  public static void main(String[] args) {
    String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    // Empty: the topics are in Avro single-object encoding. Set: Confluent framing, schemas from
    // this registry.
    String registryUrl = System.getenv().getOrDefault("SCHEMA_REGISTRY_URL", "");
    read(bootstrap, registryUrl, "changelog-reader", Duration.ofSeconds(5))
        .forEach(System.out::println);
  }

  /**
   * Everything on the changelog until nothing new has come for {@code quiet}, one line per record.
   */
  public static List<String> read(
      String bootstrap, String registryUrl, String groupId, Duration quiet) {
    WireFormat wire =
        WireFormat.forRegistry(registryUrl); // reads both encodings, whatever the writer used
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            groupId,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            // The resolver writes in transactions: read only what they committed.
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    List<String> lines = new ArrayList<>();
    try (KafkaConsumer<ContactKey, ContactRecord> consumer =
        new KafkaConsumer<>(
            config, Topics.CHANGELOG.keySerde().deserializer(), wire.changelog().deserializer())) {
      consumer.subscribe(List.of(Topics.CHANGELOG.name()));
      long quietSince = System.nanoTime();
      while (System.nanoTime() - quietSince < quiet.toNanos()) {
        for (ConsumerRecord<ContactKey, ContactRecord> record :
            consumer.poll(Duration.ofMillis(500))) {
          quietSince = System.nanoTime();
          ContactKey key = record.key();
          ContactRecord golden = record.value();
          lines.add(
              golden == null
                  ? "deleted "
                      + key.getTenant()
                      + "/"
                      + key.getContactType()
                      + "/"
                      + key.getContactKey()
                  : "contact "
                      + golden.getContactId()
                      + " "
                      + key.getTenant()
                      + "/"
                      + key.getContactKey()
                      + " version "
                      + golden.getVersion()
                      + " "
                      + golden.getStatus()
                      + (golden.getData() == null || golden.getData().getEmail() == null
                          ? ""
                          : " " + golden.getData().getEmail()));
        }
      }
    }
    return lines;
  }
}
