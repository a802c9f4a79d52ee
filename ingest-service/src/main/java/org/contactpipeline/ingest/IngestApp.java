package org.contactpipeline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.contactpipeline.ingest.http.ApiError;
import org.contactpipeline.ingest.http.DeclaredCharset;
import org.contactpipeline.ingest.http.DeclaredLength;
import org.contactpipeline.ingest.http.HealthEndpoint;
import org.contactpipeline.ingest.http.JsonErrorHandler;
import org.contactpipeline.ingest.http.UriEscapes;
import org.contactpipeline.ingest.http.VendorApi;
import org.contactpipeline.ingest.store.ContactStoreException;
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
   * Largest request body: ten times the largest valid establish (100 keys of 254 characters),
   * and well under one Kafka record, so no accepted request can become an unwritable command.
   */
  static final long MAX_REQUEST_BYTES = 256 * 1024;

  private IngestApp() {
  }

  /** An unstarted server on {@code port} (0 for any free port). */
  public static Javalin create(int port, ObjectMapper json, HealthEndpoint health, List<VendorApi> apis) {
    return Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.jetty.port = port;
      cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
      cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(json)));
      cfg.jsonMapper(new JavalinJackson(json, false));

      // Before every route and every API's authentication: what no API may see (an undecodable
      // path or query, another charset, a declared body over the limit) is refused first, in the
      // API's error shape.
      cfg.routes.before(UriEscapes::check);
      cfg.routes.before(DeclaredCharset::check);
      cfg.routes.before(new DeclaredLength(MAX_REQUEST_BYTES));
      cfg.routes.get("/health", health::handle);
      apis.forEach(api -> api.register(cfg.routes));

      cfg.routes.exception(HttpResponseException.class, (error, ctx) ->
          ctx.status(error.getStatus()).json(errorBody(apis, ctx.path(), error.getStatus(), error.getMessage())));
      cfg.routes.exception(ContactStoreException.class, (error, ctx) -> {
        LOG.warn("read side unavailable on {} {}: {}", ctx.method(), ctx.path(), error.toString());
        ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(errorBody(apis, ctx.path(), 503,
            "Contacts cannot be read right now (the database is unavailable); nothing was changed, retry later"));
      });
      cfg.routes.exception(Exception.class, (error, ctx) -> {
        LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), error);
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(errorBody(apis, ctx.path(), 500,
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
