package org.contactpipeline.ingest.marketingcloud;

/**
 * Bounds on what one Marketing Cloud request may ask for.
 *
 * @param maxKeyLength longest contact key accepted, in characters
 * @param maxItemsPerRequest most values one delete names, most addresses one email search names,
 *     and the largest {@code MaximumCount} it accepts
 */
public record MarketingCloudLimits(int maxKeyLength, int maxItemsPerRequest) {

  public MarketingCloudLimits {
    if (maxKeyLength < 1 || maxItemsPerRequest < 1) {
      throw new IllegalArgumentException(
          "limits must be positive: " + maxKeyLength + ", " + maxItemsPerRequest);
    }
  }
}
