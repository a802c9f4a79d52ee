package org.contactpipeline.ingest.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * The one shape of every vendor endpoint that reads: read the request once into a query, ask the
 * read side, answer in the vendor's words ({@link QueryDialect}). A read side that cannot answer is
 * the vendor API's 503, from its exception handler, like every other failure of a dependency.
 */
public final class QueryEndpoint<Q, R, X extends RuntimeException> implements Handler {

  private final QueryDialect<Q, R, X> dialect;

  public QueryEndpoint(QueryDialect<Q, R, X> dialect) {
    this.dialect = dialect;
  }

  @Override
  public void handle(Context ctx) {
    Q query;
    R result;
    try {
      query = dialect.read(ctx);
      result = dialect.run(query);
    } catch (RuntimeException e) {
      dialect.answerOrRethrow(ctx, e);
      return;
    }
    dialect.answer(ctx, query, result);
  }
}
