package org.parvis.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A flame graph of a JFR recording's execution samples, without any tool outside the JDK: writes
 * the collapsed stacks ({@code frame;frame;frame count}, the format of Brendan Gregg's
 * flamegraph.pl) and a self-contained SVG (hover a box for its method, samples and share).
 * Usage: {@code java -cp parvis-bench.jar org.parvis.bench.JfrFlame recording.jfr out-prefix [title]}
 * writes {@code out-prefix.collapsed} and {@code out-prefix.svg}.
 */
public final class JfrFlame {

  private static final int WIDTH = 1600;
  private static final int ROW = 16;
  /** Boxes narrower than this many pixels are left out, as flamegraph.pl does. */
  private static final double MIN_WIDTH = 0.3;

  private static final class Node {
    final String name;
    final Map<String, Node> children = new TreeMap<>();
    long samples;

    Node(String name) {
      this.name = name;
    }
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String prefix = args[1];
    String title = args.length > 2 ? args[2] : file.getFileName().toString();
    Map<String, Long> collapsed = new HashMap<>();
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
          continue;
        }
        List<RecordedFrame> frames = event.getStackTrace().getFrames();
        StringBuilder stack = new StringBuilder();
        String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
        stack.append(thread == null ? "?" : thread.replaceAll("[0-9]+", "N"));
        if (event.getStackTrace().isTruncated()) {
          // JFR keeps the top 64 frames unless -XX:FlightRecorderOptions:stackdepth=N: such stacks have no root.
          stack.append(";[truncated]");
        }
        for (int i = frames.size() - 1; i >= 0; i--) {
          RecordedFrame frame = frames.get(i);
          stack.append(';').append(shortType(frame.getMethod().getType().getName())).append('.').append(frame.getMethod().getName());
        }
        collapsed.merge(stack.toString(), 1L, Long::sum);
      }
    }
    StringBuilder text = new StringBuilder();
    Node root = new Node("all");
    collapsed.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
      text.append(entry.getKey()).append(' ').append(entry.getValue()).append('\n');
      Node node = root;
      root.samples += entry.getValue();
      for (String frame : entry.getKey().split(";")) {
        node = node.children.computeIfAbsent(frame, Node::new);
        node.samples += entry.getValue();
      }
    });
    Files.writeString(Path.of(prefix + ".collapsed"), text);
    Files.writeString(Path.of(prefix + ".svg"), svg(root, title));
    System.out.println(root.samples + " samples -> " + prefix + ".collapsed, " + prefix + ".svg");
  }

  /** Packages shortened to their initials keep the boxes readable: io.vertx.core.net.impl.X → i.v.c.n.i.X. */
  private static String shortType(String type) {
    int lastDot = type.lastIndexOf('.');
    if (lastDot < 0) {
      return type;
    }
    StringBuilder shortened = new StringBuilder();
    for (String part : type.substring(0, lastDot).split("\\.")) {
      shortened.append(part.charAt(0)).append('.');
    }
    return shortened.append(type.substring(lastDot + 1)).toString();
  }

  private static String svg(Node root, String title) {
    int depth = depth(root);
    int height = (depth + 3) * ROW;
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"monospace\" font-size=\"11\">%n",
        WIDTH, height));
    out.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"13\" font-size=\"13\">%s (%d samples)</text>%n", escape(title),
        root.samples));
    List<Object[]> queue = new ArrayList<>();
    queue.add(new Object[] {root, 0.0, 0});
    double scale = (double) WIDTH / Math.max(1, root.samples);
    while (!queue.isEmpty()) {
      Object[] item = queue.remove(queue.size() - 1);
      Node node = (Node) item[0];
      double x = (double) item[1];
      int level = (int) item[2];
      double width = node.samples * scale;
      if (width < MIN_WIDTH) {
        continue;
      }
      double y = height - (level + 1) * ROW;
      out.append(String.format(Locale.ROOT,
          "<g><title>%s: %d samples (%.1f%%)</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\" stroke=\"white\" stroke-width=\"0.3\"/>",
          escape(node.name), node.samples, 100.0 * node.samples / root.samples, x, y, width, ROW - 1, colour(node.name)));
      int chars = (int) (width / 6.6);
      if (chars >= 3) {
        String label = node.name.length() <= chars ? node.name : node.name.substring(0, chars - 2) + "..";
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>", x + 2, y + ROW - 4, escape(label)));
      }
      out.append("</g>\n");
      double childX = x;
      for (Node child : node.children.values()) {
        queue.add(new Object[] {child, childX, level + 1});
        childX += child.samples * scale;
      }
    }
    return out.append("</svg>\n").toString();
  }

  private static int depth(Node node) {
    int deepest = 0;
    for (Node child : node.children.values()) {
      deepest = Math.max(deepest, depth(child));
    }
    return deepest + 1;
  }

  /** Parvis's own frames in blue, the rest in the usual warm colours, stable per name. */
  private static String colour(String name) {
    if (name.startsWith("o.p.")) {
      return "rgb(120,160,230)";
    }
    int hash = name.hashCode();
    return String.format(Locale.ROOT, "rgb(%d,%d,%d)", 205 + Math.floorMod(hash, 50), 80 + Math.floorMod(hash >> 8, 120),
        50 + Math.floorMod(hash >> 16, 50));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
