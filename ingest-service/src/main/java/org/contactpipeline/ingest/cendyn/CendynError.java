package org.contactpipeline.ingest.cendyn;

/**
 * Cendyn CRM's error body: a bare {@code {"error": "<message>"}} with no code member, as its API
 * answers a bad token or an unknown route. Every Cendyn error here uses it, validation included.
 */
public record CendynError(String error) {}
