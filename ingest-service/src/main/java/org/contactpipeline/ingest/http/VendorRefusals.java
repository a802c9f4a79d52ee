package org.contactpipeline.ingest.http;

import io.javalin.http.Context;

/**
 * A vendor's refusal vocabulary, as both endpoint skeletons ({@link WriteEndpoint}, {@link
 * QueryEndpoint}) meet it: the type its dialect throws for a request it will not serve, and the
 * answer it gives one.
 *
 * @param <X> the vendor's refusal
 */
public interface VendorRefusals<X extends RuntimeException> {

  /** The refusal type the dialect throws. */
  Class<X> refusalType();

  /** The vendor's answer to a refused request. */
  void answerRefusal(Context ctx, X refusal);

  /**
   * Answers {@code failure} if it is this vendor's refusal; anything else is not ours to answer.
   */
  default void answerOrRethrow(Context ctx, RuntimeException failure) {
    if (!refusalType().isInstance(failure)) {
      throw failure;
    }
    answerRefusal(ctx, refusalType().cast(failure));
  }
}
