package org.contactpipeline.ingest.marketingcloud;

import java.util.List;

/**
 * Body of {@code POST /contacts/v1/establish} as clients send it. Property names match in any case
 * ({@code ContactKeys}), booleans may be strings ({@code "false"}), and a trailing comma is
 * tolerated, as the vendor's own example shows. Absent fields are {@code null} here; defaults are
 * applied by {@link EstablishValidator}.
 */
public record EstablishRequest(
    List<String> contactKeys,
    Integer contactType,
    Boolean returnResults,
    Boolean correlateResponseItem,
    Boolean includeNewContactAwareness) {}
