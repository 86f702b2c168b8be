package org.parvis.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.parvis.Main;
import org.parvis.board.BoardRules;
import org.parvis.config.ParvisConfig;
import org.parvis.testing.RedisProcess;

/**
 * The server's own cost of one command, in figures that do not depend on how loaded the machine is:
 * bytes allocated and CPU time on the node's event-loop threads per command, from
 * {@code com.sun.management.ThreadMXBean}, the node running in this JVM against its own redis-server.
 *
 * <p>N participants join workshops over the real HTTP API (each alone on its board unless
 * {@code --per-board} says otherwise, so the fan-out is one write, to the sender), connect over real
 * WebSockets to the bridge's raw endpoint (the JDK's client, so that no client work runs on a Vert.x
 * thread), register on their board and sync it; then each keeps one command in flight, a
 * {@code note.create} in five (until the people of one board hold half of its room; then updates
 * only), the others {@code note.update} of one of its notes (a move or a new text). After a
 * warm-up, each round of M commands is measured from before the first is sent to after every
 * acknowledgement and every event of the round has come back. The rate limits are raised so that
 * nothing is refused; the limiters are consulted as usual.
 *
 * <pre>
 * java -cp bench/target/parvis-bench.jar org.parvis.bench.CommandCost \
 *     [--clients 50] [--per-board 1] [--commands 10000] [--rounds 7] [--warmup 30000] [--jfr rounds.jfr]
 * </pre>
 */
public final class CommandCost {

  private static final String EVENT_LOOP_PREFIX = "vert.x-eventloop-thread-";
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final String[] COLORS = {"yellow", "pink", "blue", "green", "orange", "purple"};
  private static final long PING_INTERVAL_MS = 10_000;

  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Participant> participants = new ArrayList<>();
  /** Board events carrying a command id, received by all participants. */
  private final AtomicLong eventsReceived = new AtomicLong();
  private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();

  private CommandCost(int port) {
    this.port = port;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int clients = Integer.parseInt(options.getOrDefault("clients", "50"));
    int perBoard = Integer.parseInt(options.getOrDefault("per-board", "1"));
    int commands = Integer.parseInt(options.getOrDefault("commands", "10000"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "7"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "30000"));
    String jfr = options.get("jfr");
    try (RedisProcess redis = RedisProcess.start()) {
      int port = RedisProcess.freePort();
      Main node = Main.start(ParvisConfig.from(Map.of(
          "PARVIS_PORT", Integer.toString(port),
          "PARVIS_HOST", "127.0.0.1",
          "PARVIS_REDIS_URL", redis.url(),
          // One HTTP and one command verticle, as a one-core node (the pinned benchmark) starts.
          "PARVIS_HTTP_INSTANCES", "1",
          "PARVIS_JOIN_PER_MINUTE", "1000000",
          "PARVIS_CREATE_PER_HOUR", "1000000",
          "PARVIS_RATE_PER_SECOND", "1000000",
          "PARVIS_RATE_BURST", "1000000",
          "PARVIS_SOCKET_FRAMES_PER_SECOND", "1000000",
          "PARVIS_SOCKET_FRAME_BURST", "1000000"))).await();
      CommandCost bench = new CommandCost(port);
      try {
        bench.setUp(clients, perBoard);
        System.out.printf(Locale.ROOT, "%d participants, %d per board, %d commands per round, %d rounds after %d to warm up%n",
            clients, perBoard, commands, rounds, warmup);
        Cost idle = bench.idle(Duration.ofSeconds(2));
        System.out.printf(Locale.ROOT, "idle node: %,d bytes and %,d CPU ns per second on its event loops%n",
            idle.bytes() / 2, idle.cpuNanos() / 2);
        bench.round(warmup, perBoard);
        Recording recording = jfr == null ? null : startRecording(Path.of(jfr));
        long[] bytes = new long[rounds];
        long[] cpu = new long[rounds];
        for (int round = 0; round < rounds; round++) {
          Cost cost = bench.round(commands, perBoard);
          bytes[round] = cost.bytes() / commands;
          cpu[round] = cost.cpuNanos() / commands;
          System.out.printf(Locale.ROOT, "round %d: %,d bytes, %,d CPU ns per command (%.1f s)%n",
              round + 1, bytes[round], cpu[round], cost.wallNanos() / 1e9);
        }
        if (recording != null) {
          recording.stop();
          recording.close();
        }
        System.out.printf(Locale.ROOT, "per command on the node's event loops, median [min-max] of %d rounds:%n", rounds);
        System.out.printf(Locale.ROOT, "  allocated  %,8d bytes   [%,d-%,d]%n", median(bytes), min(bytes), max(bytes));
        System.out.printf(Locale.ROOT, "  CPU        %,8d ns      [%,d-%,d]%n", median(cpu), min(cpu), max(cpu));
        System.out.println("refused: " + (bench.refusals.isEmpty() ? "none" : bench.refusals));
      } finally {
        bench.participants.forEach(Participant::close);
        node.stop().await();
      }
    }
  }

