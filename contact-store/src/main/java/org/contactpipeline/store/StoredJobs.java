package org.contactpipeline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * The records the jobs tables keep, and how: Avro single-object encoding, whatever the topics carry
 * (Confluent framing needs a registry to read; a row must be readable by ingest-service without
 * one), so the bytes are those of {@link Topics#JOBS} and {@link Topics#RESULTS} serdes, which also
 * read rows written by older schema versions.
 */
final class StoredJobs {

  private static final String ITEMS =
      "SELECT result FROM contact_job_items WHERE tenant = ? AND job_id = ? ORDER BY item_index";

  private StoredJobs() {}

  static byte[] encode(ContactJob job) {
    return Topics.JOBS.valueSerde().serializer().serialize(Topics.JOBS.name(), job);
  }

  static byte[] encode(ContactResult itemResult) {
    return Topics.RESULTS.valueSerde().serializer().serialize(Topics.RESULTS.name(), itemResult);
  }

  static ContactJob decodeJob(byte[] bytes) {
    return Topics.JOBS.valueSerde().deserializer().deserialize(Topics.JOBS.name(), bytes);
  }

  static ContactResult decodeResult(byte[] bytes) {
    return Topics.RESULTS.valueSerde().deserializer().deserialize(Topics.RESULTS.name(), bytes);
  }

  /** The recorded results of a job's items, in item order. */
  static List<ContactResult> items(Connection connection, String tenant, String jobId)
      throws SQLException {
    List<ContactResult> items = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(ITEMS)) {
      statement.setString(1, tenant);
      statement.setString(2, jobId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          items.add(decodeResult(rows.getBytes(1)));
        }
      }
    }
    return items;
  }
}
