package org.contactpipeline.ingest.http;

import io.javalin.config.RoutesConfig;

/**
 * One vendor's API on ingest-service: its routes, its authentication, and the shape its errors take
 * when nothing more specific applies (401, 403, unknown route, unexpected failure).
 */
public interface VendorApi {

  /**
   * A short stable name for metrics and docs: {@code marketing-cloud}, {@code ivvy}, {@code
   * cendyn}.
   */
  default String name() {
    return getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  /** Adds this API's authentication before-handlers and routes. */
  void register(RoutesConfig routes);

  /**
   * Route patterns covering this API's paths, e.g. {@code /contacts/*}; backpressure applies to
   * them.
   */
  java.util.List<String> pathPatterns();

  /** Whether a request path belongs to this API, so its error shape applies. */
  boolean owns(String path);

  /** This API's error body for an HTTP status and a message meant for the caller. */
  Object errorBody(int status, String message);

  /**
   * The largest request body {@code path} takes; every route takes {@code
   * IngestApp.MAX_REQUEST_BYTES} unless its API says more (a bulk route).
   */
  default long maxBodyBytes(String path, long defaultBytes) {
    return defaultBytes;
  }

  /** This API's body for 429, when ingest throttles a request (see {@link Backpressure}). */
  default Object throttledBody(String message) {
    return errorBody(429, message);
  }
}
