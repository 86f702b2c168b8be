package org.parvis.bridge;

import java.util.function.Supplier;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.parvis.roster.GroupGate;
import org.parvis.stream.StreamAccess;
import org.parvis.stream.StreamId;
import org.parvis.sync.CommandAddresses;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Secrets;
import org.parvis.workshop.WorkshopStore;

/**
 * Decides every frame a client sends through the bridge. A frame's token is resolved by the server
 * and the headers a client wrote are replaced by the token it proved (the command router finds the
 * identity in the same cache, without any JSON); sends go to the command address only; registers
 * only to the streams of that identity's workshop. A socket's decisions
 * complete in the order its frames came, so a register is in place before the sync that follows it.
 */
final class BridgeGuard implements Handler<BridgeEvent> {

  private final WorkshopStore workshops;
  private final GroupGate groups;
  private final StreamFollowers followers;
  private final BoundedWriter writer;
  private final Map<SockJSSocket, Future<Boolean>> lastDecision = new HashMap<>();
  /** The open sockets, each with an id of its own: on the shared observer link, each screen is its own person. */
  private final Map<SockJSSocket, String> screenIds = new HashMap<>();

  BridgeGuard(WorkshopStore workshops, StreamFollowers followers, BoundedWriter writer) {
    this.workshops = workshops;
    this.groups = new GroupGate(workshops);
    this.followers = followers;
    this.writer = writer;
  }

  @Override
  public void handle(BridgeEvent event) {
    switch (event.type()) {
      case SOCKET_CREATED -> {
        screenIds.put(event.socket(), Secrets.participantId());
        event.complete(true);
      }
      case SEND, REGISTER -> {
        // Read now: a decision may complete after the socket closed.
        String screenId = screenIds.get(event.socket());
        inOrder(event, () -> event.type() == BridgeEventType.SEND
            ? decideSend(event.getRawMessage(), screenId)
            : decideRegister(event.getRawMessage(), event.socket()));
      }
      case PUBLISH -> event.complete(false);
      case UNREGISTER -> {
        streamOf(event.getRawMessage()).ifPresent(stream -> followers.unfollow(stream, event.socket()));
        event.complete(true);
      }
      case RECEIVE -> {
        // Written here rather than by the bridge, which does not look at how far behind the socket is.
        event.complete(false);
        if (!writer.tryWrite(event.socket(), event.getRawMessage().encode())) {
          writer.drop(event.socket());
        }
      }
      case SOCKET_CLOSED -> {
        lastDecision.remove(event.socket());
        screenIds.remove(event.socket());
        writer.forget(event.socket());
        // Normally emptied by the bridge's UNREGISTERs; also catches a follow the bridge then refused.
        followers.unfollowAll(event.socket());
        event.complete(true);
      }
      default -> event.complete(true);
    }
  }

  private void inOrder(BridgeEvent event, Supplier<Future<Boolean>> decide) {
    Future<Boolean> previous = lastDecision.getOrDefault(event.socket(), Future.succeededFuture(true));
    Future<Boolean> decision = previous.transform(ignored -> decide.get()).recover(failure -> Future.succeededFuture(false));
    lastDecision.put(event.socket(), decision);
    decision.onSuccess(event::complete);
  }

  private Future<Boolean> decideSend(JsonObject frame, String screenId) {
    if (!CommandAddresses.COMMANDS.equals(frame.getString("address"))) {
      return Future.succeededFuture(false);
    }
    return identityOf(frame)
        .map(identity -> identity
            .map(proved -> new JsonObject().put(CommandAddresses.PROVED_TOKEN_HEADER, tokenOf(frame))
                .put(CommandAddresses.SCREEN_HEADER, screenId))
            .orElseGet(() -> new JsonObject().put(CommandAddresses.AUTH_ERROR_HEADER, "invalid_token")))
        .otherwise(storageDown -> new JsonObject().put(CommandAddresses.AUTH_ERROR_HEADER, "unavailable"))
        .map(trusted -> {
          frame.put("headers", trusted);
          return true;
        });
  }

  /**
   * A stream's events reach its followers through {@link StreamFollowers}, not the bridge's own
   * consumer, so the socket's identity is kept with it: it decides which events it sees in full.
   */
  private Future<Boolean> decideRegister(JsonObject frame, SockJSSocket socket) {
    return identityOf(frame).compose(identity -> identity.flatMap(proved -> streamOf(frame)
        .filter(stream -> StreamAccess.mayRead(proved, stream).isAllowed())
        .map(stream -> groups.mayFollow(proved, stream).map(open -> {
          // A token looked up in Redis may answer after the socket closed: following it then would keep it forever.
          if (open.isAllowed() && screenIds.containsKey(socket)) {
            followers.follow(stream, socket, proved);
          }
          return open.isAllowed();
        }))).orElse(Future.succeededFuture(false)));
  }

  private Future<Optional<Identity>> identityOf(JsonObject frame) {
    String token = tokenOf(frame);
    return token == null ? Future.succeededFuture(Optional.empty()) : workshops.identityOf(token);
  }

  private static String tokenOf(JsonObject frame) {
    JsonObject headers = frame.getJsonObject("headers");
    Object token = headers == null ? null : headers.getValue("token");
    return token instanceof String text && !text.isEmpty() && text.length() <= 64 ? text : null;
  }

  private static Optional<StreamId> streamOf(JsonObject frame) {
    return StreamId.fromAddress(frame.getString("address", ""));
  }
}
