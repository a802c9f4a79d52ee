package org.contactpipeline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.contactpipeline.sink.ConsumedRecords.NOT_AVRO;
import static org.contactpipeline.sink.ConsumedRecords.RESULTS;

import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.contactpipeline.schemas.ResultHeaders;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.store.DeleteOperationTable;
import org.junit.jupiter.api.Test;

class OperationRecorderTest {

  private final OperationRecorder recorder = new OperationRecorder(new DeleteOperationTable(null));

  @Test
  void shouldPassResultsOfOtherActionsByWithoutDecodingThem() {
    assertThat(
            recorder.decode(
                RESULTS.raw(NOT_AVRO, ResultHeaders.forAction(CommandAction.ESTABLISH))))
        .isEmpty();
  }

  @Test
  void shouldRecordADeleteResultTheHeaderNames() {
    Optional<ContactResult> decoded =
        recorder.decode(
            RESULTS.encoded(deleteResult(), ResultHeaders.forAction(CommandAction.DELETE)));

    assertThat(decoded)
        .hasValueSatisfying(result -> assertThat(result.getRequestId()).isEqualTo("op-1"));
  }

  @Test
  void shouldDecodeAResultWrittenBeforeTheHeaderExisted() {
    assertThat(recorder.decode(RESULTS.encoded(deleteResult(), new RecordHeaders()))).isPresent();
    assertThatThrownBy(() -> recorder.decode(RESULTS.raw(NOT_AVRO, new RecordHeaders())))
        .isInstanceOf(SerializationException.class);
  }

  private static ContactResult deleteResult() {
    return ContactResult.newBuilder()
        .setRequestId("op-1")
        .setItemIndex(0)
        .setItemCount(1)
        .setReplyTo(null)
        .setKey(new ContactKey("demo", 0, "k1"))
        .setContactId(12)
        .setStatus(null)
        .setNewContact(false)
        .setResolvedAt(Instant.EPOCH)
        .setAction(CommandAction.DELETE)
        .setOutcome(CommandOutcome.DELETED)
        .build();
  }
}
