package org.contactpipeline.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.contactpipeline.ingest.testing.BrokenReplies;
import org.contactpipeline.logging.RequestLogContext;
import org.contactpipeline.schemas.RequestHeaders;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResponse;
import org.junit.jupiter.api.Test;

/** The gateway's failures, as every vendor API meets them. */
class CommandGatewayTest {

  private static final Commands COMMANDS = new Commands(java.time.Clock.systemUTC(), "ingest-test");

  private static final ContactCommand COMMAND =
      COMMANDS.single(
          "r1", ContactAddress.key(new ContactKey("demo", 0, "k1")), CommandAction.ESTABLISH, null);

  private final CompletableFuture<ContactResponse> waiting = new CompletableFuture<>();
  private final ResponseWaiter replies = new Replies(waiting, 0);

  /**
   * Hands out {@code response} for every request and says {@code arrived} results came when
   * abandoned.
   */
  private record Replies(CompletableFuture<ContactResponse> response, int arrived)
      implements ResponseWaiter {

    @Override
    public String replyTo() {
      return "ingest-test";
    }

    @Override
    public CompletableFuture<ContactResponse> expect(String requestId) {
      return response;
    }

    @Override
    public int abandon(String requestId) {
      return arrived;
    }
  }

  @Test
  void shouldPublishTheCommandsAsTheyWereBuiltWithoutCopyingThem() {
    List<ContactCommand> published = new java.util.ArrayList<>();
    CommandLog recording =
        (commands, headers) -> {
          published.addAll(commands);
          return CompletableFuture.completedFuture(null);
        };

    new CommandGateway(recording, replies, Duration.ofSeconds(5)).submit(List.of(COMMAND));

    assertThat(published).singleElement().isSameAs(COMMAND);
    assertThat(published.get(0).getReplyTo()).isEqualTo("ingest-test");
  }

  @Test
  @SuppressWarnings("try") // the scope only restores the logging MDC when closed
  void shouldPublishTheCommandsWithTheIdAndTenantOfTheRequestOnTheCallingThread() {
    List<Headers> published = new java.util.ArrayList<>();
    CommandLog recording =
        (commands, headers) -> {
          published.add(headers);
          return CompletableFuture.completedFuture(null);
        };
    CommandGateway gateway = new CommandGateway(recording, replies, Duration.ofSeconds(5));

    try (var request = RequestLogContext.open(Optional.of("http-7"), Optional.of("demo"))) {
      gateway.submit(List.of(COMMAND));
    }
    gateway.publishOnly(List.of(COMMAND));

    assertThat(published).hasSize(2);
    assertThat(RequestHeaders.requestId(published.get(0))).contains("http-7");
    assertThat(RequestHeaders.tenant(published.get(0))).contains("demo");
    assertThat(RequestHeaders.requestId(published.get(1))).as("outside a request").isEmpty();
  }

  @Test
  void shouldCallCommandsKafkaRefusedNotAcceptedAnd503() {
    CommandLog refusing =
        (commands, headers) ->
            CompletableFuture.failedFuture(new TimeoutException("broker down (test)"));

    PipelineFailure failure =
        failureOf(
            new CommandGateway(refusing, replies, Duration.ofSeconds(5)).submit(List.of(COMMAND)));

    assertThat(failure).isInstanceOf(CommandGateway.NotAccepted.class);
    assertThat(failure.accepted()).isFalse();
    assertThat(failure.httpStatus()).isEqualTo(503);
    assertThat(failure.requestId()).isEqualTo("r1");
    assertThat(failure.getCause()).isInstanceOf(TimeoutException.class);
    assertThat(waiting).isCancelled();
  }

  @Test
  void shouldCallAcceptedCommandsWhoseResultsAreLateTimedOutAnd504() {
    CommandLog accepting = (commands, headers) -> CompletableFuture.completedFuture(null);

    PipelineFailure failure =
        failureOf(new CommandGateway(accepting, replies, Duration.ofMillis(50)).submitOne(COMMAND));

    assertThat(failure).isInstanceOf(CommandGateway.TimedOut.class);
    assertThat(failure.accepted()).isTrue();
    assertThat(failure.httpStatus()).isEqualTo(504);
    assertThat(((CommandGateway.TimedOut) failure).itemCount()).isEqualTo(1);
  }

  @Test
  void shouldSayHowManyResultsArrivedWhenTheRestAreLate() {
    CommandLog accepting = (commands, headers) -> CompletableFuture.completedFuture(null);
    ResponseWaiter partlyAnswered = new Replies(waiting, 2);

    PipelineFailure failure =
        failureOf(
            new CommandGateway(accepting, partlyAnswered, Duration.ofMillis(50))
                .submit(List.of(COMMAND, COMMAND, COMMAND)));

    assertThat(failure).isInstanceOf(CommandGateway.TimedOut.class);
    assertThat(((CommandGateway.TimedOut) failure).resolved()).isEqualTo(2);
    assertThat(((CommandGateway.TimedOut) failure).itemCount()).isEqualTo(3);
  }

  @Test
  void shouldFailTheFutureInsteadOfThrowingWhenNothingCouldBeSent() {
    CommandLog accepting = (commands, headers) -> CompletableFuture.completedFuture(null);
    CommandGateway gateway =
        new CommandGateway(accepting, new BrokenReplies(), Duration.ofSeconds(5));

    CompletableFuture<ContactResponse> submitted = gateway.submit(List.of(COMMAND));
    CompletableFuture<Void> published = gateway.publishOnly(List.of());

    assertThatThrownBy(() -> PipelineFailure.of(error(submitted)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reply listener");
    assertThatThrownBy(() -> PipelineFailure.of(error(published)))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void shouldStopWaitingAndReportAFaultWhenTheLogThrowsInsteadOfFailingItsFuture() {
    CommandLog faulty =
        (commands, headers) -> {
          throw new IllegalArgumentException("cannot build the record (test)");
        };

    CompletableFuture<ContactResponse> submitted =
        new CommandGateway(faulty, replies, Duration.ofSeconds(5)).submit(List.of(COMMAND));

    assertThatThrownBy(() -> PipelineFailure.of(error(submitted)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(waiting).isCancelled();
  }

  private static PipelineFailure failureOf(CompletableFuture<?> future) {
    return PipelineFailure.of(error(future));
  }

  private static Throwable error(CompletableFuture<?> future) {
    try {
      future.join();
    } catch (CompletionException e) {
      return e;
    }
    throw new AssertionError("the future did not fail");
  }
}
