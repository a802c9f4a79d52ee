package org.contactpipeline.ingest.http;

import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.PipelineFailure;

/**
 * What one vendor endpoint that writes says in its own words, and nothing else: how its request
 * reads, which commands it becomes, and how its answers look. {@link WriteEndpoint} runs it.
 *
 * @param <P> the plan a request becomes once read and checked
 * @param <R> what the submission completes with (a result, a gathered response, nothing)
 * @param <X> the vendor's refusal, thrown by {@link #read} for a request it will not publish
 */
public interface WriteDialect<P, R, X extends RuntimeException> extends VendorRefusals<X> {

  /** Reads the request once, strictly, and checks it: its plan, or a refusal thrown. */
  P read(Context ctx);

  /** Publishes the plan's commands through the gateway; the gateway's futures never throw. */
  CompletableFuture<R> submit(CommandGateway gateway, P plan);

  /** The vendor's answer when the pipeline decided. */
  void answer(Context ctx, P plan, R outcome);

  /** The vendor's answer when the pipeline did not take or did not decide the request in time. */
  void answerFailure(Context ctx, P plan, PipelineFailure failure);
}
