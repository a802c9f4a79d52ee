package org.contactpipeline.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.contactpipeline.deploy.TopicLayout;
import org.contactpipeline.ingest.testing.SilentReplies;
import org.contactpipeline.schemas.ContactIds;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.WireFormat;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.JobKind;
import org.contactpipeline.stack.LocalKafka;
import org.contactpipeline.store.JobStore;
import org.contactpipeline.store.StoredJob;
import org.contactpipeline.testing.PipelineTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's submission on a real KRaft broker: every item's command lands on contact.commands flagged
 * as the job's (request id = job id, numbered, no reply address), each on the partition that owns
 * it, and the job itself lands on contact.jobs keyed by its id, as sink-service reads them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JobSubmissionIT {

  private static final Duration READ = Duration.ofSeconds(30);

  @TempDir static Path dataDir;
  private static LocalKafka kafka;
  private static CommandPublisher commands;
  private static JobPublisher jobs;

  @BeforeAll
  static void startBroker() {
    kafka = LocalKafka.start(dataDir, 0);
    TopicLayout.ensureTopics(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), 4, 2);
    Map<String, Object> client =
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    commands = new CommandPublisher(client, WireFormat.singleObject());
    jobs = new JobPublisher(client, WireFormat.singleObject());
  }

  @AfterAll
  static void stopBroker() {
    jobs.close();
    commands.close();
    kafka.close();
  }

  @Test
  void shouldPublishEveryCommandFlaggedAsTheJobsAndThenTheJobKeyedByItsId() throws Exception {
    Clock clock = Clock.systemUTC();
    JobLookup lookup = new JobLookup(NOTHING_RECORDED, clock);
    JobSubmission submission =
        JobSubmission.of(
            new CommandGateway(commands, new SilentReplies(), Duration.ofSeconds(5)), jobs, lookup);
    String jobId = "job-" + System.nanoTime();
    Commands.Request request = new Commands(clock, null).job(jobId, 3);
    List<ContactCommand> items =
        List.of(
            request.item(
                0, ContactAddress.key("demo", "a@example.com"), CommandAction.CREATE, data("a")),
            request.item(
                1, ContactAddress.key("demo", "b@example.com"), CommandAction.UPSERT, data("b")),
            request.item(2, ContactAddress.id("demo", 4_001), CommandAction.UPDATE, null));
    ContactJob job =
        ContactJob.newBuilder()
            .setJobId(jobId)
            .setTenant("demo")
            .setKind(JobKind.IVVY_BATCH)
            .setItemCount(3)
            .setCallbackUrl("https://hooks.example.com/ivvy")
            .setAcceptedAt(clock.instant())
            .setRequests(List.of("{}", "{}", "{}"))
            .build();

    submission.submit(items, job).get(30, TimeUnit.SECONDS);

    List<ConsumerRecord<ContactKey, ContactCommand>> published =
        PipelineTopics.readUntil(
            kafka.bootstrapServers(),
            Topics.COMMANDS,
            record -> record.value().getRequestId().equals(jobId),
            read -> read.size() == 3,
            READ);
    assertThat(published)
        .allSatisfy(
            record -> {
              assertThat(record.value().getJob()).isTrue();
              assertThat(record.value().getReplyTo()).isNull();
              assertThat(record.value().getItemCount()).isEqualTo(3);
            });
    assertThat(published)
        .extracting(record -> record.value().getItemIndex())
        .containsExactlyInAnyOrder(0, 1, 2);
    ConsumerRecord<ContactKey, ContactCommand> byId =
        published.stream().filter(record -> record.value().getItemIndex() == 2).findFirst().get();
    assertThat(byId.partition()).isEqualTo(ContactIds.ownerPartition(4_001, 4));
    List<ConsumerRecord<String, ContactJob>> accepted =
        PipelineTopics.readUntil(
            kafka.bootstrapServers(),
            Topics.JOBS,
            record -> record.key().equals(jobId),
            read -> !read.isEmpty(),
            READ);
    assertThat(accepted)
        .singleElement()
        .satisfies(record -> assertThat(record.value()).isEqualTo(job));
    assertThat(lookup.find("demo", jobId)).map(StoredJob::job).contains(job);
    assertThat(lookup.find("other", jobId)).isEmpty();
  }

  private static ContactData data(String name) {
    return ContactData.newBuilder().setFirstName(name).setEmail(name + "@example.com").build();
  }

  private static final JobStore NOTHING_RECORDED =
      new JobStore() {
        @Override
        public java.util.Optional<StoredJob> job(String tenant, String jobId) {
          return java.util.Optional.empty();
        }

        @Override
        public List<org.contactpipeline.schemas.avro.ContactResult> itemResults(
            String tenant, String jobId) {
          return List.of();
        }
      };
}
