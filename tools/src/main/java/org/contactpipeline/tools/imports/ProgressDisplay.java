package org.contactpipeline.tools.imports;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Shows an import's progress on standard error: on a terminal one line redrawn in place a few times
 * a second, otherwise (a log, a pipe) a plain line every few seconds, which a log keeps readable.
 */
final class ProgressDisplay implements AutoCloseable {

  private static final Duration TERMINAL_EVERY = Duration.ofMillis(250);

  private final PrintStream out;
  private final boolean terminal;
  private final Supplier<String> line;
  private final Thread thread;
  private volatile boolean closed;
  private int lastLength;

  /**
   * @param every how often a plain line is written when not on a terminal
   */
  ProgressDisplay(PrintStream out, boolean terminal, Duration every, Supplier<String> line) {
    this.out = out;
    this.terminal = terminal;
    this.line = line;
    Duration interval = terminal ? TERMINAL_EVERY : every;
    this.thread = new Thread(() -> show(interval), "contacts-import-progress");
    thread.setDaemon(true);
    thread.start();
  }

  private void show(Duration interval) {
    while (!closed) {
      try {
        Thread.sleep(interval.toMillis()); // pacing the display, not waiting for anything
      } catch (InterruptedException e) {
        return;
      }
      if (!closed) {
        print(line.get());
      }
    }
  }

  private synchronized void print(String text) {
    if (terminal) {
      // Carriage return and padding over what the previous, longer line left.
      out.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
      lastLength = text.length();
    } else {
      out.println(text);
    }
    out.flush();
  }

  /** Shows the final state once more and ends the line. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    print(line.get());
    if (terminal) {
      out.println();
      out.flush();
    }
  }
}
