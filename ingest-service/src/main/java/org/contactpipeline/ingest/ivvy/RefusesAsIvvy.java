package org.contactpipeline.ingest.ivvy;

import io.javalin.http.Context;
import org.contactpipeline.ingest.http.VendorRefusals;

/** How every iVvy endpoint refuses: it throws {@link IvvyRejection}, which answers itself. */
interface RefusesAsIvvy extends VendorRefusals<IvvyRejection> {

  @Override
  default Class<IvvyRejection> refusalType() {
    return IvvyRejection.class;
  }

  @Override
  default void answerRefusal(Context ctx, IvvyRejection rejection) {
    rejection.answer(ctx);
  }
}
