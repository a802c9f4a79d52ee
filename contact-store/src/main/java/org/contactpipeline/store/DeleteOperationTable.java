package org.contactpipeline.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * The {@code delete_operation_items} table: one row per decided item of a delete request, which the
 * read side turns into the request's progress. A result is the resolver's final word on its item,
 * so the first row written for an item stands and a replayed result changes nothing.
 */
public final class DeleteOperationTable {

  private static final String INSERT =
      """
      INSERT INTO delete_operation_items
        (operation_id, tenant, item_index, item_count, contact_key, contact_id, deleted, recorded_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (tenant, operation_id, item_index) DO NOTHING
      """;

  private final DataSource dataSource;

  public DeleteOperationTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records the results of delete commands in one transaction. */
  public void record(List<ContactResult> deleteResults) throws SQLException {
    if (deleteResults.isEmpty()) {
      return;
    }
    List<DeleteOperationItem> items = deleteResults.stream().map(DeleteOperationItem::of).toList();
    Transaction.run(
        dataSource,
        connection ->
            BatchStatement.execute(connection, INSERT, items, DeleteOperationTable::bind));
  }

  private static void bind(PreparedStatement statement, DeleteOperationItem item)
      throws SQLException {
    statement.setString(1, item.operationId());
    statement.setString(2, item.tenant());
    statement.setInt(3, item.itemIndex());
    statement.setInt(4, item.itemCount());
    statement.setString(5, item.contactKey());
    statement.setLong(6, item.contactId());
    statement.setBoolean(7, item.deleted());
    statement.setTimestamp(8, Timestamp.from(item.recordedAt()));
  }
}
