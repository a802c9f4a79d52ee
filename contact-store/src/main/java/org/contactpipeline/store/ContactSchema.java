package org.contactpipeline.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The database schema sink-service writes (it migrates at start) and ingest-service reads: the SQL
 * migrations under {@code db/migration} plus the Java migration that rebuilds golden records of
 * rows older than the {@code record} column. Everything that migrates the database goes through
 * here, so no caller can run the SQL without the Java step between them.
 */
public final class ContactSchema {

  private ContactSchema() {}

  /** Brings the database to the latest version. */
  public static void migrate(DataSource dataSource) {
    flyway(dataSource).load().migrate();
  }

  /**
   * The Flyway configuration of this schema, e.g. to migrate only up to a given version in a test.
   */
  public static FluentConfiguration flyway(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .javaMigrations(new BackfillContactRecords());
  }
}
