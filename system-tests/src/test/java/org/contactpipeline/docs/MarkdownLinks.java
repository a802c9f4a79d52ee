package org.contactpipeline.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of Markdown pages that lead nowhere: a file that does not exist, or a {@code
 * #anchor} that no heading of the target page has (anchors as GitHub makes them from headings).
 * Links inside code are not links; absolute URLs are not checked (no network here).
 */
public final class MarkdownLinks {

  private static final Pattern LINK =
      Pattern.compile(
          "!?\\[(?:[^\\]\\[]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
  private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

  private MarkdownLinks() {}

  /** Every broken link of {@code pages}, as {@code page:line: target: why}. */
  static List<String> broken(Path root, List<Path> pages) {
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      List<String> lines = outsideCode(read(page));
      for (int i = 0; i < lines.size(); i++) {
        Matcher link = LINK.matcher(lines.get(i));
        while (link.find()) {
          String target = link.group(1);
          if (SCHEME.matcher(target).find()) {
            continue;
          }
          String problem = problem(page, target);
          if (problem != null) {
            broken.add(root.relativize(page) + ":" + (i + 1) + ": " + target + ": " + problem);
          }
        }
      }
    }
    return broken;
  }

  /** How many relative links {@code pages} hold, so a check that finds none can say so. */
  static int count(List<Path> pages) {
    int count = 0;
    for (Path page : pages) {
      for (String line : outsideCode(read(page))) {
        Matcher link = LINK.matcher(line);
        while (link.find()) {
          if (!SCHEME.matcher(link.group(1)).find()) {
            count++;
          }
        }
      }
    }
    return count;
  }

  private static String problem(Path page, String target) {
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? "" : target.substring(hash + 1);
    Path destination = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
    if (!Files.exists(destination)) {
      return "no such file";
    }
    if (anchor.isEmpty()) {
      return null;
    }
    if (!destination.getFileName().toString().endsWith(".md")) {
      return "an anchor on a file that is not Markdown";
    }
    return anchorsOf(read(destination)).contains(anchor)
        ? null
        : "no heading with anchor #" + anchor;
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces as '-', repeats numbered. */
  public static Set<String> anchorsOf(String markdown) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      if (FENCE.matcher(line).matches()) {
        fenced = !fenced;
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (!fenced && heading.matches()) {
        String base =
            heading
                .group(1)
                .strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
                .replace(' ', '-');
        int repeats = seen.merge(base, 1, Integer::sum) - 1;
        anchors.add(repeats == 0 ? base : base + "-" + repeats);
      }
    }
    return anchors;
  }

  /** The page's lines with fenced blocks blanked and inline code removed. */
  private static List<String> outsideCode(String markdown) {
    List<String> lines = new ArrayList<>();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      if (FENCE.matcher(line).matches()) {
        fenced = !fenced;
        lines.add("");
      } else {
        lines.add(fenced ? "" : INLINE_CODE.matcher(line).replaceAll(""));
      }
    }
    return lines;
  }

  private static String read(Path page) {
    try {
      return Files.readString(page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
