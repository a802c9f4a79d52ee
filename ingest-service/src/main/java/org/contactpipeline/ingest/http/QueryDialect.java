package org.contactpipeline.ingest.http;

import io.javalin.http.Context;

/**
 * What one vendor endpoint that reads says in its own words: how its request reads into a query,
 * what the query asks of the read side, and how its answers look. {@link QueryEndpoint} runs it.
 *
 * @param <Q> the query a request becomes once read and checked
 * @param <R> what the read side answered
 * @param <X> the vendor's refusal, thrown by {@link #read} (or by {@link #run} for what the read
 *     side says is refused, such as a contact the vendor reports as an error when missing)
 */
public interface QueryDialect<Q, R, X extends RuntimeException> extends VendorRefusals<X> {

  /** Reads the request once, strictly, and checks it: its query, or a refusal thrown. */
  Q read(Context ctx);

  /** Asks the read side. */
  R run(Q query);

  /** The vendor's answer. */
  void answer(Context ctx, Q query, R result);
}
