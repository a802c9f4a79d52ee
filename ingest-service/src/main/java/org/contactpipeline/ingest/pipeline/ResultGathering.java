package org.contactpipeline.ingest.pipeline;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.contactpipeline.schemas.avro.ContactResponse;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * The results of one request gathered so far, in completion order, until all {@code itemCount} have
 * arrived. A result for an item already seen is ignored, so a redelivered record can never answer
 * an item twice.
 */
final class ResultGathering {

  private final String requestId;
  private final String replyTo;
  private final CompletableFuture<ContactResponse> response = new CompletableFuture<>();
  private final List<ContactResult> results = new ArrayList<>();
  private final BitSet seen = new BitSet();
  private boolean finished;

  ResultGathering(String requestId, String replyTo) {
    this.requestId = requestId;
    this.replyTo = replyTo;
  }

  CompletableFuture<ContactResponse> response() {
    return response;
  }

  /**
   * Adds a result; true when it was the last one missing. The response is then complete, and {@code
   * completer} completes the future: whatever waits on it (rendering and writing the HTTP answer)
   * runs where the completer runs it, not on the caller's thread.
   */
  synchronized boolean add(ContactResult result, Executor completer) {
    if (finished || seen.get(result.getItemIndex())) {
      return false;
    }
    seen.set(result.getItemIndex());
    results.add(result);
    if (results.size() < result.getItemCount()) {
      return false;
    }
    finished = true;
    ContactResponse gathered =
        new ContactResponse(requestId, replyTo, result.getItemCount(), true, List.copyOf(results));
    completer.execute(() -> response.complete(gathered));
    return true;
  }

  synchronized int arrived() {
    return results.size();
  }
}
