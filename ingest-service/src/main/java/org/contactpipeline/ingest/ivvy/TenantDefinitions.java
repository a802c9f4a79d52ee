package org.contactpipeline.ingest.ivvy;

import java.util.Map;
import java.util.Optional;

/**
 * What one tenant's iVvy account defines: its custom fields by id and its companies by id. A tenant
 * with no definitions has neither, so it can set no custom field and no company.
 */
record TenantDefinitions(
    Map<Long, CustomFieldDefinition> customFields, Map<Long, String> companies) {

  static final TenantDefinitions NONE = new TenantDefinitions(Map.of(), Map.of());

  TenantDefinitions {
    customFields = Map.copyOf(customFields);
    companies = Map.copyOf(companies);
  }

  Optional<CustomFieldDefinition> customField(long fieldId) {
    return Optional.ofNullable(customFields.get(fieldId));
  }

  boolean hasCompany(long companyId) {
    return companies.containsKey(companyId);
  }
}
