package org.contactpipeline.vendor.ivvy;

/**
 * The display name iVvy shows beside a custom field's id ({@code "displayName": "Shirt Size"}).
 * ingest-service knows each tenant's field definitions from its configuration; a renderer without
 * them (the job responses, which sink-service renders too) uses {@link #NONE}.
 */
@FunctionalInterface
public interface CustomFieldNames {

  /** No definitions: every display name is null. */
  CustomFieldNames NONE = fieldId -> null;

  /** The field's display name, or null when it has none or is not defined. */
  String displayName(long fieldId);
}
