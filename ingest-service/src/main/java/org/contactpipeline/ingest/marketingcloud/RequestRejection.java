package org.contactpipeline.ingest.marketingcloud;

/** An establish request that breaks the contract; answered 400 with a validation result message. */
final class RequestRejection extends RuntimeException {

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
