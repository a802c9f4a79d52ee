package org.contactpipeline.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import org.junit.jupiter.api.Test;

/** How a contact's history reads. */
class HistoryLineTest {

  private static final ContactKey KEY = new ContactKey("demo", 0, "acruz@example.com");
  private static final long AT = Instant.parse("2026-05-01T09:00:00Z").toEpochMilli();

  @Test
  void shouldShowACommandWithItsRequestKeyAndTheFieldsItChanges() {
    ContactCommand command =
        command("r-1", KEY, null, CommandAction.UPSERT)
            .setChanges(
                ContactData.newBuilder()
                    .setEmail("acruz@example.com")
                    .setFirstName("Angela")
                    .build())
            .build();

    assertThat(HistoryLine.of(record("contact.commands", 3, 17, AT), command).text())
        .isEqualTo(
            "2026-05-01T09:00:00Z      command  contact.commands-3@17   UPSERT                 "
                + "request r-1 item 1/1  key demo/0/acruz@example.com  changes firstName,email");
  }

  @Test
  void shouldShowACommandAddressedByIdWithItsTenant() {
    ContactCommand command =
        command("r-2", new ContactKey("demo", 0, ""), 27L, CommandAction.DELETE).build();

    assertThat(HistoryLine.of(record("contact.commands", 3, 18, AT), command).text())
        .endsWith("DELETE                 request r-2 item 1/1  id 27 (tenant demo)");
  }

  @Test
  void shouldShowAResultWithItsOutcomeIdAndMessage() {
    ContactResult result =
        ContactResult.newBuilder()
            .setRequestId("r-1")
            .setItemIndex(0)
            .setItemCount(2)
            .setKey(KEY)
            .setContactId(27)
            .setStatus(null)
            .setNewContact(true)
            .setResolvedAt(Instant.ofEpochMilli(AT))
            .setOutcome(CommandOutcome.RESOLVED)
            .setMessage("created")
            .build();

    assertThat(HistoryLine.of(record("contact.results", 5, 2, AT + 12), result).text())
        .isEqualTo(
            "2026-05-01T09:00:00.012Z  result   contact.results-5@2     RESOLVED               "
                + "request r-1 item 1/2  key demo/0/acruz@example.com id 27 (new)  \"created\"");
  }

  @Test
  void shouldOrderByTimeWithCommandsBeforeResultsOfTheSameMillisecond() {
    ContactCommand command = command("r-1", KEY, null, CommandAction.ESTABLISH).build();
    ContactResult result =
        ContactResult.newBuilder()
            .setRequestId("r-1")
            .setItemIndex(0)
            .setItemCount(1)
            .setKey(KEY)
            .setContactId(27)
            .setStatus(null)
            .setNewContact(false)
            .setResolvedAt(Instant.ofEpochMilli(AT))
            .setOutcome(CommandOutcome.RESOLVED)
            .build();
    HistoryLine later = HistoryLine.of(record("contact.commands", 3, 20, AT + 1), command);
    HistoryLine resultNow = HistoryLine.of(record("contact.results", 0, 9, AT), result);
    HistoryLine commandNow = HistoryLine.of(record("contact.commands", 3, 19, AT), command);

    List<HistoryLine> lines = new ArrayList<>(List.of(later, resultNow, commandNow));
    lines.sort(null);

    assertThat(lines).containsExactly(commandNow, resultNow, later);
  }

  private static ContactCommand.Builder command(
      String requestId, ContactKey key, Long contactId, CommandAction action) {
    return ContactCommand.newBuilder()
        .setRequestId(requestId)
        .setItemIndex(0)
        .setItemCount(1)
        .setKey(key)
        .setAction(action)
        .setReplyTo(null)
        .setIssuedAt(Instant.ofEpochMilli(AT))
        .setContactId(contactId);
  }

  private static ConsumerRecord<byte[], byte[]> record(
      String topic, int partition, long offset, long timestamp) {
    return new ConsumerRecord<>(
        topic,
        partition,
        offset,
        timestamp,
        org.apache.kafka.common.record.TimestampType.CREATE_TIME,
        0,
        0,
        new byte[0],
        new byte[0],
        new org.apache.kafka.common.header.internals.RecordHeaders(),
        java.util.Optional.empty());
  }
}
