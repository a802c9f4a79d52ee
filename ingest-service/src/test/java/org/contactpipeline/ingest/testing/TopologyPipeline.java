package org.contactpipeline.ingest.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.contactpipeline.config.Settings;
import org.contactpipeline.ingest.pipeline.CommandLog;
import org.contactpipeline.ingest.pipeline.JobLog;
import org.contactpipeline.ingest.pipeline.ResponseWaiter;
import org.contactpipeline.resolver.ResolverConfig;
import org.contactpipeline.resolver.ResolverTopology;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactResponse;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * The pipeline behind ingest's HTTP tests: the production resolver topology in a {@link
 * TopologyTestDriver} (one partition, so it owns every key and ID), results gathered into responses
 * at once, and golden records applied to an {@link InMemoryContactStore}. What only a broker and a
 * database can prove (partitions, transactions, SQL) is left to the integration tests.
 */
public final class TopologyPipeline implements CommandLog, JobLog, ResponseWaiter, AutoCloseable {

  private final Path stateDir;
  private final TopologyTestDriver driver;
  private final TestInputTopic<ContactKey, ContactCommand> commands;
  private final TestOutputTopic<String, ContactResult> results;
  private final TestOutputTopic<ContactKey, ContactRecord> changelog;
  private final TestOutputTopic<byte[], byte[]> deadLetters;
  private final Map<String, CompletableFuture<ContactResponse>> waiting = new ConcurrentHashMap<>();
  private final InMemoryContactStore store = new InMemoryContactStore();
  private final InMemoryJobStore jobStore = new InMemoryJobStore();

  /** Every asynchronous job published to contact.jobs, in order (redelivery copies included). */
  public final List<ContactJob> publishedJobs = new CopyOnWriteArrayList<>();

  /** When set, publishing a job fails as if Kafka refused it (its commands still go through). */
  public volatile boolean refuseJobs;

  /** Every command published, in order. */
  public final List<ContactCommand> published = new CopyOnWriteArrayList<>();

  /** The headers each of {@link #published} went out with, in the same order. */
  public final List<Headers> publishedHeaders = new CopyOnWriteArrayList<>();

  /** When set, publishing fails as if Kafka refused the commands. */
  public volatile boolean refuseCommands;

  /** How a waiting handler is answered; tests of ordering and timeouts change it. */
  public volatile Answering answering = Answering.IN_REQUEST_ORDER;

  /** How the results of a request reach the handler waiting for them. */
  public enum Answering {
    /** Every result, in item order. */
    IN_REQUEST_ORDER,
    /** Every result, last item first, as if they completed in reverse: ordering bugs show. */
    IN_REVERSE_ORDER,
    /** In reverse, and without the first item's result: a response that never completes. */
    INCOMPLETE,
    /** Nothing: the handler waits until its timeout. */
    NEVER
  }

  public TopologyPipeline() {
    try {
      stateDir = Files.createTempDirectory("topology-pipeline");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ResolverConfig config =
        ResolverConfig.from(
            Settings.layer(
                ResolverConfig.DEFAULTS,
                Map.of("RESOLVER_STATE_DIR", stateDir.toString(), "COMMANDS_PARTITIONS", "1")));
    driver =
        new TopologyTestDriver(
            ResolverTopology.build(config, new SimpleMeterRegistry()),
            config.streams().streamsProperties());
    commands =
        driver.createInputTopic(
            Topics.COMMANDS.name(),
            Topics.COMMANDS.keySerde().serializer(),
            Topics.COMMANDS.valueSerde().serializer());
    results =
        driver.createOutputTopic(
            Topics.RESULTS.name(),
            Topics.RESULTS.keySerde().deserializer(),
            Topics.RESULTS.valueSerde().deserializer());
    changelog =
        driver.createOutputTopic(
            Topics.CHANGELOG.name(),
            Topics.CHANGELOG.keySerde().deserializer(),
            Topics.CHANGELOG.valueSerde().deserializer());
    deadLetters =
        driver.createOutputTopic(
            Topics.DEAD_LETTERS.name(),
            Topics.DEAD_LETTERS.keySerde().deserializer(),
            Topics.DEAD_LETTERS.valueSerde().deserializer());
  }

  /** The jobs read side, as sink-service would have recorded it. */
  public InMemoryJobStore jobStore() {
    return jobStore;
  }

  @Override
  public CompletableFuture<Void> publish(ContactJob job, Headers headers) {
    if (refuseJobs) {
      return CompletableFuture.failedFuture(new TimeoutException("broker down (test)"));
    }
    publishedJobs.add(job);
    jobStore.recordJob(job);
    return CompletableFuture.completedFuture(null);
  }

  /** The read side, as sink-service would have materialized it. */
  public InMemoryContactStore store() {
    return store;
  }

  @Override
  public String replyTo() {
    return "ingest-test";
  }

  @Override
  public CompletableFuture<ContactResponse> expect(String requestId) {
    CompletableFuture<ContactResponse> response = new CompletableFuture<>();
    waiting.put(requestId, response);
    return response;
  }

  /** Publishes commands as a producer outside any HTTP request would: without request headers. */
  public CompletableFuture<Void> publish(List<ContactCommand> batch) {
    return publish(batch, new RecordHeaders());
  }

  @Override
  public synchronized CompletableFuture<Void> publish(List<ContactCommand> batch, Headers headers) {
    if (refuseCommands) {
      return CompletableFuture.failedFuture(new TimeoutException("broker down (test)"));
    }
    for (ContactCommand command : batch) {
      published.add(command);
      publishedHeaders.add(new RecordHeaders(headers.toArray()));
      commands.pipeInput(
          new TestRecord<>(command.getKey(), command, new RecordHeaders(headers.toArray())));
    }
    if (!deadLetters.isEmpty()) {
      throw new IllegalStateException(
          "the resolver dead-lettered a command: " + deadLetters.readKeyValuesToList());
    }
    for (KeyValue<ContactKey, ContactRecord> change : changelog.readKeyValuesToList()) {
      store.apply(change.key, change.value);
    }
    List<ContactResult> resolved = results.readValuesToList();
    resolved.stream()
        .filter(result -> result.getAction() == CommandAction.DELETE)
        .forEach(store::recordDelete);
    resolved.forEach(jobStore::recordResult);
    answer(resolved);
    return CompletableFuture.completedFuture(null);
  }

  private void answer(List<ContactResult> resolved) {
    Map<String, List<ContactResult>> byRequest = new java.util.LinkedHashMap<>();
    resolved.forEach(
        result ->
            byRequest.computeIfAbsent(result.getRequestId(), id -> new ArrayList<>()).add(result));
    byRequest.forEach(
        (requestId, items) -> {
          CompletableFuture<ContactResponse> response = waiting.remove(requestId);
          if (response != null && answering != Answering.NEVER) {
            items.sort(Comparator.comparingInt(ContactResult::getItemIndex));
            if (answering != Answering.IN_REQUEST_ORDER) {
              Collections.reverse(items);
            }
            boolean complete = answering != Answering.INCOMPLETE;
            List<ContactResult> delivered = complete ? items : items.subList(0, items.size() - 1);
            response.complete(
                new ContactResponse(
                    requestId, replyTo(), items.get(0).getItemCount(), complete, delivered));
          }
        });
  }

  /** Whether a handler still waits for this request's response. */
  public boolean isWaitingFor(String requestId) {
    return waiting.containsKey(requestId);
  }

  @Override
  public void close() {
    driver.close();
    try (var files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (java.io.IOException e) {
      // a leftover temp directory is harmless
    }
  }
}
