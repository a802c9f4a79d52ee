package org.contactpipeline.guide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.WireFormat;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * Reads contact.results from the beginning: one result per command item, keyed by the command's
 * request id.
 */
public final class ResultsReader {

  public static void main(String[] args) {
    String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    String registryUrl = System.getenv().getOrDefault("SCHEMA_REGISTRY_URL", "");
    read(bootstrap, registryUrl, "results-reader", Duration.ofSeconds(5))
        .forEach(System.out::println);
  }

  /** Every result until nothing new has come for {@code quiet}, one line per result. */
  public static List<String> read(
      String bootstrap, String registryUrl, String groupId, Duration quiet) {
    WireFormat wire = WireFormat.forRegistry(registryUrl);
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            groupId,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    List<String> lines = new ArrayList<>();
    try (KafkaConsumer<String, ContactResult> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), wire.results().deserializer())) {
      consumer.subscribe(List.of(Topics.RESULTS.name()));
      long quietSince = System.nanoTime();
      while (System.nanoTime() - quietSince < quiet.toNanos()) {
        for (ConsumerRecord<String, ContactResult> record : consumer.poll(Duration.ofMillis(500))) {
          quietSince = System.nanoTime();
          ContactResult result = record.value();
          lines.add(
              "request "
                  + record.key()
                  + " item "
                  + result.getItemIndex()
                  + "/"
                  + result.getItemCount()
                  + " "
                  + result.getOutcome()
                  + " contact "
                  + result.getContactId()
                  + " "
                  + result.getKey().getTenant()
                  + "/"
                  + result.getKey().getContactKey()
                  + (result.getNewContact() ? " (new)" : "")
                  + (result.getMessage() == null ? "" : ": " + result.getMessage()));
        }
      }
    }
    return lines;
  }
}
