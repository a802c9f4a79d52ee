package org.contactpipeline.ingest.cendyn;

import io.javalin.http.Context;

/**
 * A Cendyn request this API refuses before anything is published. Cendyn is a Rails application, so
 * the statuses follow Rails' convention: 400 when the request cannot be read at all (not a JSON
 * object, a malformed query parameter), 422 when it is well-formed but a field breaks a rule.
 */
final class CendynRejection extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static final int MALFORMED = 400;
  static final int UNPROCESSABLE = 422;

  private final int status;

  private CendynRejection(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The request cannot be read: 400. */
  static CendynRejection malformed(String message) {
    return new CendynRejection(MALFORMED, message);
  }

  /** A field breaks a rule: 422. */
  static CendynRejection unprocessable(String message) {
    return new CendynRejection(UNPROCESSABLE, message);
  }

  int status() {
    return status;
  }

  CendynError body() {
    return new CendynError(getMessage());
  }

  /** Cendyn's answer to this refusal: its status and its error body. */
  void answer(Context ctx) {
    ctx.status(status).json(body());
  }
}
