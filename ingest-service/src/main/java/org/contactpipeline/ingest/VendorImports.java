package org.contactpipeline.ingest;

import java.time.Clock;
import java.util.Map;
import org.contactpipeline.config.Settings;
import org.contactpipeline.ingest.cendyn.CendynImports;
import org.contactpipeline.ingest.imports.ContactImportRows;
import org.contactpipeline.ingest.imports.ImportVendor;
import org.contactpipeline.ingest.ivvy.IvvyDefinitions;
import org.contactpipeline.ingest.ivvy.IvvyImports;
import org.contactpipeline.ingest.marketingcloud.EstablishImports;

/**
 * Builds the rules a bulk import applies to its rows, from the same settings ingest-service reads
 * for its APIs ({@code ivvy.definitions-file}, {@code marketing-cloud.max-key-length}: defaults,
 * {@code CONFIG_FILE}, environment), so a file is validated as the HTTP calls of that deployment
 * would be.
 */
public final class VendorImports {

  private VendorImports() {}

  /**
   * The rows of {@code vendor}'s file for {@code tenant}.
   *
   * @param environment where ingest-service's settings come from, usually {@link System#getenv()}
   */
  public static ContactImportRows of(
      ImportVendor vendor, String tenant, Map<String, String> environment, Clock clock) {
    Settings settings = Settings.layer(IngestConfig.DEFAULTS, environment);
    return new ContactImportRows(
        switch (vendor) {
          case CENDYN -> new CendynImports(tenant, clock);
          case IVVY ->
              new IvvyImports(
                  tenant, IvvyDefinitions.load(settings.string("ivvy.definitions-file")), clock);
          case MARKETING_CLOUD ->
              new EstablishImports(
                  tenant, settings.positiveInteger("marketing-cloud.max-key-length"), clock);
        });
  }
}
