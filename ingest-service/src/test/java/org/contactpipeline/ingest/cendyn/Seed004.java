package org.contactpipeline.ingest.cendyn;

/**
 * The example of seed 004 ({@code POST /v2/account/:account_id/contact/}), verbatim; the
 * integration tests use it too.
 */
public final class Seed004 {

  /** The example request of Cendyn's reference, as printed there. */
  public static final String REQUEST =
      """
      {
        "name_first": "John",
        "name_last": "Doe",
        "email": "johndoe@example.com",
        "phone_countrycode": "44",
        "phone_number": "7712345678",
        "tags": [
          "tag1",
          "tag2"
        ]
      }""";

  private Seed004() {}
}
