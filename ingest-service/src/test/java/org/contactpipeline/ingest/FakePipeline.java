package org.contactpipeline.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.contactpipeline.ingest.pipeline.CommandLog;
import org.contactpipeline.ingest.pipeline.ResponseWaiter;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactResponse;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;

/**
 * Stands in for Kafka in HTTP tests: records what was published and answers like the pipeline would
 * (an ID per distinct key, new only the first time), in reverse completion order so that ordering
 * bugs show. Broker behaviour itself is proven by the integration tests.
 */
final class FakePipeline implements CommandLog, ResponseWaiter {

  enum Mode {
    ANSWER,
    NEVER_ANSWER,
    ANSWER_INCOMPLETE,
    REFUSE_COMMANDS
  }

  final List<ContactCommand> published = new CopyOnWriteArrayList<>();
  private final Map<String, CompletableFuture<ContactResponse>> waiting = new ConcurrentHashMap<>();
  private final Map<String, Long> ids = new ConcurrentHashMap<>();
  volatile Mode mode = Mode.ANSWER;

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

  @Override
  public synchronized CompletableFuture<Void> publish(List<ContactCommand> commands) {
    if (mode == Mode.REFUSE_COMMANDS) {
      return CompletableFuture.failedFuture(
          new org.apache.kafka.common.errors.TimeoutException("broker down"));
    }
    published.addAll(commands);
    List<ContactResult> results = new ArrayList<>();
    for (ContactCommand command : commands) {
      String identity = command.getKey().toString();
      boolean created = !ids.containsKey(identity);
      long id = ids.computeIfAbsent(identity, k -> 1000L + ids.size());
      results.add(
          ContactResult.newBuilder()
              .setRequestId(command.getRequestId())
              .setItemIndex(command.getItemIndex())
              .setItemCount(command.getItemCount())
              .setReplyTo(command.getReplyTo())
              .setKey(command.getKey())
              .setContactId(id)
              .setStatus(ContactStatus.ACTIVE)
              .setNewContact(created)
              .setResolvedAt(Instant.now())
              .setAction(command.getAction())
              .build());
    }
    Collections.reverse(results);
    String requestId = commands.get(0).getRequestId();
    CompletableFuture<ContactResponse> response = waiting.remove(requestId);
    if (response != null && mode != Mode.NEVER_ANSWER) {
      boolean complete = mode == Mode.ANSWER;
      List<ContactResult> delivered = complete ? results : results.subList(0, results.size() - 1);
      response.complete(
          new ContactResponse(requestId, replyTo(), commands.size(), complete, delivered));
    }
    return CompletableFuture.completedFuture(null);
  }

  boolean isWaitingFor(String requestId) {
    return waiting.containsKey(requestId);
  }
}
