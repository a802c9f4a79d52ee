package org.contactpipeline.callbacks;

/** A callback URL the deployment's {@link CallbackPolicy} refuses: retrying will not help. */
public final class CallbackRefusedException extends RuntimeException {

  public CallbackRefusedException(String reason) {
    super(reason);
  }
}
