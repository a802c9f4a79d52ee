package org.contactpipeline.schemas.registry;

/**
 * A schema registry refused a request, with its HTTP status and the Confluent API's {@code
 * error_code} (40401 subject not found, 40403 schema not found, 409 incompatible, ...).
 */
public class SchemaRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int SCHEMA_NOT_FOUND = 40403;

  private final int status;
  private final int errorCode;

  public SchemaRegistryException(String message, int status, int errorCode) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  public int status() {
    return status;
  }

  public int errorCode() {
    return errorCode;
  }

  /** A 404: the subject, the version or the schema is not there (the registry itself answered). */
  public boolean isNotFound() {
    return status == 404;
  }

  /**
   * A 409: the schema is incompatible with the subject's earlier versions under its compatibility
   * level.
   */
  public boolean isIncompatible() {
    return status == 409;
  }
}
