package org.contactpipeline.ingest.cendyn;

import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;

/**
 * A create request that passed every rule: the contact key it upserts and the data it carries.
 *
 * @param emailProblem why the email failed {@code email_validation} when {@code create_if_invalid}
 *     let the contact be created anyway; null when the email was valid or not validated
 */
record CreateContactPlan(ContactKey key, ContactData changes, String emailProblem) {}
