package org.contactpipeline.logging;

import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.contactpipeline.schemas.RequestHeaders;
import org.slf4j.MDC;

/**
 * The request a thread is working for, in the logging MDC ({@code request_id}, {@code tenant}), so
 * that every line logged meanwhile names it: ingest sets it per HTTP request, the resolver and the
 * sink per record from its {@link RequestHeaders}. Both JSON and plain logs print it.
 */
public final class RequestLogContext {

  public static final String REQUEST_ID = "request_id";
  public static final String TENANT = "tenant";

  private RequestLogContext() {}

  /**
   * Sets the request of this thread until the returned scope closes, which puts back what was there
   * before. An absent value removes the key meanwhile, so a thread never logs a stale request.
   */
  public static Scope open(Optional<String> requestId, Optional<String> tenant) {
    Scope scope = new Scope(MDC.get(REQUEST_ID), MDC.get(TENANT));
    set(REQUEST_ID, requestId.orElse(null));
    set(TENANT, tenant.orElse(null));
    return scope;
  }

  /** {@link #open} with the request a record's {@link RequestHeaders} name. */
  public static Scope open(Headers headers) {
    return open(RequestHeaders.requestId(headers), RequestHeaders.tenant(headers));
  }

  /** The request of this thread as {@link RequestHeaders}, to put on what it publishes. */
  public static Headers headers() {
    return RequestHeaders.of(MDC.get(REQUEST_ID), MDC.get(TENANT));
  }

  /** Sets or, when null, removes one key of this thread's request. */
  public static void set(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  /** Forgets this thread's request. */
  public static void clear() {
    MDC.remove(REQUEST_ID);
    MDC.remove(TENANT);
  }

  /** Puts back the request a thread had before {@link #open}. */
  public static final class Scope implements AutoCloseable {

    private final String requestId;
    private final String tenant;

    private Scope(String requestId, String tenant) {
      this.requestId = requestId;
      this.tenant = tenant;
    }

    @Override
    public void close() {
      set(REQUEST_ID, requestId);
      set(TENANT, tenant);
    }
  }
}
