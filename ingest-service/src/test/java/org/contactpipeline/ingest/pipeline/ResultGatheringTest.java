package org.contactpipeline.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResponse;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.junit.jupiter.api.Test;

class ResultGatheringTest {

  private final ResultGathering gathering = new ResultGathering("r1", "ingest-test");

  @Test
  void shouldCompleteInCompletionOrderOnceEveryItemHasArrived() {
    assertThat(gathering.add(result(2, 3), Runnable::run)).isFalse();
    assertThat(gathering.add(result(0, 3), Runnable::run)).isFalse();
    assertThat(gathering.response()).isNotDone();

    assertThat(gathering.add(result(1, 3), Runnable::run)).isTrue();

    ContactResponse response = gathering.response().join();
    assertThat(response.getComplete()).isTrue();
    assertThat(response.getRequestId()).isEqualTo("r1");
    assertThat(response.getItemCount()).isEqualTo(3);
    assertThat(response.getResults())
        .extracting(ContactResult::getItemIndex)
        .containsExactly(2, 0, 1);
  }

  @Test
  void shouldIgnoreASecondResultForTheSameItem() {
    gathering.add(result(0, 2), Runnable::run);

    assertThat(gathering.add(result(0, 2), Runnable::run)).isFalse();

    assertThat(gathering.arrived()).isEqualTo(1);
    assertThat(gathering.response()).isNotDone();
  }

  @Test
  void shouldCountWhatArrivedSoFar() {
    gathering.add(result(4, 5), Runnable::run);
    gathering.add(result(1, 5), Runnable::run);

    assertThat(gathering.arrived()).isEqualTo(2);
  }

  private static ContactResult result(int itemIndex, int itemCount) {
    return ContactResult.newBuilder()
        .setRequestId("r1")
        .setItemIndex(itemIndex)
        .setItemCount(itemCount)
        .setReplyTo("ingest-test")
        .setKey(new ContactKey("demo", 0, "k" + itemIndex))
        .setContactId(100 + itemIndex)
        .setStatus(ContactStatus.ACTIVE)
        .setNewContact(true)
        .setResolvedAt(Instant.EPOCH)
        .setAction(CommandAction.ESTABLISH)
        .setOutcome(CommandOutcome.RESOLVED)
        .build();
  }
}
