package org.contactpipeline.ingest.cendyn;

import io.javalin.http.Context;
import org.contactpipeline.ingest.http.VendorRefusals;

/** How every Cendyn endpoint refuses: it throws {@link CendynRejection}, which answers itself. */
interface RefusesAsCendyn extends VendorRefusals<CendynRejection> {

  @Override
  default Class<CendynRejection> refusalType() {
    return CendynRejection.class;
  }

  @Override
  default void answerRefusal(Context ctx, CendynRejection rejection) {
    rejection.answer(ctx);
  }
}
