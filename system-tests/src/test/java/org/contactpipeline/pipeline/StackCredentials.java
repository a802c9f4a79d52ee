package org.contactpipeline.pipeline;

import java.util.Map;
import org.contactpipeline.ingest.auth.SecretHash;
import org.contactpipeline.stack.StackConfig;

/**
 * The vendors' credentials of the shared test stack: the shipped demo ones for tenant demo, and a
 * second tenant (acme) so tests can prove one tenant's credentials never reach the other's data.
 * Failures per source are unlimited here because every test calls from 127.0.0.1; the per-client
 * limit is what the tests exercise.
 */
final class StackCredentials {

  static final String ACME_CLIENT = "acme-client";
  static final String ACME_SECRET = "acme-secret";
  static final String ACME_MID = "777";

  /** A client with two active secrets, as during a rotation. */
  static final String ROTATING_CLIENT = "rotating-client";

  static final String OLD_SECRET = "old-secret";
  static final String NEW_SECRET = "new-secret";

  /** A client of tenant demo configured with the Contacts API's read scope only. */
  static final String READER_CLIENT = "reader-client";

  static final String READER_SECRET = "reader-secret";

  /** A client the throttling test guesses at; nothing else uses it. */
  static final String GUESSED_CLIENT = "guessed-client";

  static final String ACME_IVVY_KEY = "acme-ivvy-key";
  static final String ACME_IVVY_SECRET = "acme-ivvy-secret";
  static final String ACME_CENDYN_TOKEN = "acme-cendyn-token";
  static final int FAILURES_PER_CLIENT = 5;

  static final Map<String, String> ENVIRONMENT =
      Map.of(
          "AUTH_MARKETING_CLOUD_CLIENTS",
              StackConfig.DEMO_CLIENTS
                  + ","
                  + ACME_CLIENT
                  + "=acme:"
                  + ACME_MID
                  + ":"
                  + SecretHash.of(ACME_SECRET)
                  + ","
                  + ROTATING_CLIENT
                  + "=demo:"
                  + StackConfig.DEMO_MID
                  + ":"
                  + SecretHash.of(OLD_SECRET)
                  + "|"
                  + SecretHash.of(NEW_SECRET)
                  + ","
                  + GUESSED_CLIENT
                  + "=acme:"
                  + ACME_MID
                  + ":"
                  + SecretHash.of("never-guessed")
                  + ","
                  + READER_CLIENT
                  + "=demo:"
                  + StackConfig.DEMO_MID
                  + ":"
                  + SecretHash.of(READER_SECRET)
                  + ":list_and_subscribers_read",
          "AUTH_IVVY_KEYS",
              StackConfig.DEMO_IVVY_KEY
                  + "=demo:"
                  + StackConfig.DEMO_IVVY_SECRET
                  + ","
                  + ACME_IVVY_KEY
                  + "=acme:"
                  + ACME_IVVY_SECRET,
          "AUTH_CENDYN_ACCOUNT_TOKENS",
              "demo=" + StackConfig.DEMO_CENDYN_TOKEN + ",acme=" + ACME_CENDYN_TOKEN,
          "AUTH_FAILED_LOGINS_PER_CLIENT", Integer.toString(FAILURES_PER_CLIENT),
          "AUTH_FAILED_LOGINS_PER_SOURCE", "0");

  private StackCredentials() {}
}
