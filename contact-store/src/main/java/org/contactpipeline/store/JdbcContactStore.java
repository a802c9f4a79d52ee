package org.contactpipeline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.kafka.common.errors.SerializationException;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;

/**
 * {@link ContactStore} on the PostgreSQL tables sink-service maintains ({@code contacts}, {@code
 * delete_operation_items}; schema: {@link ContactSchema}). Contacts come back as the golden record
 * the sink stored, decoded with the changelog's own serde, so the read side returns exactly what
 * the resolver decided; the data columns serve only to filter. Every statement is scoped by tenant.
 */
public final class JdbcContactStore implements ContactStore {

  private static final String BY_KEY =
      "SELECT record FROM contacts WHERE tenant = ? AND contact_type = ? AND contact_key = ?";
  private static final String BY_ID =
      "SELECT record FROM contacts WHERE tenant = ? AND contact_id = ?";
  private static final String OPERATION_ITEMS =
      """
      SELECT item_index, item_count, contact_key, contact_id, deleted FROM delete_operation_items
      WHERE operation_id = ? AND tenant = ? ORDER BY item_index
      """;

  private final DataSource dataSource;

  public JdbcContactStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<ContactRecord> byKey(ContactKey key) {
    return records(BY_KEY, List.of(key.getTenant(), key.getContactType(), key.getContactKey()))
        .stream()
        .findFirst();
  }

  @Override
  public Optional<ContactRecord> byId(String tenant, long contactId) {
    return records(BY_ID, List.of(tenant, contactId)).stream().findFirst();
  }

  @Override
  public ContactPage find(ContactQuery query) {
    Criteria criteria = Criteria.of(query);
    if (matchesNothing(criteria.parameters())) {
      return new ContactPage(List.of(), 0);
    }
    List<Object> pageParameters = new ArrayList<>(criteria.parameters());
    pageParameters.add(query.limit());
    pageParameters.add(query.offset());
    try (Connection connection = dataSource.getConnection()) {
      // One snapshot for both statements, so that the total counts the same matches the page shows.
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        long total = count(connection, criteria);
        List<ContactRecord> page =
            records(
                connection,
                "SELECT record FROM contacts WHERE "
                    + criteria.sql()
                    + " ORDER BY contact_id LIMIT ? OFFSET ?",
                pageParameters);
        connection.commit();
        return new ContactPage(page, total);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new ContactStoreException(
          "cannot list contacts of tenant " + query.tenant() + ": " + e.getMessage(), e);
    }
  }

  private static long count(Connection connection, Criteria criteria) throws SQLException {
    try (PreparedStatement statement =
            prepare(
                connection,
                "SELECT count(*) FROM contacts WHERE " + criteria.sql(),
                criteria.parameters());
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Override
  public Optional<DeleteOperation> deleteOperation(String tenant, String operationId) {
    if (matchesNothing(List.of(operationId))) {
      return Optional.empty();
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            prepare(connection, OPERATION_ITEMS, List.of(operationId, tenant));
        ResultSet rows = statement.executeQuery()) {
      List<DeleteOperation.Item> items = new ArrayList<>();
      int itemCount = 0;
      while (rows.next()) {
        itemCount = rows.getInt(2);
        items.add(
            new DeleteOperation.Item(
                rows.getInt(1), rows.getString(3), rows.getLong(4), rows.getBoolean(5)));
      }
      return items.isEmpty()
          ? Optional.empty()
          : Optional.of(new DeleteOperation(operationId, itemCount, items));
    } catch (SQLException e) {
      throw new ContactStoreException(
          "cannot read delete operation " + operationId + ": " + e.getMessage(), e);
    }
  }

  private List<ContactRecord> records(String sql, List<Object> parameters) {
    if (matchesNothing(parameters)) {
      return List.of();
    }
    try (Connection connection = dataSource.getConnection()) {
      return records(connection, sql, parameters);
    } catch (SQLException e) {
      throw new ContactStoreException("cannot read contacts: " + e.getMessage(), e);
    }
  }

  private static List<ContactRecord> records(
      Connection connection, String sql, List<Object> parameters) throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      List<ContactRecord> records = new ArrayList<>();
      while (rows.next()) {
        records.add(decode(rows.getBytes(1)));
      }
      return records;
    }
  }

  /**
   * PostgreSQL holds no NUL character in text (keys with one are refused upstream, data columns
   * store U+FFFD instead), so a criterion containing one matches nothing. Asking anyway would make
   * the driver fail, and a caller's bad input would read as "database unavailable".
   */
  private static boolean matchesNothing(List<Object> parameters) {
    return parameters.stream()
        .anyMatch(parameter -> parameter instanceof String text && text.indexOf('\u0000') >= 0);
  }

  private static ContactRecord decode(byte[] record) {
    try {
      return Topics.CHANGELOG
          .valueSerde()
          .deserializer()
          .deserialize(Topics.CHANGELOG.name(), record);
    } catch (SerializationException e) {
      throw new ContactStoreException(
          "a stored contact record does not decode: " + e.getMessage(), e);
    }
  }

  private static PreparedStatement prepare(
      Connection connection, String sql, List<Object> parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.size(); i++) {
        Object parameter = parameters.get(i);
        // TIMESTAMPTZ wants an offset date-time; everything else maps by its Java type.
        statement.setObject(
            i + 1,
            parameter instanceof Instant instant
                ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
                : parameter);
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  /** The WHERE clause of a {@link ContactQuery}: the tenant, then each criterion the query sets. */
  record Criteria(String sql, List<Object> parameters) {

    static Criteria of(ContactQuery query) {
      List<String> conditions = new ArrayList<>();
      List<Object> parameters = new ArrayList<>();
      conditions.add("tenant = ?");
      parameters.add(query.tenant());
      // Lower-cased here as the sink lower-cases email_lower, not with SQL lower(), whose result
      // depends on the database's locale (in the C locale it leaves É as it is).
      String email = query.email() == null ? null : query.email().toLowerCase(Locale.ROOT);
      ifSet(conditions, parameters, "email_lower = ?", email);
      ifSet(conditions, parameters, "first_name = ?", query.firstName());
      ifSet(conditions, parameters, "last_name = ?", query.lastName());
      ifSet(conditions, parameters, "phone = ?", query.phone());
      ifSet(conditions, parameters, "phone_country_code = ?", query.phoneCountryCode());
      ifSet(conditions, parameters, "phone_number = ?", query.phoneNumber());
      ifSet(conditions, parameters, "user_id = ?", query.userId());
      ifSet(conditions, parameters, "device_id = ?", query.deviceId());
      ifSet(conditions, parameters, "external_id = ?", query.externalId());
      ifSet(conditions, parameters, "updated_at > ?", query.updatedAfter());
      ifSet(conditions, parameters, "updated_at < ?", query.updatedBefore());
      ifSet(conditions, parameters, "contact_id >= ?", query.contactIdFrom());
      return new Criteria(String.join(" AND ", conditions), List.copyOf(parameters));
    }

    private static void ifSet(
        List<String> conditions, List<Object> parameters, String condition, Object value) {
      if (value != null) {
        conditions.add(condition);
        parameters.add(value);
      }
    }
  }
}
