package org.contactpipeline.identity.claims;

import java.util.Comparator;
import org.contactpipeline.identity.Identifier;

/**
 * The one order in which every write claims its identifiers (decision 0012): by type, then value.
 * Any total order shared by all writes rules out a cycle of writes each waiting for an identifier
 * another holds; this one needs nothing but the identifier itself.
 */
public final class ClaimOrder {

  public static final Comparator<Identifier> IDENTIFIERS =
      Comparator.comparing(Identifier::type).thenComparing(Identifier::value);

  private ClaimOrder() {}
}
