package org.contactpipeline.ingest.marketingcloud;

import io.javalin.http.HttpStatus;
import java.util.concurrent.CompletionException;
import org.contactpipeline.ingest.pipeline.CommandGateway;

/**
 * How a request the pipeline did not answer in full is reported: 503 when Kafka did not take
 * every command (retrying is safe), 504 when it did but not every result came back in time (the
 * commands still run). Anything else is not a pipeline failure and is rethrown, for the generic
 * 500 handler.
 */
record PipelineFailure(HttpStatus status, ResultMessage message) {

  /**
   * @param stillRunning what an accepted but unanswered request means for the caller, e.g.
   *     "the contact is still being updated"
   */
  static PipelineFailure of(Throwable error, String stillRunning) {
    Throwable cause = CommandGateway.unwrap(error);
    if (cause instanceof CommandGateway.TimedOut timedOut) {
      return new PipelineFailure(HttpStatus.GATEWAY_TIMEOUT, ResultMessage.operationalError("ResponseTimedOut",
          "Request " + timedOut.requestId() + " was accepted but only " + timedOut.resolved() + " of "
              + timedOut.itemCount() + " results arrived in time; " + stillRunning + ".",
          timedOut.requestId()));
    }
    if (cause instanceof CommandGateway.NotAccepted notAccepted) {
      return new PipelineFailure(HttpStatus.SERVICE_UNAVAILABLE, ResultMessage.operationalError("ServiceUnavailable",
          "Request " + notAccepted.requestId() + " could not be written to Kafka in full and was not accepted; "
              + "part of it may have been applied. Retrying is safe.",
          notAccepted.getCause() == null ? notAccepted.requestId() : notAccepted.getCause().getClass().getSimpleName()));
    }
    throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
  }
}
