package org.contactpipeline.config;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Where PostgreSQL is. The password is never logged: {@link #toString()} leaves it out. */
public record DatabaseConfig(String url, String user, String password) {

  public static DatabaseConfig from(Settings settings) {
    return new DatabaseConfig(
        settings.string("database.url"),
        settings.string("database.user"),
        settings.string("database.password", ""));
  }

  public DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    dataSource.setUser(user);
    dataSource.setPassword(password);
    // Lets executeBatch send one multi-row INSERT instead of one statement per row.
    dataSource.setReWriteBatchedInserts(true);
    dataSource.setConnectTimeout(5);
    // A half-open connection must fail the batch (and be retried), not hang the materializer.
    dataSource.setSocketTimeout(60);
    return dataSource;
  }

  @Override
  public String toString() {
    return "DatabaseConfig[url=" + url + ", user=" + user + "]";
  }
}
