package org.contactpipeline.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import org.junit.jupiter.api.Test;

class DeleteOperationItemTest {

  private static final Instant RESOLVED = Instant.parse("2024-03-01T10:15:30.123Z");

  @Test
  void shouldRecordTheRetiredKeyAndIdOfADeletedContact() {
    ContactResult deleted =
        result(
            CommandAction.DELETE, new ContactKey("demo", 0, "alice"), 42L, CommandOutcome.DELETED);

    assertThat(DeleteOperationItem.of(deleted))
        .isEqualTo(new DeleteOperationItem("7", "demo", 1, 3, "alice", 42L, true, RESOLVED));
  }

  @Test
  void shouldRecordAnUnknownKeyAsNotDeletedWithoutKeyOrId() {
    ContactResult unknown =
        result(
            CommandAction.DELETE,
            new ContactKey("demo", 0, "nobody"),
            0L,
            CommandOutcome.NOT_FOUND);

    assertThat(DeleteOperationItem.of(unknown))
        .isEqualTo(new DeleteOperationItem("7", "demo", 1, 3, null, 0L, false, RESOLVED));
  }

  @Test
  void shouldRecordAnUnknownIdWithTheRequestedId() {
    ContactResult unknown =
        result(CommandAction.DELETE, new ContactKey("demo", 0, ""), 99L, CommandOutcome.NOT_FOUND);

    assertThat(DeleteOperationItem.of(unknown))
        .isEqualTo(new DeleteOperationItem("7", "demo", 1, 3, null, 99L, false, RESOLVED));
  }

  @Test
  void shouldOnlyTakeResultsOfDeleteCommands() {
    ContactKey key = new ContactKey("demo", 0, "alice");

    assertThat(
            DeleteOperationItem.isDelete(
                result(CommandAction.DELETE, key, 42L, CommandOutcome.DELETED)))
        .isTrue();
    assertThat(
            DeleteOperationItem.isDelete(
                result(CommandAction.ESTABLISH, key, 42L, CommandOutcome.RESOLVED)))
        .isFalse();
    assertThat(DeleteOperationItem.isDelete(result(null, key, 42L, CommandOutcome.RESOLVED)))
        .isFalse();
  }

  private static ContactResult result(
      CommandAction action, ContactKey key, long contactId, CommandOutcome outcome) {
    return ContactResult.newBuilder()
        .setRequestId("7")
        .setItemIndex(1)
        .setItemCount(3)
        .setReplyTo(null)
        .setKey(key)
        .setContactId(contactId)
        .setStatus(null)
        .setNewContact(false)
        .setResolvedAt(RESOLVED)
        .setAction(action)
        .setOutcome(outcome)
        .build();
  }
}
