package org.contactpipeline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.store.ContactRow;

/**
 * Golden records as Kafka Connect's {@code JsonConverter} reads them with {@code
 * schemas.enable=true}: a key struct of the {@code contacts} table's primary key and a value struct
 * of its other columns, each value exactly what the sink writes ({@link ContactRow}). A JDBC sink
 * connector upserts them into a table of that shape with nothing to derive, so the sink's peer gets
 * its rows ready-made where the sink decodes Avro and derives the columns itself.
 *
 * <p>Two Connect schema names tell the connector the column types: {@code
 * org.apache.kafka.connect.data.Timestamp} (epoch milliseconds) for the timestamps, and Debezium's
 * {@code io.debezium.data.Json} for {@code data}, which its PostgreSQL dialect binds as JSON.
 */
final class ConnectJsonRecords {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String TIMESTAMP = "org.apache.kafka.connect.data.Timestamp";
  private static final String DEBEZIUM_JSON = "io.debezium.data.Json";

  private static final ObjectNode KEY_SCHEMA =
      struct(
          field("tenant", "string", false, null),
          field("contact_type", "int32", false, null),
          field("contact_key", "string", false, null));

  private static final ObjectNode VALUE_SCHEMA =
      struct(
          field("contact_id", "int64", false, null),
          field("status", "string", false, null),
          field("version", "int64", false, null),
          field("created_at", "int64", false, TIMESTAMP),
          field("updated_at", "int64", false, TIMESTAMP),
          field("email_lower", "string", true, null),
          field("first_name", "string", true, null),
          field("last_name", "string", true, null),
          field("phone", "string", true, null),
          field("phone_country_code", "string", true, null),
          field("phone_number", "string", true, null),
          field("user_id", "string", true, null),
          field("device_id", "string", true, null),
          field("external_id", "string", true, null),
          field("record", "bytes", false, null),
          field("data", "string", true, DEBEZIUM_JSON));

  private ConnectJsonRecords() {}

  static byte[] key(ContactRecord record) {
    ObjectNode payload = NODES.objectNode();
    payload.put("tenant", record.getKey().getTenant());
    payload.put("contact_type", record.getKey().getContactType());
    payload.put("contact_key", record.getKey().getContactKey());
    return envelope(KEY_SCHEMA, payload);
  }

  static byte[] value(ContactRecord record) {
    ContactRow row = ContactRow.of(record);
    ObjectNode payload = NODES.objectNode();
    payload.put("contact_id", row.contactId());
    payload.put("status", row.status());
    payload.put("version", row.version());
    payload.put("created_at", row.createdAt().toEpochMilli());
    payload.put("updated_at", row.updatedAt().toEpochMilli());
    payload.put("email_lower", row.emailLower());
    payload.put("first_name", row.firstName());
    payload.put("last_name", row.lastName());
    payload.put("phone", row.phone());
    payload.put("phone_country_code", row.phoneCountryCode());
    payload.put("phone_number", row.phoneNumber());
    payload.put("user_id", row.userId());
    payload.put("device_id", row.deviceId());
    payload.put("external_id", row.externalId());
    // Jackson writes bytes as base64, as JsonConverter reads a bytes field.
    payload.put("record", row.record());
    payload.put("data", row.dataJson());
    return envelope(VALUE_SCHEMA, payload);
  }

  private static byte[] envelope(ObjectNode schema, ObjectNode payload) {
    ObjectNode envelope = NODES.objectNode();
    envelope.set("schema", schema);
    envelope.set("payload", payload);
    try {
      return JSON.writeValueAsBytes(envelope);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always writes", e);
    }
  }

  private static ObjectNode struct(ObjectNode... fields) {
    ObjectNode struct = NODES.objectNode();
    struct.put("type", "struct");
    struct.put("optional", false);
    ArrayNode list = struct.putArray("fields");
    for (ObjectNode field : fields) {
      list.add(field);
    }
    return struct;
  }

  private static ObjectNode field(String name, String type, boolean optional, String schemaName) {
    ObjectNode field = NODES.objectNode();
    field.put("field", name);
    field.put("type", type);
    field.put("optional", optional);
    if (schemaName != null) {
      field.put("name", schemaName);
      if (schemaName.equals(TIMESTAMP)) {
        field.put("version", 1);
      }
    }
    return field;
  }
}
