package org.parvis.sync;

/** Where clients send commands, and the headers the bridge guard sets on them. */
public final class CommandAddresses {

  public static final String COMMANDS = "parvis.cmd";
  public static final String IDENTITY_HEADER = "parvis-identity";
  public static final String AUTH_ERROR_HEADER = "parvis-auth-error";
  public static final int MAX_COMMAND_BYTES = 8 * 1024;

  private CommandAddresses() {}
}
