package org.contactpipeline.store;

/**
 * The read side could not answer: the database is unreachable or refused the query, or a stored
 * record does not decode. Nothing was changed; the same read may succeed later, so an HTTP handler
 * answers it as a temporary failure (503), never as "not found".
 */
public final class ContactStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ContactStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
