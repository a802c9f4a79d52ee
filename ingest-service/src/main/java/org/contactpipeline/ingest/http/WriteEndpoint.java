package org.contactpipeline.ingest.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.PipelineFailure;

/**
 * The one shape of every vendor endpoint that writes: read the request once into a plan, submit the
 * plan's commands through the gateway, and answer in the vendor's words ({@link WriteDialect}). The
 * wait is asynchronous, so a slow pipeline holds no HTTP thread, and every failure of the pipeline,
 * whenever it happens, reaches the dialect as one {@link PipelineFailure}.
 */
public final class WriteEndpoint<P, R, X extends RuntimeException> implements Handler {

  private final WriteDialect<P, R, X> dialect;
  private final CommandGateway gateway;

  public WriteEndpoint(WriteDialect<P, R, X> dialect, CommandGateway gateway) {
    this.dialect = dialect;
    this.gateway = gateway;
  }

  @Override
  public void handle(Context ctx) {
    P plan;
    try {
      plan = dialect.read(ctx);
    } catch (RuntimeException e) {
      dialect.answerOrRethrow(ctx, e);
      return;
    }
    ctx.future(
        () ->
            dialect
                .submit(gateway, plan)
                .handle(
                    (outcome, error) -> {
                      if (error == null) {
                        dialect.answer(ctx, plan, outcome);
                      } else {
                        dialect.answerFailure(ctx, plan, PipelineFailure.of(error));
                      }
                      return null;
                    }));
  }
}
