package org.contactpipeline.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.contactpipeline.schemas.registry.ConfluentFraming;
import org.contactpipeline.schemas.registry.SchemaRegistryClient;
import org.contactpipeline.schemas.registry.SchemaRegistryException;
import org.contactpipeline.schemas.registry.Subject;
import org.contactpipeline.schemas.registry.WriterSchemaIds;

/**
 * Kafka serde for a generated Avro class in Confluent's wire format ({@link ConfluentFraming}):
 * writes with this build's schema ID of the subject; reads either encoding, told apart by the first
 * byte, so a topic that switched to Confluent framing (or that a Confluent producer writes to)
 * still reads its older single-object records. A framed record's writer schema is fetched by its ID
 * once and resolved against the generated class, as for single-object records.
 *
 * <p>A record the registry does not know, or bytes that are neither encoding, fail as a {@link
 * SerializationException} (dead-lettered by the pipeline's readers); a registry that cannot be
 * reached fails as {@link org.contactpipeline.schemas.registry.SchemaRegistryUnavailableException},
 * which readers retry instead.
 */
final class ConfluentAvroSerde<T extends SpecificRecord>
    implements Serde<T>, Serializer<T>, Deserializer<T> {

  private final Subject subject;
  private final WriterSchemaIds ids;
  private final SchemaRegistryClient registry;
  private final AvroSerde<T> singleObject;
  private final SpecificData model;
  private final DatumWriter<T> writer;
  private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

  ConfluentAvroSerde(
      Subject subject,
      WriterSchemaIds ids,
      SchemaRegistryClient registry,
      AvroSerde<T> singleObject) {
    this.subject = subject;
    this.ids = ids;
    this.registry = registry;
    this.singleObject = singleObject;
    this.model = OptionalFieldData.get();
    this.writer = new SpecificDatumWriter<>(subject.current(), model);
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    int id;
    try {
      id = ids.idOf(subject);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "cannot frame " + subject.current().getName() + " for " + topic + ": " + e.getMessage(),
          e);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      out.write(ConfluentFraming.header(id));
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(data, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | AvroRuntimeException e) {
      throw new SerializationException(
          "cannot encode "
              + subject.current().getName()
              + " for topic "
              + topic
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (!ConfluentFraming.isFramed(data)) {
      return singleObject.deserialize(topic, data);
    }
    int id = ConfluentFraming.schemaId(data).getAsInt();
    DatumReader<T> reader = readers.computeIfAbsent(id, this::readerOf);
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  data,
                  ConfluentFraming.HEADER_LENGTH,
                  data.length - ConfluentFraming.HEADER_LENGTH,
                  null);
      T value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new SerializationException(
            "bytes left after the "
                + subject.current().getName()
                + " with schema id "
                + id
                + " on topic "
                + topic);
      }
      return value;
    } catch (IOException | AvroRuntimeException e) {
      throw new SerializationException(
          "not a "
              + subject.current().getName()
              + " with schema id "
              + id
              + " on topic "
              + topic
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private DatumReader<T> readerOf(int id) {
    Schema writerSchema;
    try {
      writerSchema = registry.schema(id);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "schema id " + id + " is unknown to " + registry.url() + ": " + e.getMessage(), e);
    }
    if (!writerSchema.getFullName().equals(subject.current().getFullName())) {
      throw new SerializationException(
          "schema id "
              + id
              + " is "
              + writerSchema.getFullName()
              + ", not "
              + subject.current().getFullName());
    }
    return new SpecificDatumReader<>(writerSchema, subject.current(), model);
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
    // Configured by its WireFormat, once per service.
  }

  @Override
  public void close() {
    // Shared by every client of the service.
  }
}
