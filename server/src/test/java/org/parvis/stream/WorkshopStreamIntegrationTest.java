package org.parvis.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parvis.Main;
import org.parvis.protocol.Event;
import org.parvis.store.LuaScript;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.ParvisNode;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.StreamReplica;
import org.parvis.testing.TcpProxy;
import org.parvis.testing.TestWorkshop;

/** The workshop as a stream: the plenary's choice and board locks have revisions, and are recovered like notes. */
@ExtendWith(VertxExtension.class)
class WorkshopStreamIntegrationTest {

  private static final LuaScript APPLY = StreamStore.applyScript(Main.APPLY_FUNCTIONS);
  private static final Map<String, String> UNTHROTTLED = Map.of("PARVIS_RATE_PER_SECOND", "1000", "PARVIS_RATE_BURST", "1000",
      "PARVIS_LIVENESS_MS", "1000");

  @Test
  void twoAnimatorsChangingThePlenaryAtOnceLeaveEveryScreenOnWhatRedisHolds(Vertx vertx) throws Exception {
    try (RedisProcess redis = RedisProcess.start();
         ParvisNode first = ParvisNode.start(redis.url(), UNTHROTTLED);
         ParvisNode second = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, first.port(), "Plénière", "A", "B", "C");
      String stream = "workshop:" + workshop.id();
      String address = Commands.workshopAddress(workshop.id());
      try (BridgeClient projector = BridgeClient.connect(vertx, first.port(), workshop.observerToken());
           BridgeClient remote = BridgeClient.connectPolling(vertx, second.port(), workshop.observerToken());
           BridgeClient lead = BridgeClient.connect(vertx, first.port(), workshop.animatorToken());
           BridgeClient colleague = BridgeClient.connect(vertx, second.port(), workshop.animatorToken())) {
        List<BridgeClient> screens = List.of(projector, remote);
        List<StreamReplica> views = new ArrayList<>();
        for (BridgeClient screen : screens) {
          screen.register(address);
          views.add(StreamReplica.fromSync(screen.command(Commands.sync(stream))));
        }

        CompletableFuture<Void> leads = CompletableFuture.runAsync(() -> showRepeatedly(lead, workshop.board(0), workshop.board(1)));
        CompletableFuture<Void> colleagues = CompletableFuture.runAsync(() -> showRepeatedly(colleague, workshop.board(2), workshop.board(1)));
        leads.get();
        colleagues.get();

        JsonArray stored = lead.command(new JsonObject().put("type", "workshop.get"))
            .getJsonObject("workshop").getJsonObject("plenary").getJsonArray("boards");
        StreamReplica truth = StreamReplica.fromSync(lead.command(Commands.sync(stream)));
        assertThat(truth.plenary()).isEqualTo(stored);
        for (int i = 0; i < screens.size(); i++) {
          views.get(i).follow(screens.get(i), address, truth.rev(), truth.h());
          assertThat(views.get(i).plenary()).as("what a screen shows").isEqualTo(stored);
          assertThat(views.get(i).h()).isEqualTo(truth.h());
        }
      }
    }
  }

  @Test
  void aWorkshopEventMissedDuringARedisBlipIsRecovered(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start(); ParvisNode node = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Coupure", "A", "B");
      String stream = "workshop:" + workshop.id();
      String address = Commands.workshopAddress(workshop.id());
      try (BridgeClient projector = BridgeClient.connect(vertx, node.port(), workshop.observerToken());
           BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken())) {
        projector.register(address);
        StreamReplica view = StreamReplica.fromSync(projector.command(Commands.sync(stream)));

        // A blip, not a loss: appendfsync everysec may not have written the new workshop yet.
        RedisProcess.sleep(1_500);
        redis.kill();
        RedisProcess.sleep(3_000);
        redis.restart();
        // Applied as soon as Redis is back, while the node's subscription is still waiting to retry:
        // the event is published to nobody on this node.
        JsonObject show = Commands.showOnPlenary(List.of(workshop.board(1)));
        JsonObject answer = animator.command(show);
        long deadline = System.currentTimeMillis() + 20_000;
        while (!answer.getBoolean("ok") && System.currentTimeMillis() < deadline) {
          RedisProcess.sleep(100);
          answer = animator.command(show);
        }
        assertThat(answer.getBoolean("ok")).as("the change, once Redis is back: " + answer.encode()).isTrue();

        view.follow(projector, address, answer.getLong("rev"));
        assertThat(view.plenary().getList()).containsExactly(workshop.board(1));
      }
    }
  }

  /**
   * A change whose event this node never relayed (applied in Redis, published where no node listens,
   * as if pub/sub had lost it) reaches a projector that never writes through the stream's head.
   */
  @Test
  void aProjectorLearnsFromTheHeadOfAChangeItsNodeNeverRelayed(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start(); ParvisNode node = ParvisNode.start(redis.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Tête", "A", "B");
      String stream = "workshop:" + workshop.id();
      String address = Commands.workshopAddress(workshop.id());
      try (BridgeClient projector = BridgeClient.connect(vertx, node.port(), workshop.observerToken())) {
        projector.register(address);
        StreamReplica view = StreamReplica.fromSync(projector.command(Commands.sync(stream)));

        StreamStore.ApplyRequest change = new StreamStore.ApplyRequest(StreamId.workshop(workshop.id()), "plenary.show",
            "lost-1", "animator", System.currentTimeMillis(), new Event.PlenaryChanged(new Event.Plenary(List.of(workshop.board(1)))),
            Map.of());
        List<Object> arguments = new ArrayList<>(StreamStore.arguments(change));
        arguments.set(arguments.size() - 1, "parvis:nobody-listens");
        Redis storage = Redis.createClient(vertx, redis.url());
        Response applied = APPLY.run(storage, StreamStore.keys(change), arguments).await();
        storage.close();
        assertThat(applied.get(0).toString()).isEqualTo("ok");
        long rev = applied.get(1).toLong();
        assertThat(rev).isEqualTo(view.rev() + 1);

        JsonObject head = null;
        long deadline = System.currentTimeMillis() + 10_000;
        while (head == null && System.currentTimeMillis() < deadline) {
          JsonObject pushed = projector.nextOn(address, 500);
          assertThat(pushed == null || "stream.head".equals(pushed.getString("type")))
              .as("nothing but a head for an event not relayed: " + pushed).isTrue();
          if (pushed != null && pushed.getLong("rev") == rev) {
            head = pushed;
          }
        }
        assertThat(head).as("the head of the change, within a few liveness periods").isNotNull();
        view.applySync(projector.command(view.syncCommand()));
        assertThat(view.rev()).isEqualTo(rev);
        assertThat(view.plenary().getList()).containsExactly(workshop.board(1));
      }
    }
  }

  /**
   * A subscription that went silent without closing (half-open) is noticed by its ping and replaced;
   * followers are told to catch up, and events are pushed live again.
   */
  @Test
  void aHalfOpenSubscriptionIsReplacedAndFollowersAreToldToCatchUp(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start();
         TcpProxy proxy = TcpProxy.to(redis.port());
         ParvisNode node = ParvisNode.start(proxy.url(), UNTHROTTLED)) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Liaison muette", "A", "B");
      String stream = "workshop:" + workshop.id();
      String address = Commands.workshopAddress(workshop.id());
      try (BridgeClient projector = BridgeClient.connect(vertx, node.port(), workshop.observerToken());
           BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken())) {
        projector.register(address);
        StreamReplica view = StreamReplica.fromSync(projector.command(Commands.sync(stream)));

        proxy.silenceSubscriptions();
        animator.command(Commands.showOnPlenary(List.of(workshop.board(0))));

        JsonObject resync = null;
        long deadline = System.currentTimeMillis() + 15_000;
        while (resync == null && System.currentTimeMillis() < deadline) {
          JsonObject event = projector.nextOn(address, 500);
          if (event != null && "stream.resync".equals(event.getString("type"))) {
            resync = event;
          }
        }
        assertThat(resync).as("told to catch up once the silent subscription was replaced").isNotNull();
        view.applySync(projector.command(view.syncCommand()));
        assertThat(view.plenary().getList()).containsExactly(workshop.board(0));

        JsonObject later = animator.command(Commands.showOnPlenary(List.of(workshop.board(1))));
        JsonObject pushed = projector.nextOn(address, 5_000);
        while (pushed != null && pushed.getString("type").startsWith("stream.")) {
          pushed = projector.nextOn(address, 5_000);
        }
        assertThat(pushed).as("an event pushed live again").isNotNull();
        assertThat(pushed.getLong("rev")).isEqualTo(later.getLong("rev"));
      }
    }
  }

  private static void showRepeatedly(BridgeClient animator, String one, String other) {
    for (int i = 0; i < 30; i++) {
      JsonObject answer = animator.command(Commands.showOnPlenary(i % 2 == 0 ? List.of(one) : List.of(one, other)));
      assertThat(answer.getBoolean("ok")).as(answer.encode()).isTrue();
    }
  }
}
