package org.contactpipeline.ingest.pipeline;

import java.util.concurrent.CompletionException;

/**
 * Why the pipeline did not answer a request in full: the one classification every vendor API
 * answers with, each in its own error shape. {@link CommandGateway.NotAccepted} (Kafka did not take
 * every command; retrying is safe) is a 503, {@link CommandGateway.TimedOut} (accepted, but not
 * every result came back in time; the commands still run) a 504. Any other failure is not the
 * pipeline's: {@link #of} rethrows it, for the generic 500 every API shares.
 */
public abstract sealed class PipelineFailure extends RuntimeException
    permits CommandGateway.NotAccepted, CommandGateway.TimedOut {

  private static final long serialVersionUID = 1L;

  private final String requestId;

  PipelineFailure(String requestId, String message, Throwable cause) {
    super(message, cause);
    this.requestId = requestId;
  }

  /**
   * The pipeline failure a failed future of {@link CommandGateway} ended with; anything else is
   * rethrown unchanged (a checked cause wrapped in a {@link CompletionException}).
   */
  public static PipelineFailure of(Throwable error) {
    Throwable cause = CommandGateway.unwrap(error);
    if (cause instanceof PipelineFailure failure) {
      return failure;
    }
    throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
  }

  public String requestId() {
    return requestId;
  }

  /** Whether Kafka took every command, so they take effect though their results came late. */
  public abstract boolean accepted();

  /** The HTTP status every API answers with: 503 when not accepted, 504 when accepted but late. */
  public int httpStatus() {
    return accepted() ? 504 : 503;
  }
}
