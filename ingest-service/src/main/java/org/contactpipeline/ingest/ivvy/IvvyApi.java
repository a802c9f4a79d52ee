package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.contactpipeline.ingest.http.QueryEndpoint;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.http.VendorApi;
import org.contactpipeline.ingest.http.WriteEndpoint;
import org.contactpipeline.ingest.pipeline.AsyncJobs;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.store.ContactStore;
import org.contactpipeline.vendor.ivvy.IvvyContacts;
import org.contactpipeline.vendor.ivvy.IvvyError;

/**
 * iVvy's contact namespace: every call is {@code POST /api/1.0/contact?action=<action>} with a JSON
 * body, signed the vendor's way ({@link IvvyAuthentication}) or behind a static bearer token.
 * Writes go through the pipeline; reads come from the materialized golden records; everything is
 * scoped by the token's tenant. Errors take iVvy's exception shape, whose {@code errorCode} is the
 * HTTP status.
 */
public final class IvvyApi implements VendorApi {

  private static final String PREFIX = "/api/";
  private static final String CONTACT = "/api/1.0/contact";
  private static final String BATCH = "/api/1.0/batch";

  private final Handler authentication;
  private final Handler addOrUpdate;
  private final Handler getContact;
  private final Handler getContactList;
  private final Handler batchRun;
  private final Handler batchProgress;
  private final Handler batchResults;
  private final Handler batchRestart;
  private final Handler batchRepost;

  /**
   * @param json the vendor JSON dialect, as the app's JSON mapper
   * @param gateway sends {@code addOrUpdateContact}'s command and waits for its result
   * @param commands builds that command, addressed to the gateway's replies
   * @param store the read side for {@code getContact} and {@code getContactList}
   * @param definitions each tenant's custom fields and companies ({@link IvvyDefinitions#load})
   */
  public IvvyApi(
      Tenants tenants,
      ObjectMapper json,
      CommandGateway gateway,
      Commands commands,
      ContactStore store,
      IvvyDefinitions definitions) {
    this(tenants::authenticate, json, gateway, commands, store, definitions);
  }

  /**
   * @param authentication sets the tenant or refuses the request ({@link IvvyAuthentication})
   */
  public IvvyApi(
      Handler authentication,
      ObjectMapper json,
      CommandGateway gateway,
      Commands commands,
      ContactStore store,
      IvvyDefinitions definitions) {
    this(
        authentication,
        json,
        gateway,
        commands,
        store,
        definitions,
        AsyncJobs.unavailable(gateway, java.time.Clock.systemUTC()));
  }

  /**
   * @param jobs where batches are submitted and looked up
   */
  public IvvyApi(
      Handler authentication,
      ObjectMapper json,
      CommandGateway gateway,
      Commands commands,
      ContactStore store,
      IvvyDefinitions definitions,
      AsyncJobs jobs) {
    this.authentication = authentication;
    IvvyContacts contacts = new IvvyContacts(json);
    this.addOrUpdate =
        new WriteEndpoint<>(
            new AddOrUpdateContactEndpoint(json, new AddOrUpdateValidator(definitions), commands),
            gateway);
    this.getContact =
        new QueryEndpoint<>(new GetContactEndpoint(json, store, contacts, definitions));
    this.getContactList =
        new QueryEndpoint<>(new GetContactListEndpoint(json, store, contacts, definitions));
    this.batchRun =
        new WriteEndpoint<>(
            new BatchRunEndpoint(
                json,
                new BatchRunReader(json, new AddOrUpdateValidator(definitions), jobs.callbacks()),
                commands,
                jobs.submission(),
                jobs.clock()),
            gateway);
    this.batchProgress =
        new QueryEndpoint<>(
            new BatchQueryEndpoint(json, jobs.lookup(), BatchQueryEndpoint.Call.PROGRESS));
    this.batchResults =
        new QueryEndpoint<>(
            new BatchQueryEndpoint(json, jobs.lookup(), BatchQueryEndpoint.Call.RESULTS));
    this.batchRestart =
        new QueryEndpoint<>(
            new BatchQueryEndpoint(json, jobs.lookup(), BatchQueryEndpoint.Call.RESTART));
    this.batchRepost =
        new WriteEndpoint<>(
            new BatchRepostEndpoint(json, jobs.lookup(), jobs.submission()), gateway);
  }

  @Override
  public String name() {
    return "ivvy";
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.before(PREFIX + "*", authentication);
    routes.post(CONTACT, this::dispatch);
    routes.post(BATCH, this::dispatchBatch);
    // Thrown by the authentication, before dispatch; only this API throws it.
    routes.exception(IvvyRejection.class, (rejection, ctx) -> rejection.answer(ctx));
  }

  /** One route, many calls: iVvy names the call in the {@code action} query parameter. */
  private void dispatch(Context ctx) throws Exception {
    String action = ctx.queryParam("action");
    try {
      switch (action == null ? "" : action) {
        case "addOrUpdateContact" -> addOrUpdate.handle(ctx);
        case "getContact" -> getContact.handle(ctx);
        case "getContactList" -> getContactList.handle(ctx);
        default -> throw IvvyRejection.unknownAction("contact", action);
      }
    } catch (IvvyRejection rejection) {
      rejection.answer(ctx);
    }
  }

  /** The batch namespace: jobs run asynchronously, tracked by their {@code asyncId}. */
  private void dispatchBatch(Context ctx) throws Exception {
    String action = ctx.queryParam("action");
    try {
      switch (action == null ? "" : action) {
        case "run" -> batchRun.handle(ctx);
        case "progress" -> batchProgress.handle(ctx);
        case "results" -> batchResults.handle(ctx);
        case "restart" -> batchRestart.handle(ctx);
        case "repost" -> batchRepost.handle(ctx);
        default -> throw IvvyRejection.unknownAction("batch", action);
      }
    } catch (IvvyRejection rejection) {
      rejection.answer(ctx);
    }
  }

  @Override
  public java.util.List<String> pathPatterns() {
    return java.util.List.of(PREFIX + "*");
  }

  @Override
  public boolean owns(String path) {
    return path.startsWith(PREFIX);
  }

  @Override
  public Object errorBody(int status, String message) {
    return IvvyError.of(status, message);
  }
}
