package org.contactpipeline.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers that let one request be followed through the pipeline's logs: ingest puts the HTTP
 * request's id and the caller's tenant on every command it publishes, the resolver carries them on
 * to the command's result, golden record and dead letter, and the sink reads them back. They are
 * for tracing only: nothing decides on them, and a record without them (from a direct producer, or
 * written before they existed) is handled the same.
 */
public final class RequestHeaders {

  public static final String REQUEST_ID_HEADER = "contact.request-id";
  public static final String TENANT_HEADER = "contact.tenant";

  private RequestHeaders() {}

  /** Headers naming a request and its tenant; either may be null and is then left out. */
  public static Headers of(String requestId, String tenant) {
    RecordHeaders headers = new RecordHeaders();
    put(headers, REQUEST_ID_HEADER, requestId);
    put(headers, TENANT_HEADER, tenant);
    return headers;
  }

  /** Copies the request headers of {@code from}, those it has, onto {@code onto}; returns it. */
  public static Headers carry(Headers from, Headers onto) {
    put(onto, REQUEST_ID_HEADER, requestId(from).orElse(null));
    put(onto, TENANT_HEADER, tenant(from).orElse(null));
    return onto;
  }

  public static Optional<String> requestId(Headers headers) {
    return text(headers, REQUEST_ID_HEADER);
  }

  public static Optional<String> tenant(Headers headers) {
    return text(headers, TENANT_HEADER);
  }

  private static void put(Headers headers, String name, String value) {
    if (value != null) {
      headers.remove(name);
      headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Optional<String> text(Headers headers, String name) {
    Header header = headers == null ? null : headers.lastHeader(name);
    return header == null || header.value() == null
        ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }
}
