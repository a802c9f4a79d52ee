package org.contactpipeline.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.contactpipeline.schemas.ReplyPartition;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.junit.jupiter.api.Test;

class ResultRoutingTest {

  private final ResultRouting routing = new ResultRouting();

  @Test
  void shouldPutEveryResultOfAWaitingInstanceOnThePartitionItReads() {
    for (String instance : new String[] {"ingest-a", "ingest-b", "ingest-c"}) {
      assertThat(
              routing.partitions("contact.results", "request-1", result("request-1", instance), 12))
          .contains(Set.of(ReplyPartition.of(instance, 12)));
      assertThat(
              routing.partitions("contact.results", "request-2", result("request-2", instance), 12))
          .contains(Set.of(ReplyPartition.of(instance, 12)));
    }
  }

  @Test
  void shouldLeaveResultsNobodyWaitsForToTheDefaultPartitioner() {
    assertThat(routing.partitions("contact.results", "request-1", result("request-1", null), 12))
        .isEmpty();
  }

  private static ContactResult result(String requestId, String replyTo) {
    return ContactResult.newBuilder()
        .setRequestId(requestId)
        .setItemIndex(0)
        .setItemCount(1)
        .setReplyTo(replyTo)
        .setKey(new ContactKey("demo", 0, "k"))
        .setContactId(12)
        .setStatus(ContactStatus.ACTIVE)
        .setNewContact(true)
        .setResolvedAt(Instant.EPOCH)
        .setAction(CommandAction.ESTABLISH)
        .setOutcome(CommandOutcome.RESOLVED)
        .build();
  }
}
