package org.contactpipeline.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.contactpipeline.bench.ThroughputPlan.RequestShape;
import org.contactpipeline.bench.ThroughputResults.FireAndForget;
import org.contactpipeline.bench.ThroughputResults.Http;
import org.contactpipeline.bench.ThroughputResults.HttpStep;
import org.contactpipeline.bench.ThroughputResults.LargeRequests;

/**
 * The HTTP part of a throughput run: establish requests for new keys, the same closed-loop load on
 * the pipeline and on the direct-JDBC peer, one step of the plan at a time; then many-key requests
 * and fire-and-forget requests on the pipeline alone. Broker and resolver profiles are read for the
 * pipeline's steps only, as the peer uses neither.
 */
final class EstablishLoad {

  private static final String BEARER = "Bearer demo-token";
  private static final int OK = 200;
  private static final Duration STEP_WARMUP = Duration.ofSeconds(1);
  private static final Duration HTTP_WARMUP_ROUND = Duration.ofSeconds(2);
  private static final int LARGE_REQUEST_KEYS = 1000;
  private static final int FIRE_AND_FORGET_KEYS = 50;
  private static final int FIRE_AND_FORGET_CLIENTS = 32;

  private final ThroughputPlan plan;
  private final String pipelineUrl;
  private final String peerUrl;
  private final ContactRows rows;
  private final String runId;
  private final LoadGenerator load = new LoadGenerator();

  /** {@code runId} starts every key, so this run's contacts are told apart in PostgreSQL. */
  EstablishLoad(
      ThroughputPlan plan, String pipelineUrl, String peerUrl, ContactRows rows, String runId) {
    this.plan = plan;
    this.pipelineUrl = pipelineUrl;
    this.peerUrl = peerUrl;
    this.rows = rows;
    this.runId = runId;
  }

  /** Warms both servers up, then runs every step of the plan on each, in order. */
  Http measure() throws Exception {
    warmUpHttp();
    List<HttpStep> steps = new ArrayList<>();
    for (RequestShape shape : plan.httpSteps()) {
      steps.add(measureStep(shape));
    }
    LargeRequests largeRequests = largeRequests(runId + "-k");
    FireAndForget fireAndForget = fireAndForget(runId + "-f");
    return new Http(steps, largeRequests, fireAndForget);
  }

  /**
   * Unmeasured HTTP load on both servers until the JIT has compiled their HTTP paths. With 8
   * seconds each, the compiler threads still took half a core (top -H) through the 128-client step,
   * more in the pipeline's (whose JVM also holds the broker and the Streams app) than in the
   * peer's, so the steps measured the compiler. Rounds of {@link #HTTP_WARMUP_ROUND} on each, 1-key
   * and 50-key requests at 32 and 128 clients, until {@link JitWarmUp} sees the compiler settle.
   */
  private void warmUpHttp() throws Exception {
    long[] pipelineKeys = {0};
    JitWarmUp.untilSettled(
        "HTTP warm-up",
        round -> {
          for (String url : List.of(pipelineUrl, peerUrl)) {
            for (int keys : ThroughputPlan.KEYS_PER_REQUEST) {
              for (int clients : new int[] {32, 128}) {
                String keyPrefix = runId + "-jit-" + round + "x" + keys + "x" + clients;
                LoadGenerator.Result warm =
                    load.run(clients, HTTP_WARMUP_ROUND, OK, establish(url, keyPrefix, keys, true));
                if (url.equals(pipelineUrl)) {
                  pipelineKeys[0] += (long) warm.ok() * keys;
                }
              }
            }
          }
        });
    // The sink materializes the warm-up's contacts after their answers; the steps must not share
    // the machine, or the PostgreSQL both servers use, with that backlog.
    double drainSeconds = rows.secondsUntilStored(runId + "-jit", pipelineKeys[0]);
    Progress.line(
        "HTTP warm-up: %d contacts in PostgreSQL %.1f s later", pipelineKeys[0], drainSeconds);
  }

