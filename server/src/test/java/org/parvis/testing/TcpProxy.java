package org.parvis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between a node and Redis that can make the connections which subscribed go silent
 * while staying open: what a NAT or a firewall that forgot a connection does, a half-open
 * connection that never reports itself dead. Other connections, and new ones, are untouched.
 */
public final class TcpProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final List<Link> links = new CopyOnWriteArrayList<>();

  private TcpProxy(ServerSocket server, int targetPort) {
    this.server = server;
    this.targetPort = targetPort;
  }

  public static TcpProxy to(int targetPort) {
    try {
      TcpProxy proxy = new TcpProxy(new ServerSocket(0), targetPort);
      Thread acceptor = new Thread(proxy::accept, "tcp-proxy");
      acceptor.setDaemon(true);
      acceptor.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + server.getLocalPort();
  }

  /** From now on, the connections that have sent a SUBSCRIBE forward nothing, in either direction. */
  public void silenceSubscriptions() {
    links.stream().filter(link -> link.subscribed).forEach(link -> link.silent = true);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    links.forEach(Link::close);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket target = new Socket("127.0.0.1", targetPort);
        Link link = new Link(client, target);
        links.add(link);
        pump(link, client, target, true);
        pump(link, target, client, false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void pump(Link link, Socket from, Socket to, boolean fromClient) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
          if (fromClient && new String(buffer, 0, read, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT).contains("SUBSCRIBE")) {
            link.subscribed = true;
          }
          if (!link.silent) {
            out.write(buffer, 0, read);
            out.flush();
          }
        }
      } catch (IOException ended) {
        // one side closed
      }
      link.close();
    }, "tcp-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static final class Link {
    final Socket client;
    final Socket target;
    volatile boolean subscribed;
    volatile boolean silent;

    Link(Socket client, Socket target) {
      this.client = client;
      this.target = target;
    }

    void close() {
      try {
        client.close();
        target.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }
}
