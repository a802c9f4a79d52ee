package org.contactpipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.junit.jupiter.api.Test;

class StreamsAppTest {

  @Test
  void shouldReplaceTheThreadWhoseTransactionTheBrokerRefusedAsInAnInvalidState() {
    Throwable asStreamsReportsIt =
        new StreamsException(
            "Error encountered trying to commit a transaction",
            new KafkaException(new InvalidTxnStateException("The producer attempted a ...")));

    assertThat(StreamsApp.responseTo(asStreamsReportsIt))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }

  @Test
  void shouldReplaceTheThreadWhoseConsumerWasFencedAsAStaticMember() {
    Throwable asStreamsReportsIt =
        new StreamsException(
            new FencedInstanceIdException(
                "The broker rejected this static consumer since another consumer with the same"
                    + " group.instance.id has registered with a different member.id."));

    assertThat(StreamsApp.responseTo(asStreamsReportsIt))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }

  @Test
  void shouldShutTheClientDownOnAnyOtherFailure() {
    assertThat(StreamsApp.responseTo(new StreamsException("a bug", new IllegalStateException())))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    assertThat(StreamsApp.responseTo(new TaskCorruptedException(java.util.Set.of())))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }
}
