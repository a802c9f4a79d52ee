package org.contactpipeline.ingest.http;

import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.function.ToLongFunction;

/**
 * Refuses a body whose declared {@code Content-Length} is over its route's limit before reading any
 * of it, and (through {@link #checkReceived}) a body sent without a length that turned out larger.
 * Javalin reads the length as an int, so a declared length over 2 GiB looks unknown to it and the
 * server waited for bytes that never came (an empty 408 after the idle timeout). Most routes take
 * the default limit; bulk routes take a larger one ({@link VendorApi#maxBodyBytes}), so Javalin's
 * own limit is set to the largest and each route's is enforced here.
 */
public final class DeclaredLength implements Handler {

  private static final String LIMIT = "body-limit";

  private final ToLongFunction<String> maxBytesByPath;

  public DeclaredLength(long maxBytes) {
    this(path -> maxBytes);
  }

  /**
   * @param maxBytesByPath the largest body a request path takes
   */
  public DeclaredLength(ToLongFunction<String> maxBytesByPath) {
    this.maxBytesByPath = maxBytesByPath;
  }

  @Override
  public void handle(Context ctx) {
    long maxBytes = maxBytesByPath.applyAsLong(ctx.path());
    ctx.attribute(LIMIT, maxBytes);
    if (ctx.req().getContentLengthLong() > maxBytes) {
      throw tooLarge(maxBytes);
    }
  }

  /** Refuses a body received without a declared length that is over its route's limit. */
  public static void checkReceived(Context ctx, byte[] body) {
    Long maxBytes = ctx.attribute(LIMIT);
    if (maxBytes != null && body.length > maxBytes) {
      throw tooLarge(maxBytes);
    }
  }

  private static ContentTooLargeResponse tooLarge(long maxBytes) {
    return new ContentTooLargeResponse(
        "The request body is larger than " + maxBytes + " bytes; nothing was read or accepted");
  }
}
