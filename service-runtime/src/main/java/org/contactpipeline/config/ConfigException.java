package org.contactpipeline.config;

/** A setting is missing or malformed; the message names the key and what is wrong with it. */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String key, String problem) {
    super("config '" + key + "' " + problem);
  }
}
