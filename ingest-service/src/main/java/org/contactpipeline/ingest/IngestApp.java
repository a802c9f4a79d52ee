package org.contactpipeline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import org.contactpipeline.ingest.http.ApiError;
import org.contactpipeline.ingest.http.HealthEndpoint;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.marketingcloud.EstablishHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface of ingest-service: routes, authentication and error shapes. It takes its
 * collaborators ready-made and only wires them, so tests can bind port 0 with real or test parts.
 */
public final class IngestApp {

  private static final Logger LOG = LoggerFactory.getLogger(IngestApp.class);

  private IngestApp() {
  }

  /** An unstarted server on {@code port} (0 for any free port). */
  public static Javalin create(int port, ObjectMapper json, Tenants tenants, HealthEndpoint health,
      EstablishHandler establish) {
    return Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.jetty.port = port;
      cfg.jsonMapper(new JavalinJackson(json, false));

      cfg.routes.get("/health", health::handle);

      cfg.routes.before("/contacts/*", tenants::authenticate);
      cfg.routes.post("/contacts/v1/establish", establish);

      cfg.routes.exception(HttpResponseException.class, (error, ctx) ->
          ctx.status(error.getStatus()).json(ApiError.of(error.getMessage(), error.getStatus() == 401 ? 0 : error.getStatus())));
      cfg.routes.exception(Exception.class, (error, ctx) -> {
        LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), error);
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
            .json(ApiError.of("Internal error; the request may not have been accepted, retry it", 500));
      });
    });
  }
}
