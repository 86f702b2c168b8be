package org.parvis.sync;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import org.parvis.protocol.Command;
import org.parvis.protocol.Protocol;
import org.parvis.workshop.Identity;

/**
 * Answers the commands of people whose identity the bridge proved: checks size and rate, hands each
 * command to its feature's handler, and turns the outcome into an acknowledgement or a clear error
 * code. Called on the event loop of the socket the command came on; one per event loop, as it keeps
 * when it last warned of storage failures.
 */
public final class CommandRouter {

  private static final System.Logger LOG = System.getLogger(CommandRouter.class.getName());
  private static final long STORAGE_WARNING_INTERVAL_NANOS = 5_000_000_000L;

  /** Why a command was refused before its sender was known: the codes the bridge answers with itself. */
  public enum Unproved {
    CONNECTION_RATE_LIMITED("rate_limited", "Too many messages at once on this connection: wait a moment and retry."),
    RELOAD_REQUIRED("reload_required", "Parvis has been updated since this page was loaded: reload the page."),
    INVALID_TOKEN("invalid_token", "This link or session is not valid any more: join again.");

    private final Rejection rejection;

    Unproved(String code, String text) {
      this.rejection = Rejection.of(code, text);
    }
  }

  private final CommandHandlers handlers;
  private final RateLimits rateLimits;
  private long lastStorageWarning = System.nanoTime() - STORAGE_WARNING_INTERVAL_NANOS;
  private int storageFailuresNotLogged;

  public CommandRouter(CommandHandlers handlers, RateLimits rateLimits) {
    this.handlers = handlers;
    this.rateLimits = rateLimits;
  }

  /** The answer to a command from a proved sender: {@code ok: true} with what its handler returned, or a refusal. Never fails. */
  public Future<JsonObject> answer(Identity sender, Object body) {
    return route(sender, body).transform(outcome -> Future.succeededFuture(outcome.succeeded()
        ? outcome.result().put("ok", true)
        : refusal(outcome.cause())));
  }

  /** The answer to a command refused before its sender was proved. */
  public JsonObject answer(Unproved why) {
    return refusal(new RejectedException(why.rejection));
  }

  /** The answer to a command whose sender could not be looked up: storage is away. */
  public JsonObject answerUnreachableStorage(Throwable failure) {
    return refusal(failure);
  }

  private Future<JsonObject> route(Identity sender, Object body) {
    if (!(body instanceof JsonObject command)) {
      return rejected("invalid_json", "A command is a JSON object.");
    }
    if (CommandSize.exceeds(command, CommandAddresses.MAX_COMMAND_BYTES)) {
      return rejected("too_large", "A command may be at most " + CommandAddresses.MAX_COMMAND_BYTES + " bytes.");
    }
    String type = String.valueOf(command.getValue("type"));
    if (!rateLimits.tryAcquire(sender.workshopId() + "/" + sender.participantId(), type)) {
      return rejected("rate_limited", "Too many requests at once: wait a moment and retry.");
    }
    Verdict<Command> decoded = Protocol.decode(command);
    if (!decoded.isAllowed()) {
      return Future.failedFuture(new RejectedException(decoded.rejection()));
    }
    try {
      return handlers.handle(sender, decoded.value());
    } catch (RuntimeException failure) {
      return Future.failedFuture(failure);
    }
  }

  private static Future<JsonObject> rejected(String code, String text) {
    return Future.failedFuture(new RejectedException(Rejection.of(code, text)));
  }

  private JsonObject refusal(Throwable failure) {
    Rejection rejection;
    if (failure instanceof RejectedException rejected) {
      rejection = rejected.rejection();
      // The sender is told why; at INFO a busy evening would write a thousand lines a minute.
      LOG.log(Level.DEBUG, "Refused a command: {0} ({1})", rejection.code(), rejection.message());
    } else {
      rejection = Rejection.of("unavailable", "The server could not confirm this change with its storage. Retry: it is applied at most once.");
      warnStorageFailure(failure);
    }
    JsonObject answer = new JsonObject().put("ok", false).put("error", rejection.code()).put("message", rejection.message());
    if (rejection.field() != null) {
      answer.put("field", rejection.field());
    }
    return answer;
  }

  /** Once per interval: when storage is away every command fails, and a line each would flood the event loop. */
  private void warnStorageFailure(Throwable failure) {
    long now = System.nanoTime();
    if (now - lastStorageWarning < STORAGE_WARNING_INTERVAL_NANOS) {
      storageFailuresNotLogged++;
      return;
    }
    LOG.log(Level.WARNING, "Command failed on storage: {0} ({1} more since the last warning)", failure.toString(), storageFailuresNotLogged);
    lastStorageWarning = now;
    storageFailuresNotLogged = 0;
  }
}
