package org.contactpipeline.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TenantTokensTest {

  @Test
  void shouldMapEachTokenToItsTenant() {
    TenantTokens tokens = TenantTokens.parse("demo=demo-token, acme=acme-token");

    assertThat(tokens.tenantOf("demo-token")).contains("demo");
    assertThat(tokens.tenantOf("acme-token")).contains("acme");
    assertThat(tokens.tenantOf("demo-token ")).isEmpty();
    assertThat(tokens.tenantOf("")).isEmpty();
  }

  @Test
  void shouldRefuseOneTokenForTwoTenants() {
    assertThatThrownBy(() -> TenantTokens.parse("demo=same,acme=same"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acme");
  }

  @Test
  void shouldRefuseMalformedEntriesWithoutEchoingTheToken() {
    assertThatThrownBy(() -> TenantTokens.parse("demo"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TenantTokens.parse("=secret-value"))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-value"));
  }

  @Test
  void shouldNameOnlyTenantsWhenPrinted() {
    assertThat(TenantTokens.parse("demo=demo-token").toString())
        .contains("demo")
        .doesNotContain("demo-token");
  }
}
