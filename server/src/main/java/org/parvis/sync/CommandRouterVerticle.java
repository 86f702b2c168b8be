package org.parvis.sync;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.Function;
import org.parvis.protocol.Command;
import org.parvis.protocol.Protocol;
import org.parvis.workshop.Identity;

/**
 * Owns the command address: checks size, identity and rate, hands each command to its feature's
 * handler, and answers the client with an acknowledgement or a clear error code.
 */
public final class CommandRouterVerticle extends VerticleBase {

  private static final System.Logger LOG = System.getLogger(CommandRouterVerticle.class.getName());
  private static final long STORAGE_WARNING_INTERVAL_NANOS = 5_000_000_000L;

  private final CommandHandlers handlers;
  private final Function<String, Future<Optional<Identity>>> identities;
  private final RateLimits rateLimits;
  private MessageConsumer<Object> consumer;
  private long lastStorageWarning = System.nanoTime() - STORAGE_WARNING_INTERVAL_NANOS;
  private int storageFailuresNotLogged;

  /** {@code identities}: the identity a token proves, from the cache the bridge guard filled. */
  public CommandRouterVerticle(CommandHandlers handlers, Function<String, Future<Optional<Identity>>> identities,
      RateLimits rateLimits) {
    this.handlers = handlers;
    this.identities = identities;
    this.rateLimits = rateLimits;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().consumer(CommandAddresses.COMMANDS, this::onCommand);
    return consumer.completion();
  }

  private void onCommand(Message<Object> message) {
    route(message)
        .onSuccess(answer -> message.reply(answer.put("ok", true)))
        .onFailure(failure -> message.reply(refusal(failure)));
  }

  private Future<JsonObject> route(Message<Object> message) {
    if (!(message.body() instanceof JsonObject command)) {
      return rejected("invalid_json", "A command is a JSON object.");
    }
    if (CommandSize.exceeds(command, CommandAddresses.MAX_COMMAND_BYTES)) {
      return rejected("too_large", "A command may be at most " + CommandAddresses.MAX_COMMAND_BYTES + " bytes.");
    }
    String authError = message.headers().get(CommandAddresses.AUTH_ERROR_HEADER);
    String token = message.headers().get(CommandAddresses.PROVED_TOKEN_HEADER);
    if ("unavailable".equals(authError)) {
      return Future.failedFuture(new IllegalStateException("token lookup failed: storage unreachable"));
    }
    if ("rate_limited".equals(authError)) {
      return rejected("rate_limited", "Too many messages at once on this connection: wait a moment and retry.");
    }
    if ("reload_required".equals(authError)) {
      return rejected("reload_required", "Parvis has been updated since this page was loaded: reload the page.");
    }
    if (authError != null || token == null) {
      return rejected("invalid_token", "This link or session is not valid any more: join again.");
    }
    String screen = message.headers().get(CommandAddresses.SCREEN_HEADER);
    Object type = command.getValue("type");
    return identities.apply(token).compose(identity -> identity
        .map(proved -> dispatch(screen == null ? proved : proved.onScreen(screen), String.valueOf(type), command))
        .orElseGet(() -> rejected("invalid_token", "This link or session is not valid any more: join again.")));
  }

  private Future<JsonObject> dispatch(Identity sender, String type, JsonObject json) {
    if (!rateLimits.tryAcquire(sender.workshopId() + "/" + sender.participantId(), type)) {
      return rejected("rate_limited", "Too many requests at once: wait a moment and retry.");
    }
    Verdict<Command> command = Protocol.decode(json);
    if (!command.isAllowed()) {
      return Future.failedFuture(new RejectedException(command.rejection()));
    }
    return handlers.handle(sender, command.value());
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
