package org.contactpipeline.tools;

/**
 * A failure the person at the terminal can act on: printed as its message alone, without a stack
 * trace, and the command exits non-zero.
 */
public final class ToolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ToolException(String message) {
    super(message);
  }

  public ToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
