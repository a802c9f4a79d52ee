package org.contactpipeline.stack;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders a kustomization as {@code kubectl kustomize} does, for the part of kustomize that
 * deploy/kubernetes uses: {@code resources} (files and directories), {@code patches} by {@code
 * path} (strategic merge), {@code images} and {@code replicas}. Any other field is refused rather
 * than ignored, so the checks never run on something other than what a cluster would get. Why not
 * kustomize itself: CI has no kubectl of its own, and Debian's (1.20) embeds kustomize 2.0, which
 * knows neither {@code patches} nor {@code replicas}. Where a current kubectl is on the PATH,
 * KubernetesManifestsTest compares this rendering with its.
 *
 * <p>Strategic merge as the Kubernetes API declares it for the fields patched here: maps merge key
 * by key; {@code containers}, {@code initContainers}, {@code env} and {@code volumes} merge element
 * by element by {@code name}; every other list is replaced whole.
 */
final class Kustomize {

  static final String FILE = "kustomization.yaml";

  private static final Set<String> SUPPORTED =
      Set.of("apiVersion", "kind", "resources", "patches", "images", "replicas");
  private static final Set<String> MERGED_BY_NAME =
      Set.of("containers", "initContainers", "env", "volumes");

  private Kustomize() {}

  /** Every document the kustomization in {@code directory} renders, in kustomize's input order. */
  static List<Map<String, Object>> render(Path directory) throws IOException {
    Map<String, Object> kustomization = kustomization(directory);
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Path resource : files(directory, kustomization, "resources")) {
      documents.addAll(
          Files.isDirectory(resource) ? render(resource) : Kustomize.readDocuments(resource));
    }
    for (Path patchFile : patchFiles(directory)) {
      for (Map<String, Object> patch : readDocuments(patchFile)) {
        Map<String, Object> target =
            documents.stream()
                .filter(document -> sameObject(document, patch))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            patchFile + ": no " + identity(patch) + " to patch"));
        documents.set(documents.indexOf(target), merge(target, patch, ""));
      }
    }
    for (Object image : list(kustomization.get("images"))) {
      setImage(documents, map(image));
    }
    for (Object replicas : list(kustomization.get("replicas"))) {
      setReplicas(documents, map(replicas));
    }
    return documents;
  }

  /** The kustomization of {@code directory}, refused when it uses a field this does not render. */
  static Map<String, Object> kustomization(Path directory) throws IOException {
    Map<String, Object> kustomization = readDocuments(directory.resolve(FILE)).get(0);
    for (String field : kustomization.keySet()) {
      if (!SUPPORTED.contains(field)) {
        throw new IllegalStateException(
            directory.resolve(FILE) + ": field " + field + " is not rendered by the tests");
      }
    }
    return kustomization;
  }

  /** What {@code resources} names, each checked to exist. */
  static List<Path> resources(Path directory) throws IOException {
    return files(directory, kustomization(directory), "resources");
  }

  /** What {@code patches} names, each checked to exist. */
  static List<Path> patchFiles(Path directory) throws IOException {
    List<Path> paths = new ArrayList<>();
    for (Object patch : list(kustomization(directory).get("patches"))) {
      Map<String, Object> entry = map(patch);
      if (!entry.keySet().equals(Set.of("path"))) {
        throw new IllegalStateException(
            directory.resolve(FILE) + ": a patch is rendered only as {path: file}: " + entry);
      }
      paths.add(existing(directory, entry.get("path").toString()));
    }
    return paths;
  }

  static List<Map<String, Object>> readDocuments(Path file) throws IOException {
    List<Map<String, Object>> documents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (Object document : new Yaml().loadAll(reader)) {
        if (document != null) {
          documents.add(map(document));
        }
      }
    }
    return documents;
  }

  private static List<Path> files(Path directory, Map<String, Object> kustomization, String field)
      throws IOException {
    List<Path> paths = new ArrayList<>();
    for (Object name : list(kustomization.get(field))) {
      paths.add(existing(directory, name.toString()));
    }
    return paths;
  }

  private static Path existing(Path directory, String name) throws IOException {
    Path path = directory.resolve(name).normalize();
    if (!Files.exists(path)) {
      throw new IOException(directory.resolve(FILE) + " names " + name + ", which does not exist");
    }
    return path;
  }

  private static boolean sameObject(Map<String, Object> a, Map<String, Object> b) {
    return identity(a).equals(identity(b));
  }

  static String identity(Map<String, Object> document) {
    return document.get("kind") + "/" + map(document.get("metadata")).get("name");
  }

  @SuppressWarnings("unchecked")
  private static Object mergeValue(Object base, Object patch, String field) {
    if (base instanceof Map<?, ?> baseMap && patch instanceof Map<?, ?> patchMap) {
      return merge((Map<String, Object>) baseMap, (Map<String, Object>) patchMap, field);
    }
    if (base instanceof List<?> baseList
        && patch instanceof List<?> patchList
        && MERGED_BY_NAME.contains(field)) {
      List<Object> merged = new ArrayList<>(baseList);
      for (Object element : patchList) {
        Object name = map(element).get("name");
        int index = indexOfName(merged, name);
        if (index < 0) {
          merged.add(element);
        } else {
          merged.set(index, merge(map(merged.get(index)), map(element), field));
        }
      }
      return merged;
    }
    return patch;
  }

  private static Map<String, Object> merge(
      Map<String, Object> base, Map<String, Object> patch, String field) {
    Map<String, Object> merged = new LinkedHashMap<>(base);
    patch.forEach(
        (key, value) -> {
          if (value == null) {
            merged.remove(key);
          } else {
            merged.put(
                key, merged.containsKey(key) ? mergeValue(merged.get(key), value, key) : value);
          }
        });
    return merged;
  }

  private static int indexOfName(List<Object> elements, Object name) {
    for (int i = 0; i < elements.size(); i++) {
      if (Objects.equals(map(elements.get(i)).get("name"), name)) {
        return i;
      }
    }
    return -1;
  }

  private static void setImage(List<Map<String, Object>> documents, Map<String, Object> image) {
    String name = image.get("name").toString();
    boolean found = false;
    for (Map<String, Object> document : documents) {
      for (Map<String, Object> container : containers(document)) {
        String current = container.get("image").toString();
        int tag = current.lastIndexOf(':');
        String repository = tag < 0 ? current : current.substring(0, tag);
        if (repository.equals(name)) {
          String newName = String.valueOf(image.getOrDefault("newName", repository));
          String newTag =
              String.valueOf(
                  image.getOrDefault("newTag", tag < 0 ? "" : current.substring(tag + 1)));
          container.put("image", newTag.isEmpty() ? newName : newName + ":" + newTag);
          found = true;
        }
      }
    }
    if (!found) {
      throw new IllegalStateException("images: no container runs " + name);
    }
  }

  private static void setReplicas(List<Map<String, Object>> documents, Map<String, Object> entry) {
    Map<String, Object> workload =
        documents.stream()
            .filter(document -> containers(document).size() > 0)
            .filter(document -> map(document.get("metadata")).get("name").equals(entry.get("name")))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("replicas: no workload " + entry.get("name")));
    map(workload.get("spec")).put("replicas", entry.get("count"));
  }

  /** The containers of a workload's pod template; none for any other object. */
  static List<Map<String, Object>> containers(Map<String, Object> document) {
    if (!(document.get("spec") instanceof Map<?, ?> spec)
        || !(spec.get("template") instanceof Map<?, ?> template)
        || !(template.get("spec") instanceof Map<?, ?> podSpec)) {
      return List.of();
    }
    return list(podSpec.get("containers")).stream().map(Kustomize::map).toList();
  }

  static List<Object> list(Object node) {
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof List<?> list)) {
      throw new IllegalStateException("expected a list, got " + node);
    }
    return new ArrayList<>(list);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node) {
    if (!(node instanceof Map<?, ?>)) {
      throw new IllegalStateException("expected a map, got " + node);
    }
    return (Map<String, Object>) node;
  }
}
