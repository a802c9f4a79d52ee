package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.contactpipeline.guide.ChangelogReader;
import org.contactpipeline.guide.DirectCommandProducer;
import org.contactpipeline.guide.ResultsReader;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's consumer and producer guide, run as written (the README quotes these classes of
 * {@code org.contactpipeline.guide} verbatim, which {@code ReadmeGuideTest} checks): against the
 * default stack (Avro single-object encoding) and the one with a schema registry (Confluent
 * framing).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GuideExamplesIT {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"single-object encoding", "Confluent framing"})
  void shouldPublishACommandFollowItsResultAndReadTheGoldenRecordAndItsTombstone(String encoding)
      throws Exception {
    LocalStack stack = encoding.startsWith("Confluent") ? RegistryStack.get() : TestStack.get();
    String registryUrl = stack.schemaRegistryUrl().orElse("");
    String tenant = "guide-" + UUID.randomUUID();
    ContactKey key = new ContactKey(tenant, 0, "someone@example.com");

    ContactResult result =
        DirectCommandProducer.establish(
            stack.bootstrapServers(), registryUrl, key, Duration.ofSeconds(60));

    assertThat(result.getOutcome()).isEqualTo(CommandOutcome.RESOLVED);
    assertThat(result.getNewContact()).isTrue();
    assertThat(
            ResultsReader.read(
                stack.bootstrapServers(),
                registryUrl,
                "guide-results-" + UUID.randomUUID(),
                Duration.ofSeconds(3)))
        .contains(
            "request "
                + result.getRequestId()
                + " item 0/1 RESOLVED contact "
                + result.getContactId()
                + " "
                + tenant
                + "/someone@example.com (new)");

    Api api = new Api(stack.httpUrl(), "demo-token");
    String contact =
        "contact " + result.getContactId() + " " + tenant + "/someone@example.com version 1 ACTIVE";
    Poll.until(
        Duration.ofSeconds(60),
        () -> changelog(stack, registryUrl),
        lines -> lines.contains(contact));

    // The tombstone of a deleted contact, on the demo tenant's key (the static token names the
    // tenant).
    String deletedKey = "guide-deleted-" + UUID.randomUUID();
    api.establishIds(List.of(deletedKey));
    assertThat(api.deleteContacts("keys", List.of(deletedKey)).status()).isEqualTo(200);
    Poll.until(
        Duration.ofSeconds(60),
        () -> changelog(stack, registryUrl),
        lines -> lines.contains("deleted demo/0/" + deletedKey));
  }

  private static List<String> changelog(LocalStack stack, String registryUrl) {
    return ChangelogReader.read(
        stack.bootstrapServers(),
        registryUrl,
        "guide-changelog-" + UUID.randomUUID(),
        Duration.ofSeconds(3));
  }
}
