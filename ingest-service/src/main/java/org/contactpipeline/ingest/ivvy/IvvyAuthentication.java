package org.contactpipeline.ingest.ivvy;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.contactpipeline.ingest.auth.FailedLogins;
import org.contactpipeline.ingest.auth.SharedSecrets;
import org.contactpipeline.ingest.http.DeclaredLength;
import org.contactpipeline.ingest.http.Tenants;

/**
 * Before-handler of iVvy's API: a request signed the vendor's way ({@code X-Api-Authorization: IWS
 * key:signature}, see {@link IvvySignature}) is the tenant of its API key; without that header a
 * static bearer token (service to service) is accepted. A signed request must carry a {@code
 * Content-MD5} equal to its body's, and a date within {@link #MAX_AGE} of now, or it is refused
 * with iVvy's exception body (23005 when stale). Bad signatures count against the key and the
 * source address, unknown bearer tokens against the source ({@link FailedLogins}).
 */
public final class IvvyAuthentication implements Handler {

  static final Duration MAX_AGE = Duration.ofMinutes(5);
  private static final String SCHEME = "ivvy";
  private static final Pattern IWS = Pattern.compile("(?i)IWS\\s+([^:\\s]+):([0-9a-fA-F]+)\\s*");
  private static final Pattern VERSION_IN_PATH = Pattern.compile("^/api/([^/]+)/");

  private final Tenants tenants;
  private final SharedSecrets keys;
  private final FailedLogins failures;
  private final Clock clock;

  public IvvyAuthentication(
      Tenants tenants, SharedSecrets keys, FailedLogins failures, Clock clock) {
    this.tenants = tenants;
    this.keys = keys;
    this.failures = failures;
    this.clock = clock;
  }

  @Override
  public void handle(Context ctx) {
    String authorization = ctx.header("X-Api-Authorization");
    if (authorization == null) {
      authenticateStaticToken(ctx);
      return;
    }
    Matcher iws = IWS.matcher(authorization);
    if (!iws.matches()) {
      throw IvvyRejection.unauthorized(
          "Not Authorized: send 'X-Api-Authorization: IWS <key>:<signature>'");
    }
    String key = iws.group(1);
    failures.check(SCHEME, key, ctx.ip());
    Optional<SharedSecrets.Entry> entry = keys.byId(key);
    byte[] body = body(ctx);
    String stringToSign = stringToSign(ctx);
    boolean signed = false;
    for (byte[] secret : entry.map(SharedSecrets.Entry::secrets).orElse(java.util.List.of())) {
      signed |= IvvySignature.sameHex(IvvySignature.sign(secret, stringToSign), iws.group(2));
    }
    if (!signed) {
      failures.recordFailure(SCHEME, key, ctx.ip());
      throw IvvyRejection.unauthorized(
          "Not Authorized: the signature does not match the request (unknown key,"
              + " wrong secret, or a part of the request changed after signing)");
    }
    String contentMd5 = ctx.header("Content-MD5");
    if (contentMd5 == null || !IvvySignature.sameHex(IvvySignature.md5(body), contentMd5.strip())) {
      failures.recordFailure(SCHEME, key, ctx.ip());
      throw IvvyRejection.unauthorized("Not Authorized: Content-MD5 does not match the body");
    }
    Optional<Instant> made = IvvyRequestDate.of(ctx.header("IVVY-Date"), ctx.header("Date"));
    if (made.isEmpty()
        || Duration.between(made.get(), clock.instant()).abs().compareTo(MAX_AGE) > 0) {
      throw IvvyRejection.stale();
    }
    Tenants.assign(ctx, entry.get().tenant());
  }

  /**
   * The service-to-service option: a static bearer token, whose wrong guesses count like bad
   * signatures.
   */
  private void authenticateStaticToken(Context ctx) {
    String token =
        Tenants.credential(ctx, "bearer ")
            .orElseThrow(
                () ->
                    IvvyRejection.unauthorized(
                        "Not Authorized: sign the request (X-Api-Authorization: IWS <key>:<signature>) or send "
                            + "'Authorization: Bearer <token>'"));
    failures.check(SCHEME, null, ctx.ip());
    Optional<String> tenant = tenants.staticTenant(token);
    if (tenant.isEmpty()) {
      failures.recordFailure(SCHEME, null, ctx.ip());
      throw IvvyRejection.unauthorized("Not Authorized: unknown token");
    }
    Tenants.assign(ctx, tenant.get());
  }

  private static byte[] body(Context ctx) {
    try {
      byte[] body = ctx.bodyAsBytes();
      DeclaredLength.checkReceived(ctx, body);
      return body;
    } catch (io.javalin.http.HttpResponseException answered) {
      throw answered; // the body limit's 413, answered as it is
    } catch (RuntimeException broken) {
      throw IvvyRejection.unreadableBody(
          "the body could not be read to its end (a malformed chunked encoding,"
              + " or fewer bytes than announced)");
    }
  }

  /** The documented string to sign, from the request exactly as it arrived. */
  private static String stringToSign(Context ctx) {
    Map<String, String> ivvyHeaders = new TreeMap<>();
    ctx.headerMap()
        .forEach(
            (name, value) -> {
              if (name.toLowerCase(Locale.ROOT).startsWith("ivvy")) {
                ivvyHeaders.put(name, value);
              }
            });
    String query = ctx.req().getQueryString();
    String requestString = ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
    String date = ctx.header("IVVY-Date") != null ? "" : orEmpty(ctx.header("Date"));
    return IvvySignature.stringToSign(
        ctx.method().name(),
        orEmpty(ctx.header("Content-MD5")).strip(),
        orEmpty(ctx.header("Content-Type")),
        date,
        requestString,
        apiVersion(ctx),
        ivvyHeaders);
  }

  /** {@code X-Api-Version}, else the version the path names ({@code /api/1.0/...}). */
  private static String apiVersion(Context ctx) {
    String header = ctx.header("X-Api-Version");
    if (header != null) {
      return header.strip();
    }
    Matcher version = VERSION_IN_PATH.matcher(ctx.path());
    return version.find() ? version.group(1) : "";
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
