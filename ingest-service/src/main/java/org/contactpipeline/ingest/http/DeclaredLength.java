package org.contactpipeline.ingest.http;

import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Refuses a body whose declared {@code Content-Length} is over the limit before reading any of it.
 * Javalin reads the length as an int, so a declared length over 2 GiB looks unknown to it and the
 * server waited for bytes that never came (an empty 408 after the idle timeout).
 */
public final class DeclaredLength implements Handler {

  private final long maxBytes;

  public DeclaredLength(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void handle(Context ctx) {
    if (ctx.req().getContentLengthLong() > maxBytes) {
      throw new ContentTooLargeResponse(
          "The request body is larger than " + maxBytes + " bytes; nothing was read or accepted");
    }
  }
}
