package org.contactpipeline.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.junit.jupiter.api.Test;

/** Commands carry where their results come back from the moment they are built. */
class CommandsTest {

  private static final Instant NOW = Instant.parse("2024-03-01T10:15:30Z");
  private static final Commands COMMANDS =
      new Commands(Clock.fixed(NOW, ZoneOffset.UTC), "ingest-1");
  private static final ContactAddress ADDRESS = ContactAddress.key(new ContactKey("demo", 0, "k1"));

  @Test
  void shouldAddressEveryItemOfARequestToTheWaitingInstance() {
    Commands.Request request = COMMANDS.request("r1", 2);

    ContactCommand second = request.item(1, ADDRESS, CommandAction.ESTABLISH, null);

    assertThat(second.getReplyTo()).isEqualTo("ingest-1");
    assertThat(second.getRequestId()).isEqualTo("r1");
    assertThat(second.getItemIndex()).isEqualTo(1);
    assertThat(second.getItemCount()).isEqualTo(2);
    assertThat(second.getIssuedAt()).isEqualTo(NOW);
  }

  @Test
  void shouldAddressASingleCommandToTheWaitingInstance() {
    assertThat(COMMANDS.single("r1", ADDRESS, CommandAction.UPSERT, null).getReplyTo())
        .isEqualTo("ingest-1");
  }

  @Test
  void shouldLeaveCommandsNobodyWaitsForWithoutReplyTo() {
    ContactCommand command =
        COMMANDS.unanswered("r1", 1).item(0, ADDRESS, CommandAction.ESTABLISH, null);

    assertThat(command.getReplyTo()).isNull();
    assertThat(command.getItemCount()).isEqualTo(1);
  }

  @Test
  void shouldRefuseAnItemOutsideTheRequest() {
    assertThatThrownBy(() -> COMMANDS.request("r1", 2).item(2, ADDRESS, CommandAction.DELETE, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("item 2 of a request of 2");
  }
}
