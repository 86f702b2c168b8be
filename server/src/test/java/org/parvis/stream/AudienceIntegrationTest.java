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

        JsonObject joined = nextEventOf(animator, address);
        assertThat(joined.getString("type")).isEqualTo("participant.joined");
        assertThat(joined.getJsonObject("participant").getString("name")).isEqualTo(NEWCOMER);
        for (BridgeClient other : others) {
          JsonObject shadow = nextEventOf(other, address);
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

  private static JsonObject nextEventOf(BridgeClient client, String address) {
    for (JsonObject event = client.nextOn(address, 10_000); event != null; event = client.nextOn(address, 10_000)) {
      if (event.getLong("rev") != null && !event.getString("type").startsWith("stream.")) {
        return event;
      }
    }
    throw new AssertionError("no event on " + address);
  }
}
