package org.contactpipeline.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * A reader of Confluent's wire format written from its public description alone, knowing nothing of
 * this project but a registry's URL: check the magic byte {@code 0}, take the 4-byte big-endian
 * schema ID, fetch {@code GET /schemas/ids/{id}}, decode the rest as Avro binary into a {@link
 * GenericRecord}. This is what a stock Confluent deserializer does; the project's own classes
 * (SchemaRegistryClient, the generated ones) are deliberately not used, so a test that passes with
 * it shows outsiders can read the topics.
 */
final class ConfluentFormatReader {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String registryUrl;
  private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

  ConfluentFormatReader(String registryUrl) {
    this.registryUrl = registryUrl;
  }

  /** The writer schema ID in a Confluent-framed value; fails if the value is not framed. */
  static int schemaId(byte[] value) {
    if (value == null || value.length < 5 || value[0] != 0) {
      throw new AssertionError(
          "not in Confluent framing: first bytes "
              + (value == null
                  ? "null"
                  : java.util.HexFormat.of().formatHex(value, 0, Math.min(value.length, 6))));
    }
    return ByteBuffer.wrap(value, 1, 4).getInt();
  }

  /** Decodes a framed value with its writer schema from the registry. */
  GenericRecord read(byte[] value) {
    int id = schemaId(value);
    Schema schema = schemas.computeIfAbsent(id, this::fetch);
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null);
      GenericRecord record = new GenericDatumReader<GenericRecord>(schema).read(null, decoder);
      if (!decoder.isEnd()) {
        throw new AssertionError("bytes left over after the datum of schema " + id);
      }
      return record;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code GET path} on the registry, as JSON. */
  JsonNode get(String path) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(registryUrl + path))
                  .header("Accept", "application/vnd.schemaregistry.v1+json")
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "GET " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return Api.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The ID of the newest version registered under a subject. */
  int latestId(String subject) {
    return get("/subjects/" + subject + "/versions/latest").get("id").asInt();
  }

  private Schema fetch(int id) {
    return new Schema.Parser().parse(get("/schemas/ids/" + id).get("schema").asText());
  }
}