  /** The same load on the pipeline, then on the peer. */
  private HttpStep measureStep(RequestShape shape) throws Exception {
    LoadGenerator.Result pipeline = measure(pipelineUrl, runId + "-p", shape);
    LoadGenerator.Result direct = measure(peerUrl, runId + "-d", shape);
    Progress.line(
        "%d keys, %d clients: pipeline %.0f req/s, peer %.0f req/s",
        shape.keys(), shape.clients(), pipeline.requestsPerSecond(), direct.requestsPerSecond());
    return new HttpStep(shape, pipeline, direct);
  }

  private LoadGenerator.Result measure(String baseUrl, String keyPrefix, RequestShape shape)
      throws Exception {
    int keys = shape.keys();
    int clients = shape.clients();
    load.run(
        clients,
        STEP_WARMUP,
        OK,
        establish(baseUrl, keyPrefix + "-warm-" + keys + "-" + clients, keys, true));
    BrokerRequests brokerBefore = BrokerRequests.now();
    TransactionProfile transactionsBefore = TransactionProfile.ofResolver();
    MachineProfile machineBefore = MachineProfile.now();
    CpuByThread cpuBefore = CpuByThread.now();
    LoadGenerator.Result measured =
        load.run(
            clients,
            plan.step(),
            OK,
            establish(baseUrl, keyPrefix + "-" + keys + "-" + clients, keys, true));
    boolean pipeline = baseUrl.equals(pipelineUrl);
    String server = pipeline ? "pipeline" : "peer";
    Progress.line("%s %s", server, MachineProfile.now().since(machineBefore, measured.seconds()));
    Progress.line("%s %s", server, CpuByThread.now().since(cpuBefore, measured.seconds(), 14));
    if (pipeline) {
      Progress.line(
          "%s",
          BrokerRequests.now()
              .since(brokerBefore, measured.ok(), measured.seconds(), "answered request"));
      Progress.line(
          "%s", TransactionProfile.ofResolver().since(transactionsBefore, measured.seconds()));
    }
    return measured;
  }

  /**
   * Establish requests for new keys only, so every request does the full work of creating contacts.
   */
  private IntFunction<HttpRequest> establish(
      String baseUrl, String keyPrefix, int keys, boolean returnResults) {
    return i ->
        load.post(
                baseUrl + "/contacts/v1/establish",
                BEARER,
                IntStream.range(0, keys)
                    .mapToObj(k -> "\"" + keyPrefix + "-" + i + "-" + k + "\"")
                    .collect(
                        Collectors.joining(
                            ",",
                            "{\"contactKeys\":[",
                            "]" + (returnResults ? "" : ",\"returnResults\":false") + "}")))
            .build();
  }

  /** One client sending requests of {@link #LARGE_REQUEST_KEYS} keys, for twice a step. */
  private LargeRequests largeRequests(String keyPrefix) throws Exception {
    return new LargeRequests(
        LARGE_REQUEST_KEYS,
        load.run(
            1,
            plan.step().multipliedBy(2),
            OK,
            establish(pipelineUrl, keyPrefix, LARGE_REQUEST_KEYS, true)));
  }

  /**
   * Fire-and-forget establish: how fast requests are accepted, then how long the backlog takes to
   * be in PostgreSQL.
   */
  private FireAndForget fireAndForget(String keyPrefix) throws Exception {
    LoadGenerator.Result accepted =
        load.run(
            FIRE_AND_FORGET_CLIENTS,
            plan.step(),
            OK,
            establish(pipelineUrl, keyPrefix, FIRE_AND_FORGET_KEYS, false));
    return new FireAndForget(
        FIRE_AND_FORGET_KEYS,
        accepted,
        rows.secondsUntilStored(keyPrefix, (long) accepted.ok() * FIRE_AND_FORGET_KEYS));
  }
}
