package org.contactpipeline.schemas.registry;

/**
 * The schema registry could not be asked at all (refused connection, time-out, a 5xx): nothing is
 * known about the schema, so a record that needs it must be retried, never dead-lettered.
 */
public class SchemaRegistryUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SchemaRegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True when this failure, or one of its causes, is the registry being unreachable. */
  public static boolean isCause(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SchemaRegistryUnavailableException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
