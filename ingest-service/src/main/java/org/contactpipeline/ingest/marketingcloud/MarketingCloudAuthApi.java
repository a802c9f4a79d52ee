package org.contactpipeline.ingest.marketingcloud;

import io.javalin.config.RoutesConfig;
import java.util.List;
import org.contactpipeline.ingest.http.VendorApi;

/**
 * Marketing Cloud's authentication API: {@code POST /v2/token}, the login the vendor's client
 * libraries perform before any REST call. Its own {@link VendorApi} because its errors take OAuth's
 * shape, not the REST API's.
 */
public final class MarketingCloudAuthApi implements VendorApi {

  private final TokenEndpoint token;

  public MarketingCloudAuthApi(TokenEndpoint token) {
    this.token = token;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(TokenEndpoint.PATH, token);
  }

  @Override
  public List<String> pathPatterns() {
    return List.of(TokenEndpoint.PATH);
  }

  @Override
  public boolean owns(String path) {
    return path.equals(TokenEndpoint.PATH) || path.equals(TokenEndpoint.PATH + "/");
  }

  @Override
  public Object errorBody(int status, String message) {
    return new OAuthError(
        status == 429 ? "slow_down" : status >= 500 ? "server_error" : "invalid_request", message);
  }
}
