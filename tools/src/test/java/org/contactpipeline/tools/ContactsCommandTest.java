package org.contactpipeline.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line without a broker: help, usage errors, where settings come from. */
class ContactsCommandTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "admin",
        "admin dead-letters",
        "admin dead-letters list",
        "admin dead-letters replay",
        "admin history",
        "admin check"
      })
  void shouldHelpOnEveryCommand(String command) {
    String[] args = (command + " --help").strip().split(" ");

    Contacts.Run run = Contacts.run(args);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: contacts " + command).contains("--bootstrap-servers");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void shouldRefuseAPositionThatIsNotOneWithoutAStackTrace() {
    Contacts.Run run = Contacts.run("admin", "dead-letters", "replay", "0:17");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("'0:17' is not a position: expected partition@offset")
        .doesNotContain("\tat ");
  }

  @Test
  void shouldRefuseAReplayOfNothing() {
    Contacts.Run run = Contacts.run("admin", "dead-letters", "replay");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Name the dead letters to replay");
  }

  @Test
  void shouldRefuseAKeyThatIsNotOne() {
    Contacts.Run run = Contacts.run("admin", "history", "--key", "demo/acruz");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'demo/acruz' is not a contact key: expected tenant/type/key");
  }

  @Test
  void shouldRefuseKeyAndIdTogether() {
    Contacts.Run run = Contacts.run("admin", "history", "--key", "demo/0/a", "--id", "12");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("mutually exclusive");
  }

  @Test
  void shouldRefuseATimeThatIsNotAnInstant() {
    Contacts.Run run = Contacts.run("admin", "dead-letters", "list", "--since", "yesterday");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'yesterday' is not an instant: expected ISO-8601");
  }

  @Test
  void shouldAskForACommand() {
    Contacts.Run run = Contacts.run("admin");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing a command: dead-letters, history or check");
  }

  @Test
  void shouldReachTheBrokersTheEnvironmentNamesLikeTheServices() {
    ContactsCommand contacts =
        new ContactsCommand(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "SCHEMA_REGISTRY_URL", "http://r:8081"));
    new CommandLine(contacts).parseArgs("admin", "check");

    assertThat(contacts.cluster().bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(contacts.schemaRegistryUrl()).isEqualTo("http://r:8081");
  }

  @Test
  void shouldLetTheOptionWinOverTheEnvironmentWhereverItIsGiven() {
    ContactsCommand before = new ContactsCommand(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));
    new CommandLine(before).parseArgs("--bootstrap-servers", "a:1", "admin", "check");
    ContactsCommand after = new ContactsCommand(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));
    new CommandLine(after).parseArgs("admin", "check", "--bootstrap-servers", "b:2");

    assertThat(before.cluster().bootstrapServers()).isEqualTo("a:1");
    assertThat(after.cluster().bootstrapServers()).isEqualTo("b:2");
  }

  @Test
  void shouldDefaultToTheResolversDefaults() {
    ContactsCommand contacts = new ContactsCommand(Map.of());

    assertThat(contacts.cluster().bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(contacts.schemaRegistryUrl()).isEmpty();
    assertThat(contacts.settings().integer(ContactsCommand.COMMANDS_PARTITIONS)).isEqualTo(12);
  }
}
