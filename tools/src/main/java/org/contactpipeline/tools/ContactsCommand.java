package org.contactpipeline.tools;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.contactpipeline.config.ConfigException;
import org.contactpipeline.config.Settings;
import org.contactpipeline.resolver.ResolverConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code contacts}: the project's one command line for people. Its options reach the cluster the
 * way the services do (the same {@link Settings}: {@code KAFKA_*} variables, {@code CONFIG_FILE},
 * {@code SCHEMA_REGISTRY_URL}), and may be given after any subcommand.
 */
@Command(
    name = "contacts",
    mixinStandardHelpOptions = true,
    versionProvider = ContactsCommand.Version.class,
    subcommands = {AdminCommand.class, ImportCommand.class},
    description = "Tools for the contact pipeline.")
public final class ContactsCommand implements Runnable {

  /** Exit code of a run that found problems or refused something (usage errors exit 2). */
  public static final int PROBLEMS = 1;

  private static final String BOOTSTRAP = "kafka." + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
  private static final String REGISTRY = "schema.registry.url";
  static final String COMMANDS_PARTITIONS = "commands.partitions";
  static final String RESOLVER_APPLICATION_ID = "resolver.application-id";

  /** The resolver's own defaults for what the tool shares with it. */
  private static final Map<String, String> DEFAULTS =
      Map.of(
          BOOTSTRAP, ResolverConfig.DEFAULTS.get(BOOTSTRAP),
          REGISTRY, "",
          COMMANDS_PARTITIONS, ResolverConfig.DEFAULTS.get(COMMANDS_PARTITIONS),
          RESOLVER_APPLICATION_ID, ResolverConfig.DEFAULTS.get(RESOLVER_APPLICATION_ID));

  private final Map<String, String> environment;

  @Spec private CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      scope = ScopeType.INHERIT,
      paramLabel = "<host:port,…>",
      description = "Kafka brokers (default: KAFKA_BOOTSTRAP_SERVERS, else localhost:9092)")
  private String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      scope = ScopeType.INHERIT,
      paramLabel = "<url>",
      description =
          "the deployment's schema registry, to decode Confluent-framed values "
              + "(default: SCHEMA_REGISTRY_URL, else none: Avro single-object encoding)")
  private String schemaRegistryUrl;

  /**
   * @param environment where settings come from, as for the services: usually {@link
   *     System#getenv()}
   */
  public ContactsCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public static void main(String[] args) {
    // A command line prints its own answers: the libraries (Kafka clients) speak only on errors,
    // unless the environment asks for more (the services' logback.xml reads LOG_LEVEL_LIBRARIES).
    if (System.getenv("LOG_LEVEL_LIBRARIES") == null) {
      System.setProperty("LOG_LEVEL_LIBRARIES", "ERROR");
    }
    System.exit(commandLine(System.getenv()).execute(args));
  }

  /**
   * The command line, ready to {@link CommandLine#execute}: a failure prints one line to the error
   * stream, never a stack trace.
   */
  public static CommandLine commandLine(Map<String, String> environment) {
    CommandLine commandLine = new CommandLine(new ContactsCommand(environment));
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> {
          PrintWriter err = failed.getErr();
          err.println(failed.getCommandSpec().qualifiedName() + ": " + describe(exception));
          err.flush();
          return PROBLEMS;
        });
    return commandLine;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing a command: admin or import");
  }

  /** Settings as the services load them: defaults, {@code CONFIG_FILE}, environment. */
  Settings settings() {
    try {
      return Settings.layer(DEFAULTS, environment);
    } catch (RuntimeException e) {
      throw new ToolException("cannot read the settings: " + e.getMessage(), e);
    }
  }

  ClusterAccess cluster() {
    Map<String, Object> client = new HashMap<>(settings().kafkaClientProperties());
    if (bootstrapServers != null) {
      client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    return new ClusterAccess(client);
  }

  /** Where settings come from: usually the process's environment. */
  Map<String, String> environment() {
    return environment;
  }

  String schemaRegistryUrl() {
    return schemaRegistryUrl != null ? schemaRegistryUrl : settings().string(REGISTRY, "");
  }

  /** The root of the command a subcommand runs under. */
  static ContactsCommand of(CommandSpec spec) {
    return (ContactsCommand) spec.root().userObject();
  }

  private static String describe(Exception exception) {
    if (exception instanceof ToolException || exception instanceof ConfigException) {
      return exception.getMessage();
    }
    StringBuilder text = new StringBuilder(exception.getClass().getSimpleName());
    if (exception.getMessage() != null) {
      text.append(": ").append(exception.getMessage());
    }
    Throwable cause = exception.getCause();
    if (cause != null && cause.getMessage() != null) {
      text.append(" (").append(cause.getMessage()).append(')');
    }
    return text.toString();
  }

  /** The version of this build, from its jar's manifest when there is one. */
  static final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
      String version = ContactsCommand.class.getPackage().getImplementationVersion();
      return new String[] {"contacts " + (version == null ? "(development build)" : version)};
    }
  }
}
