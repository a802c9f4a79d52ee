package org.contactpipeline.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One scrape of a Prometheus endpoint, read the way a query would: samples by name and labels. */
public record Scrape(String text, List<Sample> samples) {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public record Sample(String name, String labels, double value) {}

  public static Scrape of(String url) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(url + " answered " + response.statusCode());
      }
      return parse(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String name = brace >= 0 ? line.substring(0, brace) : line.substring(0, line.indexOf(' '));
      String labels = brace >= 0 ? line.substring(brace + 1, line.lastIndexOf('}')) : "";
      samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
    }
    return new Scrape(text, List.copyOf(samples));
  }

  Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.forEach(sample -> names.add(sample.name()));
    return names;
  }

  /**
   * The sum over every sample of {@code name} whose labels contain all of {@code labels} ({@code
   * key="value"}).
   */
  public double sum(String name, String... labels) {
    double sum = 0;
    for (Sample sample : samples) {
      if (sample.name().equals(name)
          && List.of(labels).stream().allMatch(sample.labels()::contains)
          && !Double.isNaN(sample.value())) {
        sum += sample.value();
      }
    }
    return sum;
  }

  @Override
  public String toString() {
    return names().toString();
  }
}
