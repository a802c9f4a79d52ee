package org.contactpipeline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A bulk path as a Cendyn CRM user takes it: the contact file sent as {@code create_bulk} requests
 * of {@link #CONTACTS_PER_REQUEST} contacts by {@link #CLIENTS} concurrent clients, each sending
 * its next request when the last is accepted. Accepted means the commands are durably in Kafka; the
 * contacts are decided after, asynchronously, so the caller of this class waits for the results and
 * the rows itself.
 */
final class CreateBulkLoad {

  static final int CONTACTS_PER_REQUEST = 5_000;
  static final int CLIENTS = 4;

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI createBulk;
  private final String token;

  /**
   * @param baseUrl the ingest HTTP listener
   * @param account the Cendyn account (and so the tenant) the contacts go to
   * @param token that account's token
   */
  CreateBulkLoad(String baseUrl, String account, String token) {
    this.createBulk = URI.create(baseUrl + "/v2/account/" + account + "/contact/create_bulk");
    this.token = token;
  }

  /**
   * Sends every contact of {@code file}; returns the seconds until the last request was accepted.
   */
  double send(ContactFile file) throws Exception {
    long start = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try (BufferedReader rows = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8)) {
      rows.readLine(); // the header
      List<Future<Integer>> sent = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        sent.add(clients.submit(() -> sendUntilEmpty(rows)));
      }
      int contacts = 0;
      for (Future<Integer> client : sent) {
        contacts += client.get();
      }
      if (contacts != file.contacts()) {
        throw new IllegalStateException(
            "sent " + contacts + " contacts of the file's " + file.contacts());
      }
    } finally {
      clients.shutdownNow();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** One client: the next chunk of rows, until the file is read; returns the contacts it sent. */
  private int sendUntilEmpty(BufferedReader rows) throws IOException, InterruptedException {
    int sent = 0;
    while (true) {
      String body;
      int contacts;
      synchronized (rows) {
        StringBuilder json = new StringBuilder(CONTACTS_PER_REQUEST * 80).append("{\"contacts\":[");
        contacts = 0;
        String row;
        while (contacts < CONTACTS_PER_REQUEST && (row = rows.readLine()) != null) {
          String[] fields = row.split(",", -1);
          json.append(contacts == 0 ? "" : ",")
              .append("{\"email\":\"")
              .append(fields[0])
              .append("\",\"name_first\":\"")
              .append(fields[1])
              .append("\",\"name_last\":\"")
              .append(fields[2])
              .append("\"}");
          contacts++;
        }
        body = json.append("]}").toString();
      }
      if (contacts == 0) {
        return sent;
      }
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(createBulk)
                  .timeout(REQUEST_TIMEOUT)
                  .header("Authorization", "Token token=" + token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "create_bulk answered " + answer.statusCode() + ": " + answer.body());
      }
      sent += contacts;
    }
  }
}
