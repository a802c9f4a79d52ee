package org.contactpipeline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.contactpipeline.ingest.http.ApiDocs;
import org.contactpipeline.ingest.http.ApiError;
import org.contactpipeline.ingest.http.Backpressure;
import org.contactpipeline.ingest.http.DeclaredCharset;
import org.contactpipeline.ingest.http.DeclaredLength;
import org.contactpipeline.ingest.http.HealthEndpoint;
import org.contactpipeline.ingest.http.HttpMetrics;
import org.contactpipeline.ingest.http.HttpsListener;
import org.contactpipeline.ingest.http.JsonErrorHandler;
import org.contactpipeline.ingest.http.RequestIds;
import org.contactpipeline.ingest.http.UriEscapes;
import org.contactpipeline.ingest.http.VendorApi;
import org.contactpipeline.metrics.ServiceMetrics;
import org.contactpipeline.store.ContactStoreException;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface of ingest-service: health plus each vendor's API, and the error shapes that
 * apply when no handler wrote a more specific one. It takes its collaborators ready-made and only
 * wires them, so tests can bind port 0 with real or test parts.
 */
public final class IngestApp {

  private static final Logger LOG = LoggerFactory.getLogger(IngestApp.class);

  /**
   * Largest request body: room for the largest valid establish (1,000 keys of 254 characters, up to
   * three UTF-8 bytes each) and no more. Every command is a record of its own, so the body's size
   * never decides whether a command fits in Kafka; contact data has its own budget.
   */
  public static final long MAX_REQUEST_BYTES = 1024 * 1024;

  /**
   * Largest body of a bulk route ({@link VendorApi#maxBodyBytes}): Cendyn's 5,000 contacts of a
   * create_bulk with every parameter set, at about 3 KB each.
   */
  public static final long MAX_BULK_REQUEST_BYTES = 16L * 1024 * 1024;

  private IngestApp() {}

  /** An unstarted server on {@code port} (0 for any free port), without throttling. */
  public static Javalin create(
      int port, ObjectMapper json, HealthEndpoint health, List<VendorApi> apis) {
    return create(port, json, health, apis, Backpressure.unlimited());
  }

  /** The same, answering 429 in each vendor's shape when {@code backpressure} refuses a request. */
  public static Javalin create(
      int port,
      ObjectMapper json,
      HealthEndpoint health,
      List<VendorApi> apis,
      Backpressure backpressure) {
    return create(port, json, health, apis, backpressure, null);
  }

  /**
   * The same, timing every request and serving {@code /metrics} from {@code metrics} unless null.
   */
  public static Javalin create(
      int port,
      ObjectMapper json,
      HealthEndpoint health,
      List<VendorApi> apis,
      Backpressure backpressure,
      ServiceMetrics metrics) {
    return create(port, json, health, apis, backpressure, metrics, HttpsListener.OFF);
  }

  /** The same, also serving every route over TLS when {@code https} is enabled. */
  public static Javalin create(
      int port,
      ObjectMapper json,
      HealthEndpoint health,
      List<VendorApi> apis,
      Backpressure backpressure,
      ServiceMetrics metrics,
      HttpsListener https) {
    return Javalin.create(
        cfg -> {
          cfg.startup.showJavalinBanner = false;
          cfg.jetty.port = port;
          if (https.enabled()) {
            // Javalin adds its own HTTP connector only when none was added, so with TLS both are
            // ours;
            // HTTP first, because Javalin's port() is the first connector's.
            cfg.jetty.addConnector(
                (server, httpConfig) -> {
                  ServerConnector plain =
                      new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                  plain.setPort(port);
                  return plain;
                });
            cfg.jetty.addConnector(https::connector);
          }
          // Javalin's one limit is the largest of any route; each route's own is DeclaredLength's.
          cfg.http.maxRequestSize = MAX_BULK_REQUEST_BYTES;
          cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(json)));
          cfg.jsonMapper(new JavalinJackson(json, false));

          // Before every route and every API's authentication: what no API may see (an undecodable
          // path or query, another charset, a declared body over the limit) is refused first, in
          // the
          // API's error shape.
          cfg.routes.before(RequestIds::begin);
          cfg.routes.after(RequestIds::end);
          cfg.routes.before(UriEscapes::check);
          cfg.routes.before(DeclaredCharset::check);
          cfg.routes.before(
              new DeclaredLength(
                  path ->
                      Math.min(
                          MAX_BULK_REQUEST_BYTES,
                          apis.stream()
                              .filter(api -> api.owns(path))
                              .findFirst()
                              .map(api -> api.maxBodyBytes(path, MAX_REQUEST_BYTES))
                              .orElse(MAX_REQUEST_BYTES))));
          cfg.routes.get("/health", health::handle);
          cfg.routes.get("/health/ready", health::handle);
          cfg.routes.get("/health/live", health::handleLive);
          ApiDocs.register(cfg);
          if (metrics != null) {
            HttpMetrics.register(cfg, metrics.registry(), apis);
            cfg.routes.get(
                "/metrics",
                ctx -> ctx.contentType(ServiceMetrics.CONTENT_TYPE).result(metrics.scrape()));
          }
          apis.forEach(api -> api.register(cfg.routes));
          // After each API's authentication (registered above, so it runs first): limits are per
          // tenant.
          apis.forEach(
              api ->
                  api.pathPatterns()
                      .forEach(pattern -> backpressure.register(cfg.routes, pattern)));
          cfg.routes.exception(
              Backpressure.Throttled.class,
              (throttled, ctx) ->
                  ctx.status(HttpStatus.TOO_MANY_REQUESTS)
                      .header("Retry-After", Integer.toString(throttled.retryAfterSeconds()))
                      .json(
                          apis.stream()
                              .filter(api -> api.owns(ctx.path()))
                              .findFirst()
                              .map(api -> api.throttledBody(throttled.getMessage()))
                              .orElseGet(() -> ApiError.forStatus(429, throttled.getMessage()))));

          cfg.routes.exception(
              HttpResponseException.class,
              (error, ctx) ->
                  ctx.status(error.getStatus())
                      .json(errorBody(apis, ctx.path(), error.getStatus(), error.getMessage())));
          cfg.routes.exception(
              ContactStoreException.class,
              (error, ctx) -> {
                LOG.warn(
                    "read side unavailable on {} {}: {}",
                    ctx.method(),
                    ctx.path(),
                    error.toString());
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .json(
                        errorBody(
                            apis,
                            ctx.path(),
                            503,
                            "Contacts cannot be read right now (the database is unavailable); nothing was changed, retry later"));
              });
          cfg.routes.exception(
              Exception.class,
              (error, ctx) -> {
                LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), error);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .json(
                        errorBody(
                            apis,
                            ctx.path(),
                            500,
                            "Internal error; the request may not have been accepted, retry it"));
              });
        });
  }

  private static Object errorBody(List<VendorApi> apis, String path, int status, String message) {
    return apis.stream()
        .filter(api -> api.owns(path))
        .findFirst()
        .map(api -> api.errorBody(status, message))
        .orElseGet(() -> ApiError.forStatus(status, message));
  }
}
