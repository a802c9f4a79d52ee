package org.contactpipeline.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README and every page under docs/ link only to files that exist and to headings those pages
 * have: a page moved or a heading renamed without its links fails here.
 */
class DocumentationLinksTest {

  private static final int README_MAX_LINES = 300;

  private static Path projectRoot() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
  }

  private static List<Path> pages(Path root) throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  @Test
  void shouldResolveEveryRelativeLinkOfTheReadmeAndTheDocs() throws IOException {
    Path root = projectRoot();
    List<Path> pages = pages(root);

    assertThat(MarkdownLinks.count(pages)).as("relative links found").isGreaterThan(50);
    assertThat(MarkdownLinks.broken(root, pages)).isEmpty();
  }

  @Test
  void shouldKeepTheReadmeAFrontDoorOfAtMostThreeHundredLines() throws IOException {
    List<String> readme =
        Files.readAllLines(projectRoot().resolve("README.md"), StandardCharsets.UTF_8);

    assertThat(readme).hasSizeLessThanOrEqualTo(README_MAX_LINES);
  }

  @Test
  void shouldReportALinkToAMissingFileAndToAMissingHeading(@TempDir Path root) throws IOException {
    Files.writeString(
        root.resolve("target.md"), "# Wire format\n\n## Wire format\n", StandardCharsets.UTF_8);
    Path page = root.resolve("page.md");
    Files.writeString(
        page,
        String.join(
            "\n",
            "[fine](target.md#wire-format) and [the repeat](target.md#wire-format-1)",
            "[gone](missing.md) and [no heading](target.md#schema-registry)",
            "`[in code](missing.md)` and [web](https://example.com/none)",
            "```",
            "[fenced](missing.md)",
            "```"),
        StandardCharsets.UTF_8);

    assertThat(MarkdownLinks.broken(root, List.of(page)))
        .containsExactly(
            "page.md:2: missing.md: no such file",
            "page.md:2: target.md#schema-registry: no heading with anchor #schema-registry");
  }

  @Test
  void shouldMakeAnchorsFromHeadingsAsGitHubDoes() {
    assertThat(
            MarkdownLinks.anchorsOf(
                "# Reading and writing the topics: consumer and producer guide\n"
                    + "## `POST /contacts/v1/establish`\n"
                    + "```\n# not a heading\n```\n"))
        .containsExactlyInAnyOrder(
            "reading-and-writing-the-topics-consumer-and-producer-guide",
            "post-contactsv1establish");
  }
}
