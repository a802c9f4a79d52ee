package org.contactpipeline.ingest.ivvy;

import static org.assertj.core.api.Assertions.assertThat;

import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.junit.jupiter.api.Test;

/** iVvy's identity rule: which command, addressed how, each kind of call becomes. */
class IvvyContactChangeTest {

  private static final Commands COMMANDS = new Commands(java.time.Clock.systemUTC(), null);

  private static final ContactData CHANGES = ContactData.newBuilder().setFirstName("Ada").build();

  @Test
  void shouldUpdateByIdWhenAnIdIsGiven() {
    ContactCommand command =
        new IvvyContactChange("demo", 42L, "Ada@Example.com", true, false, CHANGES)
            .command(COMMANDS, "r");

    assertThat(command.getAction()).isEqualTo(CommandAction.UPDATE);
    assertThat(command.getContactId()).isEqualTo(42L);
    assertThat(command.getKey()).isEqualTo(new ContactKey("demo", 0, ""));
    assertThat(command.getChanges()).isEqualTo(CHANGES);
  }

  @Test
  void shouldCreateByTheLowerCasedEmailWithoutUpdateIfExists() {
    ContactCommand command =
        new IvvyContactChange("demo", null, "Ada@Example.COM", false, false, CHANGES)
            .command(COMMANDS, "r");

    assertThat(command.getAction()).isEqualTo(CommandAction.CREATE);
    assertThat(command.getContactId()).isNull();
    assertThat(command.getKey()).isEqualTo(new ContactKey("demo", 0, "ada@example.com"));
  }

  @Test
  void shouldMatchNamesOrCreateWithUpdateIfExists() {
    ContactCommand command =
        new IvvyContactChange("demo", null, "ada@example.com", true, false, CHANGES)
            .command(COMMANDS, "r");

    assertThat(command.getAction()).isEqualTo(CommandAction.MATCH_NAMES_OR_CREATE);
  }

  @Test
  void shouldAskToClearExternalUrlsOnlyWhenTheyWereSentAsNull() {
    assertThat(
            new IvvyContactChange("demo", 7L, null, false, true, CHANGES)
                .command(COMMANDS, "r")
                .getClearExternalUrls())
        .isTrue();
    assertThat(
            new IvvyContactChange("demo", 7L, null, false, false, CHANGES)
                .command(COMMANDS, "r")
                .getClearExternalUrls())
        .isFalse();
  }

  @Test
  void shouldMakeOneItemRequestsWithTheGivenRequestId() {
    ContactCommand command =
        new IvvyContactChange("demo", null, "a@example.com", false, false, CHANGES)
            .command(COMMANDS, "req-1");

    assertThat(command.getRequestId()).isEqualTo("req-1");
    assertThat(command.getItemIndex()).isZero();
    assertThat(command.getItemCount()).isEqualTo(1);
  }
}
