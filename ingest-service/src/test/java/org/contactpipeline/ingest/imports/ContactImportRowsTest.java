package org.contactpipeline.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.contactpipeline.ingest.VendorImports;
import org.contactpipeline.ingest.cendyn.CendynRefusedRequests;
import org.contactpipeline.ingest.ivvy.IvvyRefusals;
import org.contactpipeline.ingest.testing.RefusedRequest;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An imported row is judged as its vendor's API judges the same contact: the APIs' own refusal
 * catalogues, replayed row by row, and the commands that valid rows become.
 */
class ContactImportRowsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-05-01T09:00:00Z"), ZoneOffset.UTC);

  private static final ContactImportRows CENDYN = rows(ImportVendor.CENDYN);
  private static final ContactImportRows IVVY = rows(ImportVendor.IVVY);
  private static final ContactImportRows MARKETING_CLOUD = rows(ImportVendor.MARKETING_CLOUD);

  /**
   * Cendyn's refusals of a create's fields (422); a body that is not JSON is a row's own matter.
   */
  static Stream<RefusedRequest> cendynFieldRefusals() {
    return CendynRefusedRequests.all().stream()
        .filter(request -> request.method().equals("POST"))
        // A row is one contact of the single create, not a bulk of them.
        .filter(request -> !request.path().contains("create_bulk"))
        .filter(
            request ->
                request.authorization() != null
                    && request.authorization().equals(CendynRefusedRequests.AUTHORIZATION))
        .filter(request -> request.status() == 422)
        .filter(request -> !request.body().contains("\n"));
  }

  /** iVvy's refusals of addOrUpdateContact's parameters; a body that is not JSON is a row's own. */
  static Stream<RefusedRequest> ivvyParameterRefusals() {
    return IvvyRefusals.all().stream()
        .filter(request -> request.path().endsWith("addOrUpdateContact"))
        .filter(request -> request.status() == 400)
        .filter(request -> !request.mustMention().startsWith("The request body"))
        // An empty body is HTTP's: a blank line of a file is no row at all.
        .filter(request -> request.body() != null && !request.body().isBlank())
        .filter(request -> !request.body().contains("\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cendynFieldRefusals")
  void shouldRefuseACendynRowAsTheCreateCallRefusesIt(RefusedRequest request) {
    assertThatThrownBy(
            () -> CENDYN.fromJson(request.body().getBytes(StandardCharsets.UTF_8), "r-1"))
        .isInstanceOf(RowRefused.class)
        .hasMessageContaining(request.mustMention());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ivvyParameterRefusals")
  void shouldRefuseAnIvvyRowAsAddOrUpdateContactRefusesIt(RefusedRequest request) {
    assertThatThrownBy(() -> IVVY.fromJson(request.body().getBytes(StandardCharsets.UTF_8), "r-1"))
        .isInstanceOf(RowRefused.class)
        .hasMessageContaining(request.mustMention());
  }

  @Test
  void shouldReplayTheCatalogues() {
    assertThat(cendynFieldRefusals()).hasSizeGreaterThan(10);
    assertThat(ivvyParameterRefusals()).hasSizeGreaterThan(10);
  }

  @Test
  void shouldTypeCendynCellsAsTheCreateBodyTypesThem() throws RowRefused {
    List<String> columns =
        List.of(
            "email", "name_first", "gdpr_marketing_consent", "last_latitude", "tags", "vip_level");
    ContactCommand command =
        CENDYN.fromColumns(
            columns,
            new String[] {"Ann@Example.com", "Ann", "TRUE", "51.5", "[\"golf\",\"spa\"]", "gold"},
            "r-1");

    assertThat(command.getRequestId()).isEqualTo("r-1");
    assertThat(command.getReplyTo()).isNull();
    assertThat(command.getAction()).isEqualTo(CommandAction.UPSERT);
    assertThat(command.getKey()).isEqualTo(new ContactKey("demo", 0, "ann@example.com"));
    assertThat(command.getChanges().getConsent().getGdprMarketingConsent()).isTrue();
    assertThat(command.getChanges().getLastLatitude()).isEqualTo(51.5);
    assertThat(command.getChanges().getTags()).containsExactly("golf", "spa");
    assertThat(command.getChanges().getCustomFields()).isEqualTo(Map.of("vip_level", "\"gold\""));
    assertThat(command.getIssuedAt()).isEqualTo(CLOCK.instant());
  }

  @Test
  void shouldLeaveAnEmptyCellOutAndRefuseACellThatIsNotTheRightType() {
    List<String> columns = List.of("email", "name_first", "gdpr_accept_terms");

    assertThatThrownBy(() -> CENDYN.fromColumns(columns, new String[] {"", "Ann", ""}, "r-1"))
        .hasMessageStartingWith("email or phone is required");
    assertThatThrownBy(
            () -> CENDYN.fromColumns(columns, new String[] {"a@example.com", "Ann", "yes"}, "r-1"))
        .hasMessage("gdpr_accept_terms must be true or false");
  }

  @Test
  void shouldRefuseACendynHeaderWithoutEmailOrPhone() {
    assertThat(CENDYN.headerProblem(List.of("email", "name_first"))).isNull();
    assertThat(CENDYN.headerProblem(List.of("phone_countrycode", "phone_number"))).isNull();
    assertThat(CENDYN.headerProblem(List.of("name_first", "phone_number")))
        .startsWith("a Cendyn import needs an email column or a phone column");
    assertThat(CENDYN.headerProblem(List.of("email", "email")))
        .isEqualTo("the header names column 'email' twice");
  }

  @Test
  void shouldAddOrUpdateIvvyContactsAsTheCallWould() throws RowRefused {
    List<String> columns = List.of("FirstName", "lastName", "email", "updateIfExists", "companies");

    ContactCommand add =
        IVVY.fromColumns(
            columns, new String[] {"Ada", "Lovelace", "Ada@Example.com", "true", "[4]"}, "r-1");
    ContactCommand update =
        IVVY.fromColumns(List.of("id", "phone"), new String[] {"8", "+4412345"}, "r-2");

    assertThat(add.getAction()).isEqualTo(CommandAction.MATCH_NAMES_OR_CREATE);
    assertThat(add.getKey().getContactKey()).isEqualTo("ada@example.com");
    assertThat(add.getChanges().getCompanies()).containsExactly(4L);
    assertThat(update.getAction()).isEqualTo(CommandAction.UPDATE);
    assertThat(update.getContactId()).isEqualTo(8L);
    assertThat(IVVY.headerProblem(List.of("email", "firstName")))
        .startsWith("an iVvy import needs");
  }

  @Test
  void shouldEstablishAMarketingCloudKeyPerRow() throws RowRefused {
    ContactCommand command =
        MARKETING_CLOUD.fromColumns(
            List.of("contactkey", "ContactType"), new String[] {"K-1", "2"}, "r-1");

    assertThat(command.getAction()).isEqualTo(CommandAction.ESTABLISH);
    assertThat(command.getKey()).isEqualTo(new ContactKey("demo", 2, "K-1"));
    assertThat(command.getChanges()).isNull();
    assertThatThrownBy(
            () ->
                MARKETING_CLOUD.fromJson(
                    "{\"ContactKey\":\" \"}".getBytes(StandardCharsets.UTF_8), "r"))
        .hasMessage("ContactKey is empty");
    assertThatThrownBy(
            () ->
                MARKETING_CLOUD.fromJson(
                    "{\"ContactKey\":\"a\",\"contactKey\":\"b\"}".getBytes(StandardCharsets.UTF_8),
                    "r"))
        .hasMessageContaining("name the same member");
    assertThatThrownBy(
            () ->
                MARKETING_CLOUD.fromJson(
                    ("{\"ContactKey\":\"" + "k".repeat(255) + "\"}")
                        .getBytes(StandardCharsets.UTF_8),
                    "r"))
        .hasMessage("ContactKey is 255 characters long; at most 254 are allowed");
    assertThat(MARKETING_CLOUD.headerProblem(List.of("Email")))
        .startsWith("a Marketing Cloud import needs a ContactKey column");
  }

  @Test
  void shouldRefuseARowThatIsNotAJsonObject() {
    assertThatThrownBy(() -> CENDYN.fromJson("[1]".getBytes(StandardCharsets.UTF_8), "r"))
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> CENDYN.fromJson("{\"email\":".getBytes(StandardCharsets.UTF_8), "r"))
        .hasMessageStartingWith("the row is not valid JSON");
  }

  private static ContactImportRows rows(ImportVendor vendor) {
    return VendorImports.of(vendor, "demo", Map.of(), CLOCK);
  }
}
