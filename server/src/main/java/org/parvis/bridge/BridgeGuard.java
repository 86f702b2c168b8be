package org.parvis.bridge;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.parvis.protocol.Protocol;
import org.parvis.roster.GroupGate;
import org.parvis.stream.StreamAccess;
import org.parvis.stream.StreamId;
import org.parvis.sync.CommandAddresses;
import org.parvis.sync.TokenBucket;
import org.parvis.workshop.Identity;
import org.parvis.workshop.IdentityChange;
import org.parvis.workshop.Secrets;
import org.parvis.workshop.WorkshopStore;

/**
 * Decides every frame a client sends through the bridge. A frame's token is resolved by the server
 * and the headers a client wrote are replaced by the token it proved (the command router finds the
 * identity in the same cache, without any JSON); sends go to the command address only; registers
 * only to the streams of that identity's workshop. A socket's decisions
 * complete in the order its frames came, so a register is in place before the sync that follows it.
 *
 * <p>Before any Redis work a frame spends from its socket's budget; a socket that keeps sending past
 * it, or presents more unknown tokens than a person has, is closed. The identities a socket proved
 * stay on it until an {@link IdentityChange} concerns them: a revoked one closes the socket, after
 * telling the client why. The first frame must speak this server's protocol.
 */
final class BridgeGuard implements Handler<BridgeEvent> {

  /** More tokens than one person's tabs hold (participant, animator, observer): a socket going past guesses. */
  static final int MAX_UNKNOWN_TOKENS_PER_SOCKET = 8;
  private static final int MAX_TOKENS_PER_SOCKET = 4;
  static final String RELOAD_FRAME = errFrame("reload_required");

  private static final long LAST_FRAME_WAIT_MS = 1_000;

  private final Vertx vertx;
  private final WorkshopStore workshops;
  private final GroupGate groups;
  private final StreamFollowers followers;
  private final BoundedWriter writer;
  private final FrameBudget budget;
  private final Map<SockJSSocket, SocketState> sockets = new HashMap<>();
  /** Bumped by every change: a lookup under way when one came must not keep what it read on the socket. */
  private long changesSeen;

  /** How many frames a socket may send: a steady rate and a burst; refused as many again (at that rate), it is closed. */
  record FrameBudget(double perSecond, int burst, LongSupplier nanoClock) {}

  /** What the guard knows of one open socket. */
  private static final class SocketState {
    /** On the shared observer link, each screen is its own person. */
    final String screenId = Secrets.participantId();
    final TokenBucket frames;
    /** Refusals the socket may earn before it is closed, refilled like its frames. */
    final TokenBucket patience;
    final Map<String, Identity> proved = new HashMap<>();
    Future<Boolean> lastDecision = Future.succeededFuture(true);
    boolean protocolChecked;
    int unknownTokens;

    SocketState(FrameBudget budget) {
      long now = budget.nanoClock().getAsLong();
      this.frames = new TokenBucket(budget.perSecond(), budget.burst(), now);
      this.patience = new TokenBucket(budget.perSecond(), budget.burst(), now);
    }
  }

  BridgeGuard(Vertx vertx, WorkshopStore workshops, StreamFollowers followers, BoundedWriter writer, FrameBudget budget) {
    this.vertx = vertx;
    this.workshops = workshops;
    this.groups = new GroupGate(workshops);
    this.followers = followers;
    this.writer = writer;
    this.budget = budget;
  }

