package org.parvis.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parvis.workshop.Identity;
import org.parvis.workshop.Role;

class AudienceTest {

  private final Identity jeanne = new Identity("w", Role.PARTICIPANT, "p1", "Jeanne");
  private final Identity paul = new Identity("w", Role.PARTICIPANT, "p2", "Paul");
  private final Identity animator = Identity.animator("w");
  private final Identity observer = Identity.observer("w");

  @Test
  void everyoneIsInTheAudienceAll() {
    assertThat(Audience.admits("all", observer)).isTrue();
    assertThat(Audience.admits("all", jeanne)).isTrue();
  }

  @Test
  void animatorsOnlyLeavesOutParticipantsAndObservers() {
    assertThat(Audience.admits("animators", animator)).isTrue();
    assertThat(Audience.admits("animators", jeanne)).isFalse();
    assertThat(Audience.admits("animators", observer)).isFalse();
  }

  @Test
  void oneParticipantAndTheAnimatorsSeeAPrivateEvent() {
    assertThat(Audience.admits("animators|p:p1", jeanne)).isTrue();
    assertThat(Audience.admits("animators|p:p1", animator)).isTrue();
    assertThat(Audience.admits("animators|p:p1", paul)).isFalse();
    assertThat(Audience.admits("p:p1", paul)).isFalse();
    assertThat(Audience.admits("p:p12|p:p", jeanne)).as("another id that starts or ends like hers").isFalse();
    assertThat(Audience.admits("p:p2|p:p1", jeanne)).isTrue();
  }

  @Test
  void aFollowerOutsideTheAudienceGetsTheShadow() {
    LogEntry entry = LogEntry.parse("p:p1\n{\"type\":\"vote.cast\"}\n{\"type\":\"hidden\"}");
    assertThat(LogEntry.parse("all\n{\"type\":\"x\",\"stream\":\"board:w-1\",\"rev\":1234,\"h\":\"ab\"}\n").rev()).isEqualTo(1234);
    assertThat(LogEntry.parse("all\n{\"type\":\"x\",\"stream\":\"board:w-1\",\"rev\":7,\"h\":\"9f3c\",\"body\":{\"h\":\"no\"}}\n").h())
        .isEqualTo("9f3c");
    assertThat(entry.textFor(jeanne)).isEqualTo("{\"type\":\"vote.cast\"}");
    assertThat(entry.textFor(paul)).isEqualTo("{\"type\":\"hidden\"}");
    StreamFrame frame = StreamFrame.of(StreamId.board("w-1"), entry);
    assertThat(frame.textFor(paul)).contains("hidden").contains("\"address\":\"parvis.board.w-1\"");
    assertThat(frame.textFor(jeanne)).contains("vote.cast");
  }

  @Test
  void onlyABareShadowMayBeMergedWithTheNextOnes() {
    String envelope = "{\"type\":\"hidden\",\"stream\":\"workshop:w\",\"rev\":41,\"h\":\"ab\",\"at\":1700";
    LogEntry bare = LogEntry.parse("animators\n{\"type\":\"participant.joined\",\"rev\":41}\n" + envelope + "}");
    LogEntry withCount = LogEntry.parse("p:p1|animators\n{\"type\":\"note.created\",\"rev\":41}\n" + envelope + ",\"privateCount\":3}");
    assertThat(bare.hasBareShadow()).isTrue();
    assertThat(withCount.hasBareShadow()).as("a shadow that tells something").isFalse();
    StreamFrame frame = StreamFrame.of(StreamId.workshop("w"), bare);
    assertThat(frame.hasBareShadow()).isTrue();
    assertThat(frame.rev()).isEqualTo(41);
    assertThat(new io.vertx.core.json.JsonObject(frame.mergedShadow(37).text()).getJsonObject("body"))
        .isEqualTo(new io.vertx.core.json.JsonObject(envelope + ",\"from\":37}"));
    assertThat(StreamFrame.of(StreamId.workshop("w"), withCount).hasBareShadow()).isFalse();
  }
}
