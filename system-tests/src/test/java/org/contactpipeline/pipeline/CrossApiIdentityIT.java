package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The identity rules across APIs, on the real stack: within a tenant one person (one email) is one
 * contact whichever vendor API names them, and the same key in two tenants is two contacts.
 */
@Timeout(180)
class CrossApiIdentityIT {

  private static final Duration MATERIALIZED = Duration.ofSeconds(20);

  private static Api demo;
  private static Api acme;

  @BeforeAll
  static void stack() {
    LocalStack stack = TestStack.get();
    demo = new Api(stack.httpUrl(), "demo-token");
    acme = new Api(stack.httpUrl(), "acme-token");
  }

  @Test
  void shouldMakeOnePersonThroughMarketingCloudIvvyAndCendynOneContact() {
    String email = "cross-" + UUID.randomUUID() + "@example.com";

    Api.Reply marketingCloud = demo.post("/contacts/v1/contacts", marketingCloudContact(email));
    Api.Reply ivvy =
        demo.post(
            "/api/1.0/contact?action=addOrUpdateContact",
            "{\"firstName\":\"Angela\",\"lastName\":\"Cruz\",\"email\":\""
                + email.toUpperCase(java.util.Locale.ROOT)
                + "\",\"updateIfExists\":true,\"phone\":\"317-531-5555\"}");
    Api.Reply cendyn =
        demo.send(
            "POST",
            "/v2/account/demo/contact/",
            demo.tokenScheme(),
            "{\"email\":\"" + email + "\",\"city\":\"Indianapolis\",\"tags\":[\"vip\"]}");

    assertThat(marketingCloud.status()).as(marketingCloud.toString()).isEqualTo(200);
    long id = marketingCloud.body().get("contactId").asLong();
    assertThat(marketingCloud.body().get("isNewContactKey").asBoolean()).isTrue();
    assertThat(ivvy.status()).as(ivvy.toString()).isEqualTo(200);
    assertThat(ivvy.body().get("id").asLong()).isEqualTo(id);
    assertThat(cendyn.status()).as(cendyn.toString()).isEqualTo(201);
    assertThat(cendyn.body().get("id").asText()).isEqualTo(Long.toString(id));
    assertThat(cendyn.body().get("name_first").asText())
        .as("the echo is the merged contact")
        .isEqualTo("Angela");

    Api.Reply read =
        Poll.until(
            MATERIALIZED,
            () -> demo.post("/api/1.0/contact?action=getContact", "{\"id\":" + id + "}"),
            reply ->
                reply.status() == 200
                    && reply.body().path("phone").asText().equals("317-531-5555")
                    && reply.body().path("email").asText().equals(email));
    assertThat(read.body().get("firstName").asText()).isEqualTo("Angela");
  }

  @Test
  void shouldMakeTheSameEmailInTwoTenantsTwoContactsThatNeitherTenantCanSeeAcross() {
    String email = "twin-" + UUID.randomUUID() + "@example.com";
    String body = "{\"email\":\"" + email + "\",\"name_first\":\"Twin\"}";

    Api.Reply inDemo = demo.send("POST", "/v2/account/demo/contact/", demo.tokenScheme(), body);
    Api.Reply inAcme = acme.send("POST", "/v2/account/acme/contact/", acme.tokenScheme(), body);

    assertThat(inDemo.status()).isEqualTo(201);
    assertThat(inAcme.status()).isEqualTo(201);
    String demoId = inDemo.body().get("id").asText();
    assertThat(inAcme.body().get("id").asText()).isNotEqualTo(demoId);
    Poll.until(
        MATERIALIZED,
        () ->
            demo.send("GET", "/v2/account/demo/contact/?email=" + email, demo.tokenScheme(), null),
        reply -> reply.status() == 200 && reply.body().size() == 1);
    assertThat(
            acme.send("GET", "/v2/account/demo/contact/?email=" + email, acme.tokenScheme(), null)
                .status())
        .isEqualTo(403);
    assertThat(acme.post("/api/1.0/contact?action=getContact", "{\"id\":" + demoId + "}").status())
        .isEqualTo(404);
  }

  private static String marketingCloudContact(String email) {
    return """
        {"contactKey": "%s",
         "attributeSets": [
           {"name": "Email Addresses", "items": [{"values": [
             {"name": "Email Address", "value": "%s"}, {"name": "HTML Enabled", "value": true}]}]},
           {"name": "Email Demographics", "items": [{"values": [
             {"name": "Last Name", "value": "Cruz"}, {"name": "First Name", "value": "Angela"}]}]}]}
        """
        .formatted(email, email);
  }
}
