package org.contactpipeline.ingest.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The API's description: the OpenAPI 3.1 document at {@code /openapi.json} (a hand-written
 * resource; system-tests' OpenApiDocumentTest validates it against the OpenAPI 3.1 schema, and
 * every answer its integration tests receive is validated against it, so it cannot drift) and
 * Swagger UI over it at {@code /docs}, from the {@code org.webjars:swagger-ui} jar. Neither needs a
 * token: the document holds no data, and Swagger UI sends the token the reader authorizes with.
 */
public final class ApiDocs {

  public static final String DOCUMENT_RESOURCE = "/openapi/openapi.json";
  private static final String WEBJAR_PROPERTIES =
      "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

  private ApiDocs() {}

  /** Serves the document and, when the Swagger UI jar is on the classpath, the UI. */
  public static void register(JavalinConfig cfg) {
    byte[] document = read(DOCUMENT_RESOURCE);
    cfg.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document));
    String version = swaggerUiVersion();
    if (version == null) {
      cfg.routes.get(
          "/docs",
          ctx -> ctx.status(HttpStatus.NOT_FOUND).result("Swagger UI is not on the classpath"));
      return;
    }
    cfg.staticFiles.enableWebjars();
    String page = page("/webjars/swagger-ui/" + version);
    cfg.routes.get("/docs", ctx -> html(ctx, page));
  }

  private static void html(Context ctx, String page) {
    ctx.contentType("text/html; charset=utf-8").result(page);
  }

  private static String page(String ui) {
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Contact pipeline API</title>
          <link rel="stylesheet" href="%1$s/swagger-ui.css">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="%1$s/swagger-ui-bundle.js"></script>
          <script>
            window.ui = SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true});
          </script>
        </body>
        </html>
        """
        .formatted(ui);
  }

  private static String swaggerUiVersion() {
    try (InputStream in = ApiDocs.class.getResourceAsStream(WEBJAR_PROPERTIES)) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(String resource) {
    try (InputStream in = ApiDocs.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