  /** What the node's event loops did between two snapshots. */
  record Cost(long bytes, long cpuNanos, long wallNanos) {}

  /** Allocated bytes and CPU time of every event-loop thread of the node, by thread id. */
  private static Map<Long, long[]> eventLoops() {
    Map<Long, long[]> loops = new HashMap<>();
    for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (thread != null && thread.getThreadName().startsWith(EVENT_LOOP_PREFIX)) {
        long id = thread.getThreadId();
        loops.put(id, new long[] {THREADS.getThreadAllocatedBytes(id), THREADS.getThreadCpuTime(id)});
      }
    }
    return loops;
  }

  private static Cost costBetween(Map<Long, long[]> before, Map<Long, long[]> after, long wallNanos) {
    long bytes = 0;
    long cpu = 0;
    for (Map.Entry<Long, long[]> loop : after.entrySet()) {
      long[] start = before.getOrDefault(loop.getKey(), new long[2]);
      bytes += loop.getValue()[0] - start[0];
      cpu += loop.getValue()[1] - start[1];
    }
    return new Cost(bytes, cpu, wallNanos);
  }

  private Cost idle(Duration quiet) throws InterruptedException {
    Map<Long, long[]> before = eventLoops();
    long start = System.nanoTime();
    Thread.sleep(quiet.toMillis());
    return costBetween(before, eventLoops(), System.nanoTime() - start);
  }

  /** M commands spread over the participants; measured until their acknowledgements and events are all in. */
  private Cost round(int commands, int perBoard) throws InterruptedException {
    int each = commands / participants.size();
    int extra = commands % participants.size();
    long expectedEvents = eventsReceived.get() + (long) commands * perBoard;
    CountDownLatch answered = new CountDownLatch(participants.size());
    Map<Long, long[]> before = eventLoops();
    long start = System.nanoTime();
    for (int p = 0; p < participants.size(); p++) {
      participants.get(p).startRound(each + (p < extra ? 1 : 0), answered);
    }
    if (!answered.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException("round not answered within 5 minutes");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (eventsReceived.get() < expectedEvents && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    Cost cost = costBetween(before, eventLoops(), System.nanoTime() - start);
    if (eventsReceived.get() < expectedEvents) {
      System.out.printf(Locale.ROOT, "  (%d events missing: refused commands make none)%n", expectedEvents - eventsReceived.get());
      eventsReceived.set(expectedEvents);
    }
    return cost;
  }

  // ---- setup over the real HTTP API and bridge ----------------------------------------------------

  private void setUp(int clients, int perBoard) throws Exception {
    int boardsNeeded = (clients + perBoard - 1) / perBoard;
    List<JsonObject> boards = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    while (boards.size() < boardsNeeded) {
      int groups = Math.min(12, boardsNeeded - boards.size());
      JsonArray groupList = new JsonArray();
      for (int g = 0; g < groups; g++) {
        groupList.add(new JsonObject().put("name", "Groupe " + (g + 1)).put("template", "pepites"));
      }
      JsonObject workshop = post("/api/workshops", new JsonObject().put("title", "Command cost").put("groups", groupList))
          .getJsonObject("workshop");
      for (Object board : workshop.getJsonArray("boards")) {
        boards.add((JsonObject) board);
        codes.add(workshop.getString("code"));
      }
    }
    CountDownLatch synced = new CountDownLatch(clients);
    for (int p = 0; p < clients; p++) {
      JsonObject board = boards.get(p / perBoard);
      String token = post("/api/join", new JsonObject().put("code", codes.get(p / perBoard).toLowerCase(Locale.ROOT))
          .put("name", "P" + (p + 1)).put("category", "habitant").put("board", board.getString("id"))).getString("token");
      List<String> zones = board.getJsonArray("zones", new JsonArray()).stream()
          .map(zone -> ((JsonObject) zone).getString("id")).toList();
      Participant participant = new Participant(p, token, board.getString("id"), zones.isEmpty() ? List.of("z1") : zones,
          perBoard);
      participant.connect(synced);
      participants.add(participant);
    }
    if (!synced.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("not every participant registered and synced within 60 s");
    }
  }

  private JsonObject post(String path, JsonObject body) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() / 100 != 2) {
      throw new IllegalStateException("POST " + path + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return new JsonObject(answer.body());
  }

  /** One person on its board: one command in flight at a time, the next sent when the previous is answered. */
  private final class Participant implements WebSocket.Listener {

    private final int index;
    private final String token;
    private final String board;
    private final List<String> zones;
    /** Its share of a board's room, half of it: the people of one board together never fill it. */
    private final int maxNotes;
    private final List<String> notes = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final StringBuilder partialText = new StringBuilder();
    private CompletableFuture<WebSocket> sending;
    private WebSocket socket;
    private long sequence;
    private String awaitedReply;
    private int leftInRound;
    private CountDownLatch roundAnswered;
    private Runnable onAnswer;

    Participant(int index, String token, String board, List<String> zones, int perBoard) {
      this.index = index;
      this.token = token;
      this.board = board;
      this.zones = zones;
      this.maxNotes = BoardRules.MAX_NOTES_PER_BOARD / 2 / perBoard;
    }

    void connect(CountDownLatch synced) {
      socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/eventbus/websocket"), this).join();
      sending = CompletableFuture.completedFuture(socket);
      send("{\"type\":\"register\",\"address\":\"parvis.board." + board + "\",\"headers\":{\"token\":\"" + token + "\"}}");
      command("{\"type\":\"stream.sync\",\"stream\":\"board:" + board + "\"}", synced::countDown);
      Thread pinger = new Thread(this::pingUntilClosed, "command-cost-ping-" + index);
      pinger.setDaemon(true);
      pinger.start();
    }

    synchronized void startRound(int commands, CountDownLatch answered) {
      roundAnswered = answered;
      leftInRound = commands;
      next();
    }

    private void next() {
      if (leftInRound == 0) {
        roundAnswered.countDown();
        return;
      }
      leftInRound--;
      command(nextEdit(), this::next);
    }

    private String nextEdit() {
      long seq = sequence + 1;
      String commandId = "c" + index + "_" + Long.toString(seq, 36);
      int x = (int) (seq * 7919 % 10_000);
      int y = (int) (seq * 104_729 % 10_000);
      if (notes.isEmpty() || (seq % 5 == 0 && notes.size() < maxNotes)) {
        String noteId = "n" + index + "_" + Long.toString(seq, 36);
        notes.add(noteId);
        return "{\"type\":\"note.create\",\"id\":\"" + commandId + "\",\"board\":\"" + board + "\",\"note\":{\"id\":\""
            + noteId + "\",\"text\":\"Idée " + commandId + "\",\"color\":\"" + COLORS[(int) (seq % COLORS.length)]
            + "\",\"zone\":\"" + zones.get((int) (seq % zones.size())) + "\",\"x\":" + x + ",\"y\":" + y + "}}";
      }
      String fields = seq % 2 == 0
          ? "\"x\":" + x + ",\"y\":" + y + ",\"zone\":\"" + zones.get((int) (seq % zones.size())) + "\""
          : "\"text\":\"Créer un café-rencontre pour les aînés, version " + seq + "\"";
      return "{\"type\":\"note.update\",\"id\":\"" + commandId + "\",\"board\":\"" + board + "\",\"noteId\":\""
          + notes.get((int) (seq % notes.size())) + "\",\"fields\":{" + fields + "}}";
    }

    private synchronized void command(String body, Runnable then) {
      sequence++;
      awaitedReply = "r" + index + "." + Long.toString(sequence, 36);
      onAnswer = then;
      send("{\"type\":\"send\",\"address\":\"parvis.cmd\",\"headers\":{\"token\":\"" + token + "\"},\"replyAddress\":\""
          + awaitedReply + "\",\"body\":" + body + "}");
    }

    /** The JDK's WebSocket takes one message at a time. */
    private synchronized void send(String frame) {
      sending = sending.thenCompose(open -> open.sendText(frame, true));
    }

    private synchronized void onFrame(String text) {
      JsonObject frame = new JsonObject(text);
      String address = frame.getString("address");
      JsonObject body = frame.getJsonObject("body");
      if (address != null && address.equals(awaitedReply)) {
        awaitedReply = null;
        if (body == null || !body.getBoolean("ok", false)) {
          refusals.computeIfAbsent(body == null ? frame.encode() : body.getString("error", "?"), code -> new AtomicLong())
              .incrementAndGet();
        }
        onAnswer.run();
      } else if (body != null && body.getString("cmd") != null) {
        eventsReceived.incrementAndGet();
      } else if ("err".equals(frame.getString("type"))) {
        refusals.computeIfAbsent("bridge " + frame.encode(), code -> new AtomicLong()).incrementAndGet();
      }
    }

    private void pingUntilClosed() {
      try {
        while (!socket.isOutputClosed()) {
          Thread.sleep(PING_INTERVAL_MS);
          send("{\"type\":\"ping\"}");
        }
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    }

    void close() {
      socket.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partialText.append(data);
      if (last) {
        String text = partialText.toString();
        partialText.setLength(0);
        onFrame(text);
      }
      webSocket.request(1);
      return null;
    }

    /** The bridge writes its frames as binary WebSocket messages. */
    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      partial.writeBytes(bytes);
      if (last) {
        String text = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        onFrame(text);
      }
      webSocket.request(1);
      return null;
    }
  }

  // ---- small helpers ----------------------------------------------------------------------------

  private static Recording startRecording(Path file) throws Exception {
    Recording recording = new Recording(Configuration.getConfiguration("profile"));
    recording.setDestination(file);
    recording.start();
    return recording;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + Arrays.toString(args));
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long min(long[] values) {
    return Arrays.stream(values).min().orElse(0);
  }

  private static long max(long[] values) {
    return Arrays.stream(values).max().orElse(0);
  }
}