  @Override
  public void handle(BridgeEvent event) {
    switch (event.type()) {
      case SOCKET_CREATED -> {
        sockets.put(event.socket(), new SocketState(budget));
        event.complete(true);
      }
      case SEND, REGISTER -> admit(event);
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
        sockets.remove(event.socket());
        writer.forget(event.socket());
        // Normally emptied by the bridge's UNREGISTERs; also catches a follow the bridge then refused.
        followers.unfollowAll(event.socket());
        event.complete(true);
      }
      default -> event.complete(true);
    }
  }

  /** Drops (or closes) what a change of identities concerns; called on this guard's event loop. */
  void onIdentityChange(IdentityChange change) {
    changesSeen++;
    Map.copyOf(sockets).forEach((socket, state) -> {
      if (change.workshopId() == null) {
        recheck(socket, state);
      } else if (state.proved.values().removeIf(change::concerns)) {
        close(socket, change.revoked() ? errFrame(change.revokedBecause()) : null);
      }
    });
  }

  /** This node may have missed revocations: the tokens its socket proved are proved again, now. */
  private void recheck(SockJSSocket socket, SocketState state) {
    Map<String, Identity> held = Map.copyOf(state.proved);
    state.proved.clear();
    held.keySet().forEach(token -> workshops.identityOf(token).onSuccess(found -> {
      if (found.isEmpty() && sockets.get(socket) == state) {
        close(socket, errFrame(IdentityChange.REVOKED));
      }
    }));
  }

  private void admit(BridgeEvent event) {
    SockJSSocket socket = event.socket();
    SocketState state = sockets.get(socket);
    if (state == null) {
      event.complete(false);
      return;
    }
    JsonObject frame = event.getRawMessage();
    boolean send = event.type() == BridgeEventType.SEND;
    long now = budget.nanoClock().getAsLong();
    if (!state.frames.tryTake(now)) {
      if (!state.patience.tryTake(now)) {
        close(socket, null);
      }
      refuse(event, frame, "rate_limited", null);
      return;
    }
    if (!state.protocolChecked) {
      if (!speaksThisProtocol(frame)) {
        refuse(event, frame, "reload_required", RELOAD_FRAME);
        return;
      }
      state.protocolChecked = true;
    }
    inOrder(event, state, () -> send ? decideSend(frame, socket, state) : decideRegister(frame, socket, state));
  }

  /** A send is answered by the router with the code (no Redis work); a register is refused, with a frame saying why if given. */
  private void refuse(BridgeEvent event, JsonObject frame, String code, String frameToClient) {
    if (event.type() == BridgeEventType.SEND && CommandAddresses.COMMANDS.equals(frame.getString("address"))) {
      frame.put("headers", new JsonObject().put(CommandAddresses.AUTH_ERROR_HEADER, code));
      event.complete(true);
      return;
    }
    if (frameToClient != null) {
      writer.tryWrite(event.socket(), frameToClient);
    }
    event.complete(false);
  }

  /** A frame the client's bridge reports as an error with this code, tied to no request. */
  private static String errFrame(String code) {
    return new JsonObject().put("type", "err").put("body", code).encode();
  }

  private static boolean speaksThisProtocol(JsonObject frame) {
    JsonObject headers = frame.getJsonObject("headers");
    Object version = headers == null ? null : headers.getValue("protocol");
    // A client from before versioned frames says nothing: it speaks version 2, the first to send headers.
    return version == null || String.valueOf(Protocol.VERSION).equals(String.valueOf(version));
  }

  /** It stops following at once; a last frame goes out before it closes (at the latest a moment later, for a socket that does not read). */
  private void close(SockJSSocket socket, String lastFrame) {
    followers.unfollowAll(socket);
    if (lastFrame == null) {
      socket.close();
      return;
    }
    long timer = vertx.setTimer(LAST_FRAME_WAIT_MS, late -> socket.close());
    socket.write(lastFrame).onComplete(written -> {
      vertx.cancelTimer(timer);
      socket.close();
    });
  }

  /** Decides once every earlier frame of the socket is decided: at once when they are, the usual case. */
  private void inOrder(BridgeEvent event, SocketState state, Supplier<Future<Boolean>> decide) {
    Future<Boolean> decision = state.lastDecision.isComplete()
        ? decideNow(decide)
        : state.lastDecision.transform(ignored -> decide.get());
    if (decision.succeeded()) {
      state.lastDecision = decision;
      event.complete(decision.result());
      return;
    }
    state.lastDecision = decision.recover(failure -> Future.succeededFuture(false));
    state.lastDecision.onSuccess(event::complete);
  }

  /** A decision that throws refuses its frame, as one whose future fails does. */
  private static Future<Boolean> decideNow(Supplier<Future<Boolean>> decide) {
    try {
      return decide.get();
    } catch (RuntimeException failure) {
      return Future.failedFuture(failure);
    }
  }

  private Future<Boolean> decideSend(JsonObject frame, SockJSSocket socket, SocketState state) {
    if (!CommandAddresses.COMMANDS.equals(frame.getString("address"))) {
      return Future.succeededFuture(false);
    }
    String token = tokenOf(frame);
    return identityOf(token, socket, state).transform(identity -> {
      frame.put("headers", trustedHeaders(identity, token, state));
      return Future.succeededFuture(true);
    });
  }

  /** What the router is told of a send's sender: the token it proved, or why it proved none. */
  private static JsonObject trustedHeaders(AsyncResult<Optional<Identity>> identity, String token, SocketState state) {
    if (identity.failed()) {
      return new JsonObject().put(CommandAddresses.AUTH_ERROR_HEADER, "unavailable");
    }
    return identity.result().isPresent()
        ? new JsonObject().put(CommandAddresses.PROVED_TOKEN_HEADER, token).put(CommandAddresses.SCREEN_HEADER, state.screenId)
        : new JsonObject().put(CommandAddresses.AUTH_ERROR_HEADER, "invalid_token");
  }

  /**
   * A stream's events reach its followers through {@link StreamFollowers}, not the bridge's own
   * consumer, so the socket's identity is kept with it: it decides which events it sees in full.
   */
  private Future<Boolean> decideRegister(JsonObject frame, SockJSSocket socket, SocketState state) {
    return identityOf(tokenOf(frame), socket, state).compose(identity -> identity.flatMap(proved -> streamOf(frame)
        .filter(stream -> StreamAccess.mayRead(proved, stream).isAllowed())
        .map(stream -> groups.mayFollow(proved, stream).map(open -> {
          // A token looked up in Redis may answer after the socket closed: following it then would keep it forever.
          if (open.isAllowed() && sockets.get(socket) == state) {
            followers.follow(stream, socket, proved);
          }
          return open.isAllowed();
        }))).orElse(Future.succeededFuture(false)));
  }

  /**
   * The identity a token proves: kept on the socket once proved; else from the node's cache or Redis.
   * A socket that has had too many unknown tokens looked up gets no more lookups, and is closed.
   */
  private Future<Optional<Identity>> identityOf(String token, SockJSSocket socket, SocketState state) {
    if (token == null) {
      return Future.succeededFuture(Optional.empty());
    }
    Identity proved = state.proved.get(token);
    if (proved != null) {
      return Future.succeededFuture(Optional.of(proved));
    }
    if (workshops.isKnownUnknown(token)) {
      return Future.succeededFuture(Optional.empty());
    }
    if (state.unknownTokens >= MAX_UNKNOWN_TOKENS_PER_SOCKET) {
      close(socket, null);
      return Future.succeededFuture(Optional.empty());
    }
    long changesBefore = changesSeen;
    return workshops.identityOf(token).map(found -> {
      if (found.isEmpty()) {
        state.unknownTokens++;
      } else if (state.proved.size() < MAX_TOKENS_PER_SOCKET && changesSeen == changesBefore) {
        state.proved.put(token, found.get());
      }
      return found;
    });
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
