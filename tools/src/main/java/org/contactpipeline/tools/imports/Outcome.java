package org.contactpipeline.tools.imports;

import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactResult;

/** What became of one row, as the summary counts it. */
enum Outcome {
  /** The row's command made a new contact. */
  CREATED,
  /** The row changed an existing contact. */
  UPDATED,
  /** The row found its contact already as it asked: nothing was written. */
  UNCHANGED,
  /** The row never left the file: unreadable, or refused by the vendor's validation. */
  REJECTED,
  /** The resolver refused the row's command (REJECTED or NOT_FOUND). */
  REFUSED;

  /** How the resolver's result counts. */
  static Outcome of(ContactResult result) {
    if (result.getOutcome() != CommandOutcome.RESOLVED) {
      return REFUSED;
    }
    if (result.getNewContact()) {
      return CREATED;
    }
    return result.getUnchanged() ? UNCHANGED : UPDATED;
  }
}
