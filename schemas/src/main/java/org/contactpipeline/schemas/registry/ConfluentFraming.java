package org.contactpipeline.schemas.registry;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * Confluent's wire format for a record value: the magic byte {@code 0}, the writer schema's 4-byte
 * big-endian ID in a schema registry, then the Avro binary datum with no other header. Every
 * Confluent deserializer (Java, librdkafka's clients, ksqlDB, Kafka Connect's converter) reads
 * exactly this, so nothing else may be put around it.
 *
 * <p>Avro's single-object encoding starts with {@code C3 01} instead, so the first byte tells the
 * two apart.
 */
public final class ConfluentFraming {

  public static final byte MAGIC_BYTE = 0;

  /** Magic byte and schema ID: where the Avro datum starts. */
  public static final int HEADER_LENGTH = 5;

  private ConfluentFraming() {}

  /**
   * Whether these bytes start like a Confluent-framed value (and are long enough to hold a schema
   * ID).
   */
  public static boolean isFramed(byte[] value) {
    return value != null && value.length >= HEADER_LENGTH && value[0] == MAGIC_BYTE;
  }

  /** The writer schema's ID of a framed value, or empty when the bytes are not framed. */
  public static OptionalInt schemaId(byte[] value) {
    return isFramed(value)
        ? OptionalInt.of(ByteBuffer.wrap(value, 1, 4).getInt())
        : OptionalInt.empty();
  }

  /** The header of a value written with this schema ID; the Avro datum follows it. */
  public static byte[] header(int schemaId) {
    return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC_BYTE).putInt(schemaId).array();
  }
}
