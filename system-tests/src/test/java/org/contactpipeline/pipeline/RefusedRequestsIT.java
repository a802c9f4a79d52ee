package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.contactpipeline.ingest.cendyn.CendynRefusedRequests;
import org.contactpipeline.ingest.ivvy.IvvyRefusals;
import org.contactpipeline.ingest.marketingcloud.MarketingCloudRefusals;
import org.contactpipeline.ingest.testing.RefusedRequest;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.PipelineTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule of every API, on the real stack: the bad request is refused with the
 * documented error in the vendor's shape, and {@code contact.commands} does not grow.
 */
@Timeout(180)
class RefusedRequestsIT {

  private static LocalStack stack;
  private static Api api;
  private static Admin admin;

  @BeforeAll
  static void stack() {
    stack = TestStack.get();
    api = new Api(stack.httpUrl(), "demo-token");
    admin = Admin.create(stack.services().kafkaClientProperties());
  }

  @AfterAll
  static void closeAdmin() {
    admin.close(Duration.ofSeconds(5));
  }

  static Stream<RefusedRequest> refusals() {
    return Stream.of(MarketingCloudRefusals.all(), IvvyRefusals.all(), CendynRefusedRequests.all())
        .flatMap(List::stream);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void shouldRefuseTheRequestAndPublishNothing(RefusedRequest refused) throws Exception {
    long commandsBefore = PipelineTopics.commandsWritten(admin);

    Api.Reply reply =
        api.send(refused.method(), refused.path(), refused.authorization(), refused.body());

    assertThat(reply.status()).as("status for: %s", refused.rule()).isEqualTo(refused.status());
    assertThat(reply.body()).as("error body for: %s", refused.rule()).isNotNull();
    assertThat(reply.body().toString()).contains(refused.mustMention());
    assertThat(PipelineTopics.commandsWritten(admin))
        .as("commands published for: %s", refused.rule())
        .isEqualTo(commandsBefore);
  }
}
