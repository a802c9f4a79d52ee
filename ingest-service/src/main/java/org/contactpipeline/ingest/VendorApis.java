package org.contactpipeline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import org.contactpipeline.ingest.auth.AccessTokens;
import org.contactpipeline.ingest.auth.Credentials;
import org.contactpipeline.ingest.auth.FailedLogins;
import org.contactpipeline.ingest.cendyn.CendynApi;
import org.contactpipeline.ingest.cendyn.CendynAuthentication;
import org.contactpipeline.ingest.http.JsonMappers;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.http.VendorApi;
import org.contactpipeline.ingest.http.WriteEndpoint;
import org.contactpipeline.ingest.ivvy.IvvyApi;
import org.contactpipeline.ingest.ivvy.IvvyAuthentication;
import org.contactpipeline.ingest.ivvy.IvvyDefinitions;
import org.contactpipeline.ingest.marketingcloud.BearerAuthentication;
import org.contactpipeline.ingest.marketingcloud.ContactEndpoints;
import org.contactpipeline.ingest.marketingcloud.EstablishEndpoint;
import org.contactpipeline.ingest.marketingcloud.MarketingCloudApi;
import org.contactpipeline.ingest.marketingcloud.MarketingCloudAuthApi;
import org.contactpipeline.ingest.marketingcloud.MarketingCloudLimits;
import org.contactpipeline.ingest.marketingcloud.TokenEndpoint;
import org.contactpipeline.ingest.pipeline.AsyncJobs;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.CommandLog;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.pipeline.GatewayMetrics;
import org.contactpipeline.ingest.pipeline.JobLog;
import org.contactpipeline.ingest.pipeline.MeteredCommandLog;
import org.contactpipeline.ingest.pipeline.ResponseWaiter;
import org.contactpipeline.store.ContactStore;
import org.contactpipeline.store.JobStore;

/**
 * Every vendor API ingest serves, configured from one config: one gateway to write, one store to
 * read.
 */
public final class VendorApis {

  private VendorApis() {}

  public static List<VendorApi> all(
      IngestConfig config,
      CommandLog commands,
      ResponseWaiter replies,
      ContactStore store,
      Clock clock) {
    return all(config, commands, replies, store, clock, new SimpleMeterRegistry());
  }

  /**
   * The same, counting commands, results, latencies and timeouts into {@code metrics}; without
   * asynchronous jobs (their calls answer "not saved" and find no job).
   */
  public static List<VendorApi> all(
      IngestConfig config,
      CommandLog commands,
      ResponseWaiter replies,
      ContactStore store,
      Clock clock,
      MeterRegistry metrics) {
    return all(config, commands, replies, store, null, null, clock, metrics);
  }

  /**
   * The same, with asynchronous jobs published to {@code jobLog} and read from {@code jobStore}
   * (null for none).
   */
  public static List<VendorApi> all(
      IngestConfig config,
      CommandLog commands,
      ResponseWaiter replies,
      ContactStore store,
      JobLog jobLog,
      JobStore jobStore,
      Clock clock,
      MeterRegistry metrics) {
    ObjectMapper json = JsonMappers.vendorJson();
    Tenants tenants = new Tenants(config.tenantTokens());
    Credentials credentials = config.credentials();
    FailedLogins failures = new FailedLogins(credentials.failureLimits(), clock);
    AccessTokens accessTokens =
        new AccessTokens(credentials.signingKeys(), credentials.tokenLifetime(), clock);
    CommandGateway gateway =
        new CommandGateway(
            new MeteredCommandLog(commands, metrics),
            replies,
            config.responseTimeout(),
            GatewayMetrics.of(metrics));
    // Handlers build their commands addressed to the replies the gateway waits on.
    Commands addressed = new Commands(clock, replies.replyTo());
    AsyncJobs jobs =
        jobLog == null || jobStore == null
            ? AsyncJobs.unavailable(gateway, clock)
            : AsyncJobs.of(gateway, jobLog, jobStore, config.callbacks(), clock);
    WriteEndpoint<?, ?, ?> establish =
        new WriteEndpoint<>(
            new EstablishEndpoint(
                json, config.maxKeysPerRequest(), config.maxKeyLength(), clock, addressed),
            gateway);
    ContactEndpoints contacts =
        new ContactEndpoints(
            json,
            store,
            gateway,
            addressed,
            clock,
            new MarketingCloudLimits(config.maxKeyLength(), config.maxValuesPerRequest()));
    return List.of(
        new MarketingCloudAuthApi(
            new TokenEndpoint(
                json,
                credentials.marketingCloudClients(),
                accessTokens,
                failures,
                credentials.publicBaseUrl())),
        new MarketingCloudApi(
            new BearerAuthentication(
                tenants, accessTokens, credentials.marketingCloudClients(), failures),
            establish,
            contacts),
        new IvvyApi(
            new IvvyAuthentication(tenants, credentials.ivvyKeys(), failures, clock),
            json,
            gateway,
            addressed,
            store,
            IvvyDefinitions.load(config.ivvyDefinitions()),
            jobs),
        new CendynApi(
            new CendynAuthentication(tenants, credentials.cendynAccounts(), failures),
            json,
            gateway,
            addressed,
            store,
            jobs));
  }
}
