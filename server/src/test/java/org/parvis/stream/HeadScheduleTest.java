package org.parvis.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.parvis.stream.StreamStore.Head;

class HeadScheduleTest {

  private static final int REFRESH_TICKS = 6;
  private final StreamId board = StreamId.board("w1-1");
  private final HeadSchedule schedule = new HeadSchedule(REFRESH_TICKS);

  @Test
  void aBusyStreamWhoseEventsTheNodeRelayedGetsNoHeadBetweenRefreshes() {
    long refreshTick = refreshTickOf(board);
    for (long tick = refreshTick + 1; tick < refreshTick + REFRESH_TICKS; tick++) {
      schedule.relayed(board, tick, "h" + tick);
      assertThat(schedule.toSend(List.of(new Head(board, tick, "h" + tick)), tick)).as("tick " + tick).isEmpty();
    }
    long next = refreshTick + REFRESH_TICKS;
    schedule.relayed(board, next, "h" + next);
    assertThat(schedule.toSend(List.of(new Head(board, next, "h" + next)), next))
        .as("every stream's head once per refresh").containsExactly(new Head(board, next, "h" + next));
  }

  @Test
  void aHeadAheadOfWhatTheNodeRelayedWaitsATickThenGoesOutOnceIfTheNodeIsStillBehind() {
    long tick = refreshTickOf(board) + 1;
    schedule.relayed(board, 4, "h4");
    Head ahead = new Head(board, 6, "h6");
    assertThat(schedule.toSend(List.of(ahead), tick)).as("events usually still on their way").isEmpty();
    assertThat(schedule.toSend(List.of(ahead), tick + 1)).as("the node missed them").containsExactly(ahead);
    assertThat(schedule.toSend(List.of(ahead), tick + 2)).as("said once").isEmpty();
  }

  @Test
  void aHeadAheadOnlyUntilItsEventsArriveIsNeverSent() {
    long tick = refreshTickOf(board) + 1;
    schedule.relayed(board, 4, "h4");
    assertThat(schedule.toSend(List.of(new Head(board, 6, "h6")), tick)).isEmpty();
    schedule.relayed(board, 5, "h5");
    schedule.relayed(board, 6, "h6");
    schedule.relayed(board, 7, "h7");
    assertThat(schedule.toSend(List.of(new Head(board, 7, "h7")), tick + 1)).isEmpty();
  }

  @Test
  void aHistoryThatWentBackOrChangedIsSentAtOnce() {
    long tick = refreshTickOf(board) + 1;
    schedule.relayed(board, 9, "h9");
    Head restored = new Head(board, 7, "h7");
    assertThat(schedule.toSend(List.of(restored), tick)).as("storage restored to an older copy").containsExactly(restored);

    schedule.relayed(board, 8, "old8");
    Head rewritten = new Head(board, 8, "new8");
    assertThat(schedule.toSend(List.of(rewritten), tick + 1)).as("same revision, another history").containsExactly(rewritten);
  }

  @Test
  void aStreamTheNodeRelayedNothingForGetsItsHeadWhenItChanges() {
    long tick = refreshTickOf(board) + 1;
    Head first = new Head(board, 3, "h3");
    assertThat(schedule.toSend(List.of(first), tick)).containsExactly(first);
    assertThat(schedule.toSend(List.of(first), tick + 1)).as("unchanged").isEmpty();
    Head moved = new Head(board, 4, "h4");
    assertThat(schedule.toSend(List.of(moved), tick + 2)).containsExactly(moved);
  }

  @Test
  void theRefreshOfManyStreamsIsSpreadOverItsTicks() {
    List<StreamId> streams = IntStream.range(0, 600)
        .mapToObj(i -> StreamId.board("w" + i + "-1")).toList();
    List<Head> heads = streams.stream().map(stream -> new Head(stream, 1, "h1")).toList();
    streams.forEach(stream -> schedule.relayed(stream, 1, "h1"));
    int total = 0;
    for (long tick = 0; tick < REFRESH_TICKS; tick++) {
      int sent = schedule.toSend(heads, tick).size();
      assertThat(sent).as("tick " + tick).isBetween(600 / REFRESH_TICKS / 2, 600 / REFRESH_TICKS * 2);
      total += sent;
    }
    assertThat(total).as("each stream once per refresh").isEqualTo(600);
  }

  @Test
  void aStreamNoLongerWatchedIsForgotten() {
    long tick = refreshTickOf(board) + 1;
    schedule.relayed(board, 5, "h5");
    schedule.watching(Set.of());
    Head head = new Head(board, 5, "h5");
    assertThat(schedule.toSend(List.of(head), tick)).as("nothing known of what its new followers saw").containsExactly(head);
  }

  /** The tick at which a stream whose followers have its head gets it anyway. */
  private static long refreshTickOf(StreamId stream) {
    HeadSchedule probe = new HeadSchedule(REFRESH_TICKS);
    probe.relayed(stream, 1, "h1");
    return IntStream.range(0, REFRESH_TICKS)
        .filter(tick -> !probe.toSend(List.of(new Head(stream, 1, "h1")), tick).isEmpty())
        .findFirst().orElseThrow();
  }
}
