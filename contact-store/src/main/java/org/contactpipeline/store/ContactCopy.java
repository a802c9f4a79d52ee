package org.contactpipeline.store;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Iterator;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.postgresql.PGConnection;

/**
 * Writes golden records into a table of the {@code contacts} table's shape with PostgreSQL's {@code
 * COPY}, row for row what {@link ContactTable} keeps: the fastest way PostgreSQL takes rows. {@link
 * ContactTable} stages each batch of the sink with it, and the benchmarks' COPY reference measures
 * the database's own limit with it. The rows are encoded as they are streamed, so a million of them
 * never sit in memory at once.
 */
public final class ContactCopy {

  /** The columns written, in order; {@link ContactTable}'s merge names the same. */
  static final String COLUMNS =
      "tenant, contact_type, contact_key, contact_id, status, version, created_at, updated_at,"
          + " email_lower, first_name, last_name, phone, phone_country_code, phone_number, user_id,"
          + " device_id, external_id, record, data";

  private ContactCopy() {}

  /**
   * Copies {@code records} into {@code table} on {@code connection}, in the caller's transaction.
   *
   * @param table a table with the {@code contacts} table's columns (for example created {@code LIKE
   *     contacts INCLUDING ALL}); its name is trusted, never user input
   * @return the number of rows written
   */
  public static long copy(Connection connection, String table, Iterator<ContactRecord> records)
      throws SQLException {
    try {
      return connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "COPY " + table + " (" + COLUMNS + ") FROM STDIN (FORMAT text)",
              new RowReader(records));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line of COPY's text format per record, produced as COPY reads. */
  private static final class RowReader extends Reader {

    private final Iterator<ContactRecord> records;
    private final StringBuilder line = new StringBuilder(2048);
    private int position;

    RowReader(Iterator<ContactRecord> records) {
      this.records = records;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      if (position == line.length()) {
        if (!records.hasNext()) {
          return -1;
        }
        line.setLength(0);
        position = 0;
        appendRow(ContactRow.of(records.next()));
      }
      int count = Math.min(length, line.length() - position);
      line.getChars(position, position + count, buffer, offset);
      position += count;
      return count;
    }

    private void appendRow(ContactRow row) {
      field(row.key().getTenant());
      field(Integer.toString(row.key().getContactType()));
      field(row.key().getContactKey());
      field(Long.toString(row.contactId()));
      field(row.status());
      field(Long.toString(row.version()));
      field(row.createdAt().toString());
      field(row.updatedAt().toString());
      field(row.emailLower());
      field(row.firstName());
      field(row.lastName());
      field(row.phone());
      field(row.phoneCountryCode());
      field(row.phoneNumber());
      field(row.userId());
      field(row.deviceId());
      field(row.externalId());
      field("\\x" + HexFormat.of().formatHex(row.record()));
      line.append(row.dataJson() == null ? "\\N" : escaped(row.dataJson())).append('\n');
    }

    private void field(String value) {
      line.append(value == null ? "\\N" : escaped(value)).append('\t');
    }

    /** COPY's text format: backslash, tab, newline and carriage return are escaped. */
    private static String escaped(String value) {
      if (value.indexOf('\\') < 0
          && value.indexOf('\t') < 0
          && value.indexOf('\n') < 0
          && value.indexOf('\r') < 0) {
        return value;
      }
      return value
          .replace("\\", "\\\\")
          .replace("\t", "\\t")
          .replace("\n", "\\n")
          .replace("\r", "\\r");
    }

    @Override
    public void close() {}
  }
}
