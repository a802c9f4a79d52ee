package org.contactpipeline.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM of the chaos test (a broker, a service): started with a fixed command line and
 * environment, killed with SIGKILL by its own PID ({@link Process#destroyForcibly}), started again
 * the same way, as a supervisor would, or paused with SIGSTOP and resumed with SIGCONT, as a long
 * GC pause or a frozen VM would stop it. Its output goes to a log file that outlives restarts.
 */
final class ChildJvm implements AutoCloseable {

  private static final List<String> LOGGING =
      List.of(
          "-Djava.net.preferIPv4Stack=true",
          // service-runtime's logback.xml at its defaults (plain; the project's own and Kafka
          // Streams' state changes at INFO, the rest at WARN), whatever the parent JVM was given.
          "-DLOG_FORMAT=plain",
          "-DLOG_LEVEL=INFO",
          "-DLOG_LEVEL_LIBRARIES=WARN");

  /** How long a clean stop may take, its archive written, before a SIGKILL. */
  static final Duration STOP_WITHIN = Duration.ofSeconds(90);

  /** Serial GC and C1 only: the chaos test's eight JVMs share two cores with other builds. */
  private static final List<String> SHARED_CORES =
      concat(
          List.of(
              "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-Xss512k"),
          LOGGING);

  /** The heap and the JVM options a child runs with. */
  record Tuning(String heap, List<String> options) {

    /** The chaos test's: a small heap, serial GC and C1 only. */
    static Tuning sharedCores(String heap) {
      return new Tuning(heap, SHARED_CORES);
    }

    /**
     * The JVM's own defaults (G1, both JIT compilers), as the Docker image runs the services: what
     * a throughput measurement needs.
     */
    static Tuning jvmDefaults(String heap) {
      return new Tuning(heap, LOGGING);
    }
  }

  private final String name;
  private final List<String> command;
  private final Path classArchive;
  private final Map<String, String> environment;
  private final Path log;
  private Process process;
  private int starts;

  /** Whether the current process's end, if it ended, was seen or caused by this class already. */
  private boolean endAccountedFor;

  private final List<Integer> exitsByItself = new ArrayList<>();

  ChildJvm(
      String name,
      String classpath,
      Tuning tuning,
      String mainClass,
      List<String> args,
      Map<String, String> environment,
      Path log) {
    this(name, classpath, tuning, mainClass, args, environment, log, null);
  }

  /**
   * @param classArchive where this JVM's class-data archive lives (AppCDS), or null for none: a
   *     start without it writes it at the next clean exit ({@link #stop}), every start with it maps
   *     the classes from it instead of loading and verifying each from its jar, which is most of a
   *     service's start-up on two shared cores
   */
  ChildJvm(
      String name,
      String classpath,
      Tuning tuning,
      String mainClass,
      List<String> args,
      Map<String, String> environment,
      Path log,
      Path classArchive) {
    this.name = name;
    this.classArchive = classArchive;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + tuning.heap());
    command.addAll(tuning.options());
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.log = log;
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    noteExitByItself();
    ProcessBuilder builder = new ProcessBuilder(withClassArchive(command, classArchive));
    // Only what we give it: a developer's KAFKA_* variables must not leak into a service.
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      process = builder.start();
      endAccountedFor = false;
      starts++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /**
   * The command with the class-data archive's option after {@code java}: map it when it exists,
   * otherwise write it at exit.
   */
  static List<String> withClassArchive(List<String> command, Path classArchive) {
    if (classArchive == null) {
      return command;
    }
    List<String> withArchive = new ArrayList<>(command);
    withArchive.add(
        1,
        Files.exists(classArchive)
            ? "-XX:SharedArchiveFile=" + classArchive
            : "-XX:ArchiveClassesAtExit=" + classArchive);
    return List.copyOf(withArchive);
  }

  /**
   * SIGTERM by PID and wait until the process has exited, as a supervisor stops a service for a
   * rolling restart: shutdown hooks run, and the JVM writes its class-data archive if it was asked
   * to. SIGKILL after {@link #STOP_WITHIN}.
   */
  synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    noteExitByItself();
    endAccountedFor = true;
    process.destroy();
    try {
      if (!process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping " + name, e);
    }
  }

  /** SIGKILL by PID and wait until the process is gone: no shutdown hook, no clean close. */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    noteExitByItself();
    endAccountedFor = true;
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + name, e);
    }
  }

  /**
   * SIGSTOP by PID: every thread stops where it is, sockets stay open, and nobody is told; {@link
   * #resume} lets it run again. A paused process still dies by {@link #kill}.
   */
  synchronized void pause() {
    signal("STOP");
  }

  /** SIGCONT by PID: a paused process runs on as if no time had passed. */
  synchronized void resume() {
    signal("CONT");
  }

  private void signal(String signal) {
    noteExitByItself();
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException(name + " is not running: no SIG" + signal);
    }
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        kill.destroyForcibly();
        throw new IllegalStateException("kill -" + signal + " of " + name + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot signal " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + name, e);
    }
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** How many times this JVM was started; more than the test did means it exited by itself. */
  synchronized int starts() {
    return starts;
  }

  /**
   * The exit codes of the times this JVM ended without the test killing it. A later fault of its
   * lane kills and starts it again like a supervisor, so without this an exit in between would
   * leave no trace at the end of the run.
   */
  synchronized List<Integer> exitsByItself() {
    noteExitByItself();
    return List.copyOf(exitsByItself);
  }

  private void noteExitByItself() {
    if (process != null && !process.isAlive() && !endAccountedFor) {
      exitsByItself.add(process.exitValue());
      endAccountedFor = true;
    }
  }

  synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  @Override
  public void close() {
    kill();
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }
}
