package org.contactpipeline.ingest.marketingcloud;

import io.javalin.http.HandlerType;
import java.util.List;

/**
 * The OAuth scopes Marketing Cloud's Contacts API asks of an access token, by Marketing Cloud's own
 * names: an installed package's "Contacts › List and Subscribers" permission, Read and Write. Reads
 * (lookups, the data model, the email search, a delete's status) need {@value #READ}; everything
 * that changes contacts (establish, create, update, delete) needs {@value #WRITE}, which does not
 * include reading, as in Marketing Cloud.
 */
public final class ContactScopes {

  public static final String READ = "list_and_subscribers_read";
  public static final String WRITE = "list_and_subscribers_write";

  /** What a client configured without scopes is granted when it asks for none. */
  public static final List<String> ALL = List.of(READ, WRITE);

  /** A POST that only reads: the search takes its addresses in a body. */
  private static final String EMAIL_SEARCH = "/contacts/v1/addresses/email/search";

  private ContactScopes() {}

  /** The scope a request of this method on this path needs. */
  public static String requiredFor(HandlerType method, String path) {
    boolean reads =
        method == HandlerType.GET
            || method == HandlerType.HEAD
            || stripSlash(path).equals(EMAIL_SEARCH);
    return reads ? READ : WRITE;
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
