package org.parvis.sync;

/** Where clients send commands, and how large one may be. */
public final class CommandAddresses {

  public static final String COMMANDS = "parvis.cmd";
  public static final int MAX_COMMAND_BYTES = 8 * 1024;

  private CommandAddresses() {}
}
