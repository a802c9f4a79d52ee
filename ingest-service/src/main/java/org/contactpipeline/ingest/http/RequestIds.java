package org.contactpipeline.ingest.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.contactpipeline.logging.RequestLogContext;

/**
 * Gives every HTTP request an id that its logs and its commands carry through the pipeline: the
 * caller's {@code X-Request-Id} when it is a plausible id (so a proxy's or a client's id joins up),
 * otherwise a new UUID. The id is answered in the same header and put in the logging MDC with the
 * tenant ({@link Tenants#assign}) for as long as the request is handled on its thread; ingest puts
 * both on each command it publishes. It is only for following a request: the commands' own {@code
 * requestId} (which gathers their results) stays separate, so a reused id never mixes two requests'
 * results.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";

  /** What a caller's id may be: no spaces, quotes or control characters for a log to choke on. */
  private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private RequestIds() {}

  /** First before-handler: names the request; a thread's previous request is forgotten here. */
  public static void begin(Context ctx) {
    String given = ctx.header(HEADER);
    String id =
        given != null && PLAUSIBLE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    ctx.header(HEADER, id);
    RequestLogContext.clear();
    RequestLogContext.set(RequestLogContext.REQUEST_ID, id);
  }

  /**
   * After-handler: forgets the request. An asynchronous answer runs it on another thread, so {@link
   * #begin} clears the request thread too.
   */
  public static void end(Context ctx) {
    RequestLogContext.clear();
  }
}
