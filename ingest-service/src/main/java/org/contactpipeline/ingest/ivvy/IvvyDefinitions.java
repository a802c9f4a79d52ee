package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each tenant's iVvy custom field definitions and companies, which {@code addOrUpdateContact}
 * validates against. They live in a JSON file (config {@code ivvy.definitions-file}); without one,
 * the built-in {@code ivvy-definitions.json} defines the demo tenant. Read once at start and
 * checked then, so a broken file stops the service instead of refusing requests later.
 *
 * <pre>{@code
 * {"tenants": {"demo": {
 *   "customFields": [{"fieldId": 102, "displayName": "Shirt Size", "type": "select", "options": ["S", "M"]}],
 *   "companies": [{"id": 4, "name": "Acme"}]}}}
 * }</pre>
 */
public final class IvvyDefinitions {

  static final String BUILT_IN = "/ivvy-definitions.json";

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .build();

  private final Map<String, TenantDefinitions> byTenant;

  private IvvyDefinitions(Map<String, TenantDefinitions> byTenant) {
    this.byTenant = Map.copyOf(byTenant);
  }

  /**
   * The definitions in the file at {@code path}, or the built-in ones when {@code path} is empty.
   */
  public static IvvyDefinitions load(String path) {
    if (path == null || path.isBlank()) {
      try (InputStream in = IvvyDefinitions.class.getResourceAsStream(BUILT_IN)) {
        if (in == null) {
          throw new IllegalStateException(
              "the built-in " + BUILT_IN + " is missing from the classpath");
        }
        return parse(in.readAllBytes(), "built-in " + BUILT_IN);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try {
      return parse(Files.readAllBytes(Path.of(path)), path);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read iVvy definitions file " + path + ": " + e, e);
    }
  }

  /** Definitions given as JSON text (tests, embedding). */
  public static IvvyDefinitions parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8), "given text");
  }

  TenantDefinitions of(String tenant) {
    return byTenant.getOrDefault(tenant, TenantDefinitions.NONE);
  }

  private static IvvyDefinitions parse(byte[] json, String source) {
    try {
      DefinitionsFile file = STRICT.readValue(json, DefinitionsFile.class);
      if (file == null || file.tenants() == null) {
        throw new IllegalArgumentException("an object with \"tenants\" is expected");
      }
      Map<String, TenantDefinitions> tenants = new HashMap<>();
      file.tenants()
          .forEach((tenant, definitions) -> tenants.put(tenant, tenant(tenant, definitions)));
      return new IvvyDefinitions(tenants);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "iVvy definitions (" + source + ") are not valid: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "iVvy definitions (" + source + ") are not valid: " + e.getMessage(), e);
    }
  }

  private static TenantDefinitions tenant(String tenant, TenantFile file) {
    Map<Long, CustomFieldDefinition> fields = new LinkedHashMap<>();
    for (FieldFile field :
        file.customFields() == null ? List.<FieldFile>of() : file.customFields()) {
      if (field.fieldId() == null || field.type() == null) {
        throw new IllegalArgumentException(
            "tenant " + tenant + ": every custom field needs fieldId and type");
      }
      CustomFieldDefinition definition =
          new CustomFieldDefinition(
              field.fieldId(),
              field.displayName(),
              CustomFieldType.named(field.type()),
              field.options(),
              field.maxLength());
      if (fields.put(field.fieldId(), definition) != null) {
        throw new IllegalArgumentException(
            "tenant " + tenant + " defines custom field " + field.fieldId() + " twice");
      }
    }
    Map<Long, String> companies = new LinkedHashMap<>();
    for (CompanyFile company :
        file.companies() == null ? List.<CompanyFile>of() : file.companies()) {
      if (company.id() == null) {
        throw new IllegalArgumentException("tenant " + tenant + ": every company needs an id");
      }
      if (companies.put(company.id(), company.name() == null ? "" : company.name()) != null) {
        throw new IllegalArgumentException(
            "tenant " + tenant + " defines company " + company.id() + " twice");
      }
    }
    return new TenantDefinitions(fields, companies);
  }

  private record DefinitionsFile(Map<String, TenantFile> tenants) {}

  private record TenantFile(List<FieldFile> customFields, List<CompanyFile> companies) {}

  private record FieldFile(
      Long fieldId, String displayName, String type, List<String> options, Integer maxLength) {}

  private record CompanyFile(Long id, String name) {}
}
