package org.contactpipeline.tools;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.contactpipeline.config.Settings;
import org.contactpipeline.deploy.TopicLayout;
import org.contactpipeline.resolver.ResolverTopology;
import org.contactpipeline.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code contacts admin check}: compares a cluster with what the code expects. The topics are
 * {@link TopicLayout}'s, with its partition counts and cleanup policies; P is {@code
 * COMMANDS_PARTITIONS}, which the resolver checks {@code contact.commands} against when it starts;
 * and the resolver's state-store changelogs, which Kafka Streams creates with one partition per
 * partition of {@code contact.commands}, record the P the resolver has run with.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check the deployment: every topic exists with the partition count and cleanup policy the "
          + "code creates it with, contact.commands has COMMANDS_PARTITIONS partitions, and the "
          + "resolver's state stores were built for that count.",
      "Exit code 0 when all is well, 1 with each problem on its own line."
    })
final class CheckCommand implements Callable<Integer> {

  /**
   * The resolver's stores that Kafka Streams backs with a changelog topic of their own, of P
   * partitions (the golden-record store is restored from {@code contact.changelog}, checked with
   * the other topics).
   */
  static final List<String> RESOLVER_STORES = List.of(ResolverTopology.SEQUENCE_STORE);

  @Spec private CommandSpec spec;

  @Option(
      names = "--commands-partitions",
      paramLabel = "<P>",
      description = "P expected (default: COMMANDS_PARTITIONS, else 12, as the resolver reads it)")
  private Integer commandsPartitions;

  @Override
  public Integer call() {
    ContactsCommand root = ContactsCommand.of(spec);
    Settings settings = root.settings();
    int p =
        commandsPartitions != null
            ? commandsPartitions
            : settings.positiveInteger(ContactsCommand.COMMANDS_PARTITIONS);
    if (p <= 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--commands-partitions must be positive, was " + p);
    }
    String applicationId = settings.string(ContactsCommand.RESOLVER_APPLICATION_ID);
    ClusterAccess access = root.cluster();
    List<String> problems;
    List<String> fine = new ArrayList<>();
    try (Admin admin = access.admin()) {
      problems = check(admin, access, p, applicationId, fine);
    }
    PrintWriter out = spec.commandLine().getOut();
    fine.forEach(line -> out.println("ok       " + line));
    problems.forEach(line -> out.println("problem  " + line));
    out.println(
        problems.isEmpty()
            ? "all well: " + access.bootstrapServers() + " matches the layout with P = " + p
            : problems.size() + (problems.size() == 1 ? " problem" : " problems"));
    out.flush();
    return problems.isEmpty() ? 0 : ContactsCommand.PROBLEMS;
  }

  private static List<String> check(
      Admin admin, ClusterAccess access, int p, String applicationId, List<String> fine) {
    List<String> problems = new ArrayList<>();
    Set<String> existing = get(access, admin.listTopics().names());
    Map<String, TopicDescription> described = new HashMap<>();
    List<Topic> expected = expected(existing, admin, access, p);
    for (Topic topic : expected) {
      if (!existing.contains(topic.name())) {
        problems.add(
            topic.name() + " is missing (TopicLayout, or docker-compose's kafka-init, creates it)");
        continue;
      }
      TopicDescription description = describe(admin, access, topic.name());
      described.put(topic.name(), description);
      int partitions = description.partitions().size();
      if (partitions != topic.layout().numPartitions()) {
        problems.add(
            topic.name()
                + " has "
                + partitions
                + " partitions, expected "
                + topic.layout().numPartitions()
                + topic.why());
      } else {
        fine.add(
            topic.name() + ": " + partitions + (partitions == 1 ? " partition" : " partitions"));
      }
    }
    Map<String, Config> configs = configs(admin, access, described.keySet());
    for (Topic topic : expected) {
      Config config = configs.get(topic.name());
      if (config == null) {
        continue;
      }
      Map<String, String> wanted = new HashMap<>();
      wanted.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
      if (topic.layout().configs() != null) {
        wanted.putAll(topic.layout().configs());
      }
      wanted.forEach(
          (name, value) -> {
            ConfigEntry entry = config.get(name);
            String actual = entry == null ? null : entry.value();
            if (!value.equals(actual)) {
              problems.add(topic.name() + " has " + name + "=" + actual + ", expected " + value);
            } else {
              fine.add(topic.name() + ": " + name + "=" + actual);
            }
          });
    }
    TopicDescription commands = described.get(Topics.COMMANDS.name());
    if (commands != null) {
      checkResolverStores(admin, access, existing, applicationId, commands, fine, problems);
    }
    return problems;
  }

