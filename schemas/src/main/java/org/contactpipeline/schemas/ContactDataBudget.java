package org.contactpipeline.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.message.BinaryMessageEncoder;
import org.contactpipeline.schemas.avro.ContactData;

/**
 * How much data one contact may hold: its encoded {@link ContactData} at most {@link
 * #MAX_ENCODED_BYTES}. The data travels in the golden record, the identity store's changelog and
 * the result, each one Kafka record (1 MiB by default); merges can only grow it, so without a bound
 * a few large updates would make the resolver's output unwritable. The resolver holds every merge
 * to it; a bulk request checks each contact's own data against it before anything is accepted, so
 * that the bulk stays all or nothing.
 */
public final class ContactDataBudget {

  /** Largest encoded contact data. */
  public static final int MAX_ENCODED_BYTES = 64 * 1024;

  private static final BinaryMessageEncoder<ContactData> ENCODER =
      OptionalFieldData.encoder(ContactData.getClassSchema());

  private ContactDataBudget() {}

  /** The bytes {@code data} takes encoded, as it travels on the topics. */
  public static int encodedSize(ContactData data) {
    try {
      return ENCODER.encode(data).remaining();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode contact data", e);
    }
  }

  /** Whether {@code data} is over the budget. */
  public static boolean exceeds(ContactData data) {
    return encodedSize(data) > MAX_ENCODED_BYTES;
  }
}
