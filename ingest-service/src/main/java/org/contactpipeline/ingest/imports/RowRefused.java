package org.contactpipeline.ingest.imports;

/**
 * One row of an import file that its vendor's API would refuse, with the reason that API gives.
 * Rows are refused by the thousand in a bad file, so no stack trace is taken: the message is all a
 * reject file needs.
 */
public final class RowRefused extends Exception {

  private static final long serialVersionUID = 1L;

  public RowRefused(String reason) {
    super(reason, null, false, false);
  }
}
