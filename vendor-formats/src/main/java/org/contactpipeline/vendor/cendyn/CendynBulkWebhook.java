package org.contactpipeline.vendor.cendyn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * The body of Cendyn CRM's bulk-contacts webhook, POSTed to a {@code create_bulk}'s {@code
 * webhook_url} when every contact is decided (and served by this project's status call): {@code
 * account_id}, {@code bulk_id} (this project's addition), {@code contacts_valid_count}, {@code
 * contacts_failed_count}, {@code valid_contacts} with the default fields {@code _id, user_id,
 * email, phone_countrycode, phone_number} and the job's {@code contacts_webhook_extra_fields}, and
 * {@code failed_contacts} as {@code {"contact", "errors"}} (the key and array value of Cendyn's
 * published example). A field the contact does not have is {@code null}, so every entry has the
 * same keys.
 *
 * <p>A failed contact's {@code contact} holds only its key ({@code email}, or {@code phone} for a
 * phone-only contact): the job does not keep the contacts' parameters (5,000 of them would not fit
 * one Kafka record), and the key is what tells the caller which contact it was. The webhook's
 * signature fields ({@code timestamp}, {@code token} and the {@code Authorization} header) belong
 * to each delivery, not to the body rendered here.
 */
public final class CendynBulkWebhook {

  /** What every valid contact carries, in the reference's order. */
  public static final List<String> DEFAULT_FIELDS =
      List.of("_id", "user_id", "email", "phone_countrycode", "phone_number");

  /**
   * The contact fields {@code contacts_webhook_extra_fields} may name: those a Cendyn contact shows
   * ({@link CendynContactView}); custom fields cannot be named.
   */
  public static final Set<String> KNOWN_FIELDS =
      Set.of(
          "_id",
          "id",
          "device_id",
          "name_first",
          "name_last",
          "email",
          "phone_countrycode",
          "phone_number",
          "phone",
          "city",
          "country",
          "region",
          "zip",
          "full_address",
          "born_date",
          "gender",
          "language",
          "user_id",
          "facebook_id",
          "facebook_friends",
          "google_id",
          "twitter_id",
          "twitter_followers",
          "gdpr_date",
          "last_latitude",
          "last_longitude",
          "list_subscriptions",
          "gdpr_marketing_consent",
          "gdpr_accept_terms",
          "gdpr_remote_ip",
          "tags");

  private final ObjectMapper json;
  private final CendynContactView view;

  public CendynBulkWebhook(ObjectMapper json) {
    this.json = json;
    this.view = new CendynContactView(json);
  }

  /**
   * @param itemResults the job's item results in item order
   */
  public ObjectNode render(ContactJob job, List<ContactResult> itemResults) {
    List<String> fields = fields(job);
    ObjectNode body = json.createObjectNode();
    body.put("account_id", job.getTenant());
    // This project's addition: which bulk finished, for a receiver of several.
    body.put("bulk_id", job.getJobId());
    List<ObjectNode> valid = new ArrayList<>();
    List<ObjectNode> failed = new ArrayList<>();
    for (ContactResult result : itemResults) {
      if (result.getOutcome() == CommandOutcome.RESOLVED) {
        valid.add(validContact(result, fields));
      } else {
        failed.add(failedContact(result));
      }
    }
    body.put("contacts_valid_count", valid.size());
    body.put("contacts_failed_count", failed.size());
    body.putArray("failed_contacts").addAll(failed);
    body.putArray("valid_contacts").addAll(valid);
    return body;
  }

  private static List<String> fields(ContactJob job) {
    Set<String> fields = new LinkedHashSet<>(DEFAULT_FIELDS);
    job.getResponseFields().forEach(field -> fields.add(field.equals("id") ? "_id" : field));
    return List.copyOf(fields);
  }

  private ObjectNode validContact(ContactResult result, List<String> fields) {
    ObjectNode contact = view.render(result.getContactId(), result.getData());
    ObjectNode entry = json.createObjectNode();
    for (String field : fields) {
      JsonNode value = field.equals("_id") ? contact.get("id") : contact.get(field);
      entry.set(field, value == null ? NullNode.getInstance() : value);
    }
    return entry;
  }

  private ObjectNode failedContact(ContactResult result) {
    ObjectNode entry = json.createObjectNode();
    String key = result.getKey().getContactKey();
    entry.putObject("contact").put(key.indexOf('@') >= 0 ? "email" : "phone", key);
    ArrayNode errors = entry.putArray("errors");
    errors.add(
        result.getMessage() != null
            ? result.getMessage()
            : "the contact was not saved (" + result.getOutcome() + ")");
    return entry;
  }
}
