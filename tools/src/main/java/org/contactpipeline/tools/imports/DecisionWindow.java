package org.contactpipeline.tools.imports;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The rows between the checkpoint and the newest row read: at most {@code capacity} of them, so a
 * fast file cannot run ahead of the pipeline without bound (the in-flight window), and the memory
 * they take is fixed. Each row is admitted when read, then decided: rejected at once, or when its
 * result arrives. The checkpoint L moves over every row decided in order, counting its outcome and
 * writing its reject line, so the counts and the reject file always cover exactly rows 1 to L.
 *
 * <p>A result may come before its row is admitted (a resumed import finds the results of the run it
 * resumes); the first result of a row counts, later ones (the same row sent again) do not.
 */
final class DecisionWindow {

  private static final byte NONE = -1;

  private final int capacity;
  private final byte[] outcomes;
  private final boolean[] admitted;
  private final long[] lines;
  private final long[] endOffsets;
  private final long[] nextLines;
  private final String[] reasons;
  private final ImportCounts counts;
  private final RejectsFile rejects;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition moved = lock.newCondition();

  private long done;
  private long resumeOffset;
  private long resumeLine;
  private long highestAdmitted;
  private long lastRow = -1;

  DecisionWindow(int capacity, ImportState from, RejectsFile rejects) {
    this.capacity = capacity;
    this.outcomes = new byte[capacity];
    Arrays.fill(outcomes, NONE);
    this.admitted = new boolean[capacity];
    this.lines = new long[capacity];
    this.endOffsets = new long[capacity];
    this.nextLines = new long[capacity];
    this.reasons = new String[capacity];
    this.counts = from.counts().copy();
    this.rejects = rejects;
    this.done = from.rowsDone();
    this.highestAdmitted = from.rowsDone();
    this.resumeOffset = from.resumeOffset();
    this.resumeLine = from.resumeLine();
  }

  /**
   * Admits the row just read, waiting while the window is full.
   *
   * @param giveUp asked while waiting: when it holds, the row is not admitted (the import stops)
   * @return false when the row was already decided (by a run this one resumes), or not admitted: do
   *     not send it
   */
  boolean admit(Row row, BooleanSupplier giveUp) throws InterruptedException {
    lock.lock();
    try {
      while (row.number > done + capacity) {
        if (giveUp.getAsBoolean()) {
          return false;
        }
        moved.await(100, TimeUnit.MILLISECONDS);
      }
      int slot = slot(row.number);
      admitted[slot] = true;
      lines[slot] = row.line;
      endOffsets[slot] = row.endOffset;
      nextLines[slot] = row.nextLine;
      highestAdmitted = row.number;
      boolean decided = outcomes[slot] != NONE;
      if (decided) {
        advance();
      }
      return !decided;
    } finally {
      lock.unlock();
    }
  }

  /** An admitted row that never leaves the file: unreadable, or refused by validation. */
  void reject(Row row, String reason) {
    decide(row.number, Outcome.REJECTED, reason);
  }

  /**
   * The outcome of row {@code number}; a second outcome of one row, or one outside the window, is
   * ignored.
   */
  void decide(long number, Outcome outcome, String reason) {
    lock.lock();
    try {
      record(number, outcome, reason);
      advance();
    } finally {
      lock.unlock();
    }
  }

  /** Several outcomes at once (one poll of results), under one lock. */
  void decideAll(long[] numbers, Outcome[] outcomes, String[] reasons, int count) {
    lock.lock();
    try {
      for (int i = 0; i < count; i++) {
        record(numbers[i], outcomes[i], reasons[i]);
      }
      advance();
    } finally {
      lock.unlock();
    }
  }

  /** The file has {@code rows} rows in all; every one is admitted. */
  void endOfFile(long rows) {
    lock.lock();
    try {
      lastRow = rows;
      moved.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every admitted row is decided, or {@code idleMillis} pass without any row being
   * decided; returns whether all were.
   */
  boolean awaitAllDecided(long idleMillis, BooleanSupplier stop) throws InterruptedException {
    lock.lock();
    try {
      long lastDone = done;
      long idleSince = System.nanoTime();
      while (done < highestAdmitted) {
        if (stop.getAsBoolean()) {
          return false;
        }
        moved.await(100, TimeUnit.MILLISECONDS);
        if (done != lastDone) {
          lastDone = done;
          idleSince = System.nanoTime();
        } else if (System.nanoTime() - idleSince > TimeUnit.MILLISECONDS.toNanos(idleMillis)) {
          return false;
        }
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The checkpoint as it stands, with its reject lines flushed. */
  ImportState checkpoint(String fingerprint, Map<Integer, Long> resultPositions) {
    lock.lock();
    try {
      return new ImportState(
          fingerprint,
          done,
          resumeOffset,
          resumeLine,
          rejects.flushedLength(),
          counts.copy(),
          resultPositions,
          lastRow >= 0 && done == lastRow);
    } finally {
      lock.unlock();
    }
  }

  /** L: every row up to it is decided. */
  long done() {
    lock.lock();
    try {
      return done;
    } finally {
      lock.unlock();
    }
  }

  long highestAdmitted() {
    lock.lock();
    try {
      return highestAdmitted;
    } finally {
      lock.unlock();
    }
  }

  /** The outcomes of rows up to L. */
  ImportCounts counts() {
    lock.lock();
    try {
      return counts.copy();
    } finally {
      lock.unlock();
    }
  }

  private void record(long number, Outcome outcome, String reason) {
    if (number <= done || number > done + capacity) {
      return;
    }
    int slot = slot(number);
    if (outcomes[slot] != NONE) {
      return;
    }
    outcomes[slot] = (byte) outcome.ordinal();
    reasons[slot] = reason;
  }

  private void advance() {
    boolean movedOn = false;
    while (done < highestAdmitted) {
      int slot = slot(done + 1);
      if (!admitted[slot] || outcomes[slot] == NONE) {
        break;
      }
      Outcome outcome = Outcome.values()[outcomes[slot]];
      counts.add(outcome);
      if (reasons[slot] != null) {
        rejects.write(lines[slot], reasons[slot]);
      }
      resumeOffset = endOffsets[slot];
      resumeLine = nextLines[slot];
      outcomes[slot] = NONE;
      admitted[slot] = false;
      reasons[slot] = null;
      done++;
      movedOn = true;
    }
    if (movedOn) {
      moved.signalAll();
    }
  }

  private int slot(long number) {
    return (int) (number % capacity);
  }
}