  private static void checkResolverStores(
      Admin admin,
      ClusterAccess access,
      Set<String> existing,
      String applicationId,
      TopicDescription commands,
      List<String> fine,
      List<String> problems) {
    int actual = commands.partitions().size();
    List<String> changelogs =
        RESOLVER_STORES.stream()
            .map(store -> applicationId + "-" + store + "-changelog")
            .filter(existing::contains)
            .toList();
    if (changelogs.isEmpty()) {
      fine.add(
          "the resolver ("
              + applicationId
              + ") has no state yet on this cluster: nothing recorded to compare P with");
      return;
    }
    for (String changelog : changelogs) {
      int recorded = describe(admin, access, changelog).partitions().size();
      if (recorded != actual) {
        problems.add(
            "the resolver's store "
                + changelog
                + " has "
                + recorded
                + " partitions but "
                + Topics.COMMANDS.name()
                + " has "
                + actual
                + ": the resolver ran with P = "
                + recorded
                + ", and the IDs it issued encode that count");
      } else {
        fine.add("the resolver's store " + changelog + " was built for P = " + recorded);
      }
    }
  }

  /** A topic of the layout, with the count its partitions must have and why. */
  private record Topic(NewTopic layout, String why) {

    String name() {
      return layout.name();
    }
  }

  /**
   * The layout for P, with {@code contact.results} at the count it has: any count serves it (ingest
   * instances hash onto its partitions), so only its existence and settings are checked.
   */
  private static List<Topic> expected(
      Set<String> existing, Admin admin, ClusterAccess access, int p) {
    int results =
        existing.contains(Topics.RESULTS.name())
            ? describe(admin, access, Topics.RESULTS.name()).partitions().size()
            : 1;
    List<Topic> topics = new ArrayList<>();
    for (NewTopic layout : TopicLayout.layout(p, results)) {
      String why = "";
      if (layout.name().equals(Topics.COMMANDS.name())) {
        why =
            " (COMMANDS_PARTITIONS): the resolver refuses to start, and contact IDs encode the "
                + "owner partition, so the count cannot change for existing data";
      } else if (layout.name().equals(Topics.CHANGELOG.name())) {
        why = ", as many as contact.commands (COMMANDS_PARTITIONS)";
      }
      topics.add(new Topic(layout, why));
    }
    return topics;
  }

  private static TopicDescription describe(Admin admin, ClusterAccess access, String topic) {
    return get(access, admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
  }

  private static Map<String, Config> configs(
      Admin admin, ClusterAccess access, Set<String> topics) {
    List<ConfigResource> resources =
        topics.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
    Map<String, Config> configs = new HashMap<>();
    get(access, admin.describeConfigs(resources).all())
        .forEach((resource, config) -> configs.put(resource.name(), config));
    return configs;
  }

  private static <T> T get(ClusterAccess access, KafkaFuture<T> future) {
    try {
      return future.get(ClusterAccess.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw access.unreachable(e);
      }
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new ToolException(e.getCause().getMessage(), e.getCause());
      }
      throw new ToolException(
          "Kafka at " + access.bootstrapServers() + " refused: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw access.unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolException("interrupted", e);
    }
  }
}
