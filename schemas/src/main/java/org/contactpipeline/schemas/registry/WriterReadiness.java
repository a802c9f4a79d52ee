package org.contactpipeline.schemas.registry;

/**
 * Whether a service can write in its deployment's wire format, and why: what the registry holds, or
 * what it still lacks. The contract says only this; each service turns it into its health check.
 */
public record WriterReadiness(boolean ready, String detail) {

  public static WriterReadiness ready(String detail) {
    return new WriterReadiness(true, detail);
  }

  public static WriterReadiness notReady(String detail) {
    return new WriterReadiness(false, detail);
  }
}
