package org.contactpipeline.tools.imports;

/**
 * An import that cannot start: the file has no header or lacks a column every row needs, or the
 * state file belongs to another file. Nothing has been published when it is thrown; the command
 * line exits with the usage code.
 */
public final class ImportRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ImportRefused(String message) {
    super(message);
  }
}
