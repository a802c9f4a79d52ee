package org.contactpipeline.ingest.marketingcloud;

/**
 * A Marketing Cloud request that breaks the contract, refused before anything is published:
 * answered 400 with a validation result message in the shape of the endpoint that refused it.
 */
public final class RequestRejection extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String resultCode;
  private final String field;

  RequestRejection(String resultCode, String message, String field) {
    super(message);
    this.resultCode = resultCode;
    this.field = field;
  }

  String resultCode() {
    return resultCode;
  }

  String field() {
    return field;
  }
}
