package org.contactpipeline.ingest.ivvy;

import io.javalin.http.Context;
import java.util.List;
import org.contactpipeline.vendor.ivvy.IvvyError;

/**
 * A request iVvy's contract refuses, carrying the exception it is answered with. Thrown by
 * validation before anything is published, so a refused request never reaches the pipeline.
 */
final class IvvyRejection extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A parameter did not validate; iVvy reports only the first one it finds. */
  static final int INVALID_PARAMETER = 23016;

  /** A required parameter is missing. */
  static final int MISSING_PARAMETER = 23017;

  /** A batch could not be saved (Kafka did not take it): retry it. */
  static final int BATCH_NOT_SAVED = 24091;

  /** A batch's jobs are not an array of {namespace, action, params} this API can run. */
  static final int INCORRECT_JOB_FORMAT = 24092;

  /** A batch job without parameters. */
  static final int EMPTY_JOB_PARAMETER = 24093;

  /** No batch with the given asyncId (in the caller's tenant), for progress, restart, repost. */
  static final int BATCH_NOT_FOUND = 24105;

  /** The batch's results are asked for before every job has one. */
  static final int BATCH_NOT_COMPLETED = 24114;

  /** No batch with the given asyncId (in the caller's tenant), for results. */
  static final int BATCH_RESULTS_NOT_FOUND = 24115;

  /** More jobs than a batch takes. */
  static final int TOO_MANY_JOBS = 24448;

  /** The request's Date or IVVY-Date is not within 5 minutes of now. */
  static final int STALE_REQUEST = 23005;

  private final transient IvvyError error;

  private IvvyRejection(IvvyError error) {
    super(error.message());
    this.error = error;
  }

  /**
   * {@code 'parameter' does not validate}, with why in the additional messages, as iVvy words it.
   */
  static IvvyRejection invalid(String parameter, String reason) {
    return new IvvyRejection(
        new IvvyError(
            400, "'" + parameter + "' does not validate", INVALID_PARAMETER, List.of(reason)));
  }

  /** {@code 'parameter' is required}, as iVvy words it. */
  static IvvyRejection missing(String parameter) {
    return new IvvyRejection(
        new IvvyError(400, "'" + parameter + "' is required", MISSING_PARAMETER, null));
  }

  /** A signed request made too long ago (or too far ahead): iVvy's own answer, word for word. */
  static IvvyRejection stale() {
    return new IvvyRejection(new IvvyError(401, "Request is stale", STALE_REQUEST, null));
  }

  /**
   * A request that does not authenticate; the message says what is wrong, never with which secret.
   */
  static IvvyRejection unauthorized(String message) {
    return new IvvyRejection(IvvyError.of(401, message));
  }

  static IvvyRejection contactNotFound() {
    return new IvvyRejection(IvvyError.contactNotFound());
  }

  /** A body that is not a JSON object at all: there is no parameter to name. */
  static IvvyRejection unreadableBody(String reason) {
    return new IvvyRejection(
        new IvvyError(400, "The request body must be a JSON object", null, List.of(reason)));
  }

  static IvvyRejection unknownAction(String namespace, String action) {
    return new IvvyRejection(
        IvvyError.of(
            404,
            action == null || action.isEmpty()
                ? "No action given: call /api/1.0/" + namespace + "?action=<action>"
                : "Action '" + action + "' does not exist in namespace '" + namespace + "'"));
  }

  /** A batch refused with one of iVvy's batch codes, and why in the additional messages. */
  static IvvyRejection batch(int status, String message, int specificCode, String reason) {
    return new IvvyRejection(
        new IvvyError(status, message, specificCode, reason == null ? null : List.of(reason)));
  }

  /** iVvy's {@code Incorrect Job Format}, saying what is wrong with which job. */
  static IvvyRejection incorrectJobFormat(String reason) {
    return batch(400, "Incorrect Job Format", INCORRECT_JOB_FORMAT, reason);
  }

  /** A well-formed request that cannot be done (no specific code applies). */
  static IvvyRejection unprocessable(String message) {
    return new IvvyRejection(IvvyError.of(400, message));
  }

  /** An unknown asyncId, or another tenant's, worded as iVvy words it for this call. */
  static IvvyRejection batchNotFound(int specificCode) {
    return batch(404, "Could not find batch", specificCode, null);
  }

  int status() {
    return error.errorCode();
  }

  IvvyError error() {
    return error;
  }

  /** iVvy's answer to this refusal: its status and its exception body. */
  void answer(Context ctx) {
    ctx.status(status()).json(error);
  }
}
