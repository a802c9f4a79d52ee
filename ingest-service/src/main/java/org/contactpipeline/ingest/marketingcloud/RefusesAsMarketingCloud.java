package org.contactpipeline.ingest.marketingcloud;

import io.javalin.http.Context;
import org.contactpipeline.ingest.http.VendorRefusals;

/**
 * How every Marketing Cloud endpoint refuses: it throws {@link RequestRejection}, answered with the
 * vendor's generic fail response ({@link FailResponse#refuse}). The writes that answer a refusal in
 * their own response shape (establish, create and update, delete) override {@link #answerRefusal}.
 */
interface RefusesAsMarketingCloud extends VendorRefusals<RequestRejection> {

  @Override
  default Class<RequestRejection> refusalType() {
    return RequestRejection.class;
  }

  @Override
  default void answerRefusal(Context ctx, RequestRejection rejection) {
    FailResponse.refuse(ctx, rejection);
  }
}
