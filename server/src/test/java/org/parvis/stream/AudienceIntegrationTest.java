package org.parvis.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parvis.testing.BridgeClient;
import org.parvis.testing.Commands;
import org.parvis.testing.ParvisNode;
import org.parvis.testing.RedisProcess;
import org.parvis.testing.StreamReplica;
import org.parvis.testing.TestWorkshop;

/**
 * Who joined is for the animators: the other participants and the observers get a `hidden` shadow
 * with the same revision and hash, and never the person, by push, by catch-up or by snapshot, over
 * the raw WebSocket, the SockJS WebSocket transport (frames written pre-framed) and SockJS's
 * xhr-polling fallback alike.
 */
@ExtendWith(VertxExtension.class)
class AudienceIntegrationTest {

  private static final String NEWCOMER = "Zoé Discrète";

  @Test
  void aRestrictedEventReachesItsAudienceOnlyByEveryPath(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start(); ParvisNode node = ParvisNode.start(redis.url())) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Audiences", "A");
      String stream = "workshop:" + workshop.id();
      String address = Commands.workshopAddress(workshop.id());
      try (BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken());
           BridgeClient overWebSocket = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Alice"));
           BridgeClient overSockJs = BridgeClient.connectSockJs(vertx, node.port(), workshop.join(vertx, "Chloé"));
           BridgeClient overPolling = BridgeClient.connectPolling(vertx, node.port(), workshop.join(vertx, "Bruno"));
           BridgeClient observer = BridgeClient.connectPolling(vertx, node.port(), workshop.observerToken())) {
        List<BridgeClient> others = List.of(overWebSocket.keepRawFrames(), overSockJs.keepRawFrames(),
            overPolling.keepRawFrames(), observer.keepRawFrames());
        Map<BridgeClient, StreamReplica> before = new HashMap<>();
        for (BridgeClient client : List.of(animator, overWebSocket, overSockJs, overPolling, observer)) {
          client.register(address);
          before.put(client, StreamReplica.fromSync(client.command(Commands.sync(stream))));
        }

        String newcomerId = workshop.joinAndGetId(vertx, NEWCOMER);

        // The joins before the registers may still reach a follower after its register: the newcomer's is the next revision.
        JsonObject joined = animator.eventAt(address, before.get(animator).rev() + 1, 10_000);
        assertThat(joined.getString("type")).isEqualTo("participant.joined");
        assertThat(joined.getJsonObject("participant").getString("name")).isEqualTo(NEWCOMER);
        for (BridgeClient other : others) {
          JsonObject shadow = other.eventAt(address, joined.getLong("rev"), 10_000);
          assertThat(shadow.getString("type")).as("what a non-animator is pushed").isEqualTo("hidden");
          assertThat(shadow.getLong("rev")).isEqualTo(joined.getLong("rev"));
          assertThat(shadow.getString("h")).isEqualTo(joined.getString("h"));
        }

        JsonObject animatorCatchUp = animator.command(before.get(animator).syncCommand());
        assertThat(animatorCatchUp.getJsonArray("events").getJsonObject(0).getString("type")).isEqualTo("participant.joined");
        for (BridgeClient other : others) {
          JsonObject catchUp = other.command(before.get(other).syncCommand());
          assertThat(catchUp.getJsonArray("events")).as("a catch-up").hasSize(1);
          assertThat(catchUp.getJsonArray("events").getJsonObject(0).getString("type")).isEqualTo("hidden");
          JsonObject snapshot = other.command(Commands.sync(stream));
          assertThat(snapshot.getLong("rev")).isEqualTo(joined.getLong("rev"));
          assertThat(snapshot.getJsonObject("snapshot").getJsonObject("workshop")).isNotNull();
          assertThat(other.rawFrames()).as("everything a non-animator received")
              .noneMatch(frame -> frame.contains(NEWCOMER) || frame.contains(newcomerId));
        }
      }
    }
  }

  /**
   * A roomful joining: each arrival is an event for the animators, and for everyone else a bare
   * shadow that the node holds back and merges, so a phone gets a few frames, not one per arrival,
   * and still ends on the workshop stream's revision and hash, before the next event everyone sees.
   */
  @Test
  void aRoomfulJoiningReachesOtherPhonesAsAFewMergedShadows(Vertx vertx) {
    try (RedisProcess redis = RedisProcess.start(); ParvisNode node = ParvisNode.start(redis.url())) {
      TestWorkshop workshop = TestWorkshop.create(vertx, node.port(), "Arrivées", "A");
      String stream = "workshop:" + workshop.id();
      String address = Commands.workshopAddress(workshop.id());
      try (BridgeClient animator = BridgeClient.connect(vertx, node.port(), workshop.animatorToken());
           BridgeClient overWebSocket = BridgeClient.connect(vertx, node.port(), workshop.join(vertx, "Alice"));
           BridgeClient overSockJs = BridgeClient.connectSockJs(vertx, node.port(), workshop.join(vertx, "Chloé"))) {
        List<BridgeClient> phones = List.of(overWebSocket.keepRawFrames(), overSockJs.keepRawFrames());
        Map<BridgeClient, StreamReplica> replicas = new HashMap<>();
        for (BridgeClient client : List.of(animator, overWebSocket, overSockJs)) {
          client.register(address);
          replicas.put(client, StreamReplica.fromSync(client.command(Commands.sync(stream))));
        }
        // A fence everyone sees: Alice's and Chloé's joins may still reach a follower after its register.
        long before = animator.command(Commands.lock(workshop.board(0), true)).getLong("rev");
        for (BridgeClient client : List.of(animator, overWebSocket, overSockJs)) {
          replicas.get(client).apply(client.eventAt(address, before, 10_000));
        }
        int arrivals = 20;
        List<String> newcomers = new java.util.ArrayList<>();
        for (int i = 0; i < arrivals; i++) {
          newcomers.add(workshop.joinAndGetId(vertx, NEWCOMER + " " + i));
        }
        JsonObject plenary = animator.command(Commands.showOnPlenary(List.of(workshop.board(0))));
        long last = plenary.getLong("rev");
        assertThat(last).isEqualTo(before + arrivals + 1);

        List<JsonObject> toAnimator = eventsUntil(animator, address, last);
        assertThat(toAnimator).hasSize(arrivals + 1);
        assertThat(toAnimator.subList(0, arrivals)).allSatisfy(event -> assertThat(event.getString("type")).isEqualTo("participant.joined"));
        for (BridgeClient phone : phones) {
          List<JsonObject> received = eventsUntil(phone, address, last);
          List<JsonObject> shadows = received.subList(0, received.size() - 1);
          assertThat(shadows).as("what a phone is pushed for %d arrivals", arrivals)
              .allSatisfy(shadow -> assertThat(shadow.getString("type")).isEqualTo("hidden"))
              .hasSizeLessThan(arrivals / 2);
          long expectedFirst = before + 1;
          for (JsonObject shadow : shadows) {
            assertThat(shadow.getLong("from", shadow.getLong("rev"))).as("runs that follow on").isEqualTo(expectedFirst);
            expectedFirst = shadow.getLong("rev") + 1;
          }
          assertThat(expectedFirst).isEqualTo(last);
          JsonObject shown = received.get(received.size() - 1);
          assertThat(shown.getString("type")).as("the next event everyone sees, after the shadows").isEqualTo("plenary.changed");
          StreamReplica replica = replicas.get(phone);
          received.forEach(replica::apply);
          assertThat(replica.rev()).isEqualTo(last);
          assertThat(replica.h()).isEqualTo(shown.getString("h"));
          assertThat(phone.rawFrames()).as("everything a phone received")
              .noneMatch(frame -> frame.contains(NEWCOMER) || newcomers.stream().anyMatch(frame::contains));
        }
      }
    }
  }

  /** The events of a stream (heads left out) a client receives, up to revision {@code last}. */
  private static List<JsonObject> eventsUntil(BridgeClient client, String address, long last) {
    List<JsonObject> events = new java.util.ArrayList<>();
    for (JsonObject event = nextEventOf(client, address); ; event = nextEventOf(client, address)) {
      events.add(event);
      if (event.getLong("rev") >= last) {
        return events;
      }
    }
  }

  private static JsonObject nextEventOf(BridgeClient client, String address) {
    for (JsonObject event = client.nextOn(address, 10_000); event != null; event = client.nextOn(address, 10_000)) {
      if (event.getLong("rev") != null && !event.getString("type").startsWith("stream.")) {
        return event;
      }
    }
    throw new AssertionError("no event on " + address);
  }
}
