package org.contactpipeline.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.contactpipeline.schemas.registry.ConfluentFraming;

/**
 * Kafka serde for a generated Avro class in Avro's single-object encoding: a two-byte marker, the
 * writer schema's 64-bit fingerprint, then the binary datum. The decoder knows every released
 * schema version ({@link ReleasedSchemas}), so a reader resolves records written by older writers;
 * an unknown fingerprint or a corrupt payload fails as a {@link SerializationException}, which
 * Kafka Streams routes to the dead-letter topic.
 *
 * <p>{@code null} maps to {@code null} both ways, so tombstones pass through.
 */
public final class AvroSerde<T extends SpecificRecord>
    implements Serde<T>, Serializer<T>, Deserializer<T> {

  private final String typeName;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  AvroSerde(String typeName, BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder) {
    this.typeName = typeName;
    this.encoder = encoder;
    this.decoder = decoder;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    try {
      ByteBuffer buffer = encoder.encode(data);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | AvroRuntimeException e) {
      throw new SerializationException(
          "cannot encode " + typeName + " for topic " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (ConfluentFraming.isFramed(data)) {
      throw new SerializationException(
          "a "
              + typeName
              + " in Confluent framing (schema id "
              + ConfluentFraming.schemaId(data).getAsInt()
              + ") on topic "
              + topic
              + ", but this service has no schema registry to read it with (SCHEMA_REGISTRY_URL)");
    }
    try {
      return decoder.decode(data);
    } catch (IOException | AvroRuntimeException e) {
      throw new SerializationException(
          "not a "
              + typeName
              + " in Avro single-object encoding on topic "
              + topic
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // Nothing to configure: the schemas are compiled in.
  }

  @Override
  public void close() {
    // Stateless: the same instance serves every client, so closing one must not affect the others.
  }
}
