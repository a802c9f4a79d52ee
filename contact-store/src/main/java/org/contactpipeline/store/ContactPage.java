package org.contactpipeline.store;

import java.util.List;
import org.contactpipeline.schemas.avro.ContactRecord;

/**
 * One page of a {@link ContactQuery}'s matches.
 *
 * @param total how many contacts match in all pages
 */
public record ContactPage(List<ContactRecord> contacts, long total) {

  public ContactPage {
    contacts = List.copyOf(contacts);
  }
}
