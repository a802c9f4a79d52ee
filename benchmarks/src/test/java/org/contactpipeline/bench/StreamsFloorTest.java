package org.contactpipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

class StreamsFloorTest {

  @Test
  void shouldAnswerEveryCommandWithOneIdPerKeyEverAndTheNextIdForANewKey() {
    Properties props = new Properties();
    props.put("application.id", "floor-test");
    props.put("bootstrap.servers", "unused:9092");
    try (TopologyTestDriver driver =
        new TopologyTestDriver(StreamsFloor.topology("in", "out"), props)) {
      TestInputTopic<byte[], byte[]> commands =
          driver.createInputTopic("in", new ByteArraySerializer(), new ByteArraySerializer());
      TestOutputTopic<byte[], byte[]> results =
          driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer());

      for (String key : List.of("ada", "grace", "ada", "linus", "grace")) {
        commands.pipeInput(key.getBytes(StandardCharsets.UTF_8), new byte[] {1});
      }

      assertThat(results.readValuesToList())
          .extracting(id -> ByteBuffer.wrap(id).getLong())
          .containsExactly(1L, 2L, 1L, 3L, 2L);
    }
  }
}
