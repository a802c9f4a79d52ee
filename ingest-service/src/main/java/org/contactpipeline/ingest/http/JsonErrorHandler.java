package org.contactpipeline.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors the web server answers before any route runs (a path with bytes no URI may hold, a URI or
 * header too long, a malformed request line) as JSON in the generic {@link ApiError} shape rather
 * than Jetty's HTML page. Such a request often never got as far as naming its API (Jetty stands in
 * a path of its own for a URI it cannot parse), so no vendor's shape can be chosen; JSON at least
 * parses like every other error.
 */
public final class JsonErrorHandler extends ErrorHandler {

  private final ObjectMapper json;

  public JsonErrorHandler(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Every method gets the JSON body: Jetty writes one only for GET, POST and HEAD by default, so a
   * refused PATCH or PUT came back with no body and no Content-Type at all.
   */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  private byte[] body(int status, String reason) {
    String message =
        "The request was refused before reaching the API: "
            + (reason == null || reason.isBlank() ? "HTTP " + status : reason);
    try {
      return json.writeValueAsBytes(ApiError.forStatus(status, message));
    } catch (JsonProcessingException e) {
      return ("{\"message\":\"HTTP "
              + status
              + "\",\"errorcode\":"
              + status
              + ",\"documentation\":\"\"}")
          .getBytes(StandardCharsets.UTF_8);
    }
  }
}
