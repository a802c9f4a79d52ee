package org.contactpipeline.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.contactpipeline.schemas.avro.ContactResponse;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.PendingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the results of one request until all {@code itemCount} have arrived, then emits them
 * as one response in completion order. A request whose results do not all arrive within the
 * gather timeout (wall clock, from its first result) is answered with what it has, marked
 * incomplete, so no caller and no store entry waits forever. Results nobody waits for
 * ({@code replyTo} null: fire-and-forget, direct producers) are not gathered.
 */
final class ResponseGatherer implements Processor<String, ContactResult, String, ContactResponse> {

  private static final Logger LOG = LoggerFactory.getLogger(ResponseGatherer.class);

  private final Duration timeout;
  private final Duration checkInterval;
  private ProcessorContext<String, ContactResponse> context;
  private KeyValueStore<String, PendingResponse> pending;

  ResponseGatherer(Duration timeout, Duration checkInterval) {
    this.timeout = timeout;
    this.checkInterval = checkInterval;
  }

  @Override
  public void init(ProcessorContext<String, ContactResponse> context) {
    this.context = context;
    this.pending = context.getStateStore(ResponseGatherTopology.PENDING_STORE);
    context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::answerOverdueRequests);
  }

  @Override
  public void process(Record<String, ContactResult> record) {
    ContactResult result = record.value();
    if (result == null || result.getReplyTo() == null) {
      return;
    }
    String requestId = result.getRequestId();
    PendingResponse gathered = pending.get(requestId);
    if (gathered == null) {
      gathered = new PendingResponse(result.getReplyTo(), result.getItemCount(),
          java.time.Instant.ofEpochMilli(context.currentSystemTimeMs()), new ArrayList<>());
    }
    if (alreadyHas(gathered, result.getItemIndex())) {
      LOG.debug("ignoring a second result for item {} of request {}", result.getItemIndex(), requestId);
      return;
    }
    List<ContactResult> results = new ArrayList<>(gathered.getResults());
    results.add(result);
    gathered.setResults(results);
    if (results.size() >= gathered.getItemCount()) {
      answer(requestId, gathered, true);
    } else {
      pending.put(requestId, gathered);
    }
  }

  private static boolean alreadyHas(PendingResponse gathered, int itemIndex) {
    return gathered.getResults().stream().anyMatch(existing -> existing.getItemIndex() == itemIndex);
  }

  private void answerOverdueRequests(long now) {
    List<KeyValue<String, PendingResponse>> overdue = new ArrayList<>();
    try (KeyValueIterator<String, PendingResponse> all = pending.all()) {
      all.forEachRemaining(entry -> {
        if (now - entry.value.getFirstSeenAt().toEpochMilli() >= timeout.toMillis()) {
          overdue.add(entry);
        }
      });
    }
    for (KeyValue<String, PendingResponse> entry : overdue) {
      LOG.warn("request {} timed out with {} of {} results", entry.key, entry.value.getResults().size(),
          entry.value.getItemCount());
      answer(entry.key, entry.value, false);
    }
  }

  private void answer(String requestId, PendingResponse gathered, boolean complete) {
    pending.delete(requestId);
    ContactResponse response = ContactResponse.newBuilder()
        .setRequestId(requestId)
        .setReplyTo(gathered.getReplyTo())
        .setItemCount(gathered.getItemCount())
        .setComplete(complete)
        .setResults(gathered.getResults())
        .build();
    context.forward(new Record<>(gathered.getReplyTo(), response, context.currentSystemTimeMs()));
  }
}
