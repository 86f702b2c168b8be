package org.parvis.sync;

/** Where clients send commands, and the headers the bridge guard sets on them. */
public final class CommandAddresses {

  public static final String COMMANDS = "parvis.cmd";
  /** The token the guard resolved to an identity; set by the guard only, a client's own headers are dropped. */
  public static final String PROVED_TOKEN_HEADER = "parvis-proved-token";
  /** The id the guard gave the socket: on the shared observer link, each screen is its own person. */
  public static final String SCREEN_HEADER = "parvis-screen";
  public static final String AUTH_ERROR_HEADER = "parvis-auth-error";
  public static final int MAX_COMMAND_BYTES = 8 * 1024;

  private CommandAddresses() {}
}
