package org.parvis.bridge;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.parvis.ops.CommandMeter;
import org.parvis.protocol.Protocol;
import org.parvis.roster.GroupGate;
import org.parvis.stream.StreamAccess;
import org.parvis.stream.StreamId;
import org.parvis.sync.CommandAddresses;
import org.parvis.sync.CommandRouter;
import org.parvis.sync.CommandRouter.Unproved;
import org.parvis.sync.TokenBucket;
import org.parvis.workshop.Identity;
import org.parvis.workshop.IdentityChange;
import org.parvis.workshop.Secrets;
import org.parvis.workshop.WorkshopStore;

/**
 * Decides every frame a client sends through the bridge. A frame's token is resolved by the server;
 * sends go to the command address only, and are answered here: the command goes to this event
 * loop's {@link CommandRouter} with the identity its token proved, and the answer is written to the
 * socket as the bridge writes a reply, so a command never crosses the event bus (the bridge's own
 * send path is left undecided, and never taken). Registers go only to the streams of that
 * identity's workshop. A socket's decisions complete in the order its frames came, so a register is
 * in place before the sync that follows it, and its commands reach the router in the order sent.
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
  /** Commands of one socket not answered yet: beyond, it is told to wait (the bridge's own bound on pending replies). */
  static final int MAX_COMMANDS_IN_FLIGHT = 64;
  /** As the bridge: reply addresses are the client's UUIDs. */
  private static final int MAX_REPLY_ADDRESS_CHARS = 36;
  static final String RELOAD_FRAME = errFrame("reload_required");

  private static final long LAST_FRAME_WAIT_MS = 1_000;

  private final Vertx vertx;
  private final WorkshopStore workshops;
  private final GroupGate groups;
  private final StreamFollowers followers;
  private final BoundedWriter writer;
  private final FrameBudget budget;
  private final CommandRouter router;
  private final CommandMeter meter;
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
    int commandsInFlight;

    SocketState(FrameBudget budget) {
      long now = budget.nanoClock().getAsLong();
      this.frames = new TokenBucket(budget.perSecond(), budget.burst(), now);
      this.patience = new TokenBucket(budget.perSecond(), budget.burst(), now);
    }
  }

  BridgeGuard(Vertx vertx, WorkshopStore workshops, StreamFollowers followers, BoundedWriter writer, FrameBudget budget,
      CommandRouter router, CommandMeter meter) {
    this.vertx = vertx;
    this.workshops = workshops;
    this.groups = new GroupGate(workshops);
    this.followers = followers;
    this.writer = writer;
    this.budget = budget;
    this.router = router;
    this.meter = meter;
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
    boolean command = event.type() == BridgeEventType.SEND && CommandAddresses.COMMANDS.equals(frame.getString("address"));
    long now = budget.nanoClock().getAsLong();
    if (!state.frames.tryTake(now)) {
      if (!state.patience.tryTake(now)) {
        close(socket, null);
      }
      refuse(event, frame, command, Unproved.CONNECTION_RATE_LIMITED, null);
      return;
    }
    if (!state.protocolChecked) {
      if (!speaksThisProtocol(frame)) {
        refuse(event, frame, command, Unproved.RELOAD_REQUIRED, RELOAD_FRAME);
        return;
      }
      state.protocolChecked = true;
    }
    if (command) {
      take(frame, socket, state);
    } else if (event.type() == BridgeEventType.SEND) {
      event.complete(false);
    } else {
      inOrder(state, () -> decideRegister(frame, socket, state)).onSuccess(event::complete);
    }
  }

  /** A command is answered with the code (no Redis work); a register is refused, with a frame saying why if given. */
  private void refuse(BridgeEvent event, JsonObject frame, boolean command, Unproved why, String frameToClient) {
    if (command) {
      answer(event.socket(), replyAddressOf(frame), meter.taken(), router.answer(why));
      return;
    }
    if (frameToClient != null) {
      writer.tryWrite(event.socket(), frameToClient);
    }
    event.complete(false);
  }

  /**
   * Takes a command to the router once the socket's earlier frames are decided, with the identity its
   * token proves, and answers it where the bridge would have: a {@code rec} frame to its reply address.
   */
  private void take(JsonObject frame, SockJSSocket socket, SocketState state) {
    String replyAddress = replyAddressOf(frame);
    if (replyAddress == null && frame.getValue("replyAddress") != null) {
      writer.tryWrite(socket, errFrame("invalid_reply_address"));
      return;
    }
    long taken = meter.taken();
    if (state.commandsInFlight >= MAX_COMMANDS_IN_FLIGHT) {
      answer(socket, replyAddress, taken, router.answer(Unproved.CONNECTION_RATE_LIMITED));
      return;
    }
    state.commandsInFlight++;
    String token = tokenOf(frame);
    inOrder(state, () -> identityOf(token, socket, state).transform(identity -> {
      Future<JsonObject> answer;
      if (identity.failed()) {
        answer = Future.succeededFuture(router.answerUnreachableStorage(identity.cause()));
      } else {
        answer = identity.result()
            .map(proved -> router.answer(proved.onScreen(state.screenId), frame.getValue("body")))
            .orElseGet(() -> Future.succeededFuture(router.answer(Unproved.INVALID_TOKEN)));
      }
      answer.onSuccess(json -> {
        state.commandsInFlight--;
        answer(socket, replyAddress, taken, json);
      });
      return Future.succeededFuture(true);
    }));
  }

  /** As the bridge answers a send with a reply address; a command sent without one is answered with nothing. */
  private void answer(SockJSSocket socket, String replyAddress, long taken, JsonObject answer) {
    meter.answered(taken, answer);
    if (replyAddress != null && sockets.containsKey(socket)
        && !writer.tryWrite(socket, new JsonObject().put("type", "rec").put("address", replyAddress).put("body", answer).encode())) {
      writer.drop(socket);
    }
  }

  private static String replyAddressOf(JsonObject frame) {
    Object replyTo = frame.getValue("replyAddress");
    return replyTo instanceof String address && address.length() <= MAX_REPLY_ADDRESS_CHARS ? address : null;
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
  private static Future<Boolean> inOrder(SocketState state, Supplier<Future<Boolean>> decide) {
    Future<Boolean> decision = state.lastDecision.isComplete()
        ? decideNow(decide)
        : state.lastDecision.transform(ignored -> decide.get());
    state.lastDecision = decision.succeeded() ? decision : decision.recover(failure -> Future.succeededFuture(false));
    return state.lastDecision;
  }

  /** A decision that throws refuses its frame, as one whose future fails does. */
  private static Future<Boolean> decideNow(Supplier<Future<Boolean>> decide) {
    try {
      return decide.get();
    } catch (RuntimeException failure) {
      return Future.failedFuture(failure);
    }
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
