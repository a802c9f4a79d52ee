package org.contactpipeline.ingest.ivvy;

import java.util.Map;
import java.util.Optional;
import org.contactpipeline.vendor.ivvy.CustomFieldNames;

/**
 * What one tenant's iVvy account defines: its custom fields by id and its companies by id. A tenant
 * with no definitions has neither, so it can set no custom field and no company.
 */
record TenantDefinitions(Map<Long, CustomFieldDefinition> customFields, Map<Long, String> companies)
    implements CustomFieldNames {

  static final TenantDefinitions NONE = new TenantDefinitions(Map.of(), Map.of());

  TenantDefinitions {
    customFields = Map.copyOf(customFields);
    companies = Map.copyOf(companies);
  }

  Optional<CustomFieldDefinition> customField(long fieldId) {
    return Optional.ofNullable(customFields.get(fieldId));
  }

  @Override
  public String displayName(long fieldId) {
    return customField(fieldId).map(CustomFieldDefinition::displayName).orElse(null);
  }

  boolean hasCompany(long companyId) {
    return companies.containsKey(companyId);
  }
}
