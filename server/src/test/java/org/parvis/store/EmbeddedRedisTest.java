package org.parvis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parvis.Main;
import org.parvis.config.ParvisConfig;
import org.parvis.testing.RedisProcess;

class EmbeddedRedisTest {

  @TempDir
  Path temp;

  @Test
  void aDataFolderWithASpaceWorksAndItsPasswordAndDataSurviveARestart() throws IOException {
    Path dir = temp.resolve("mes données/parvis \"prod\"");
    String firstUrl;
    try (EmbeddedRedis redis = EmbeddedRedis.start(dir, Optional.empty(), ParvisConfig.RedisFsync.EVERYSEC)) {
      firstUrl = redis.url();
      URI uri = URI.create(firstUrl);
      String password = uri.getUserInfo().substring(1);
      assertThat(password).hasSizeGreaterThanOrEqualTo(32);
      assertThat(send(uri.getPort(), "PING")).startsWith("-NOAUTH");
      assertThat(send(uri.getPort(), "AUTH " + password + "\r\nSET kept yes")).isEqualTo("+OK\r\n+OK\r\n");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("redis.password"))))
        .isEqualTo("rw-------");
    try (EmbeddedRedis again = EmbeddedRedis.start(dir, Optional.empty(), ParvisConfig.RedisFsync.EVERYSEC)) {
      URI uri = URI.create(again.url());
      assertThat(uri.getUserInfo()).isEqualTo(URI.create(firstUrl).getUserInfo());
      assertThat(send(uri.getPort(), "AUTH " + uri.getUserInfo().substring(1) + "\r\nGET kept"))
          .isEqualTo("+OK\r\n$3\r\nyes\r\n");
    }
  }

  @Test
  void aBinaryThatCannotRunHereIsNamedWithWhatToInstall() throws IOException {
    Path broken = temp.resolve("redis-server");
    Files.writeString(broken, "#!/bin/sh\necho 'redis-server: error while loading shared libraries: libssl.so.3' >&2\nexit 127\n");
    broken.toFile().setExecutable(true);

    assertThatThrownBy(() -> EmbeddedRedis.start(temp.resolve("data"), Optional.of(broken), ParvisConfig.RedisFsync.EVERYSEC))
        .hasMessageContaining("cannot run on this system")
        .hasMessageContaining("apt-get install redis-server");
  }

  @Test
  void aNodeWithoutRedisUrlStartsItsOwnRedisInAFolderWithASpace() throws Exception {
    int port = RedisProcess.freePort();
    Main main = Main.start(ParvisConfig.from(Map.of(
        "PARVIS_PORT", Integer.toString(port),
        "PARVIS_HOST", "127.0.0.1",
        "PARVIS_DATA_DIR", temp.resolve("data dir").toString(),
        "PARVIS_HTTP_INSTANCES", "1"))).await();
    try {
      HttpURLConnection health = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health").toURL()
          .openConnection();
      assertThat(health.getResponseCode()).isEqualTo(200);
    } finally {
      main.stop().await();
    }
  }

  @Test
  void versionsAndQuotedPathsAreReadAsRedisWritesThem() {
    assertThat(EmbeddedRedis.parseVersion("Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64"))
        .get().satisfies(version -> assertThat(version).containsExactly(7, 0));
    assertThat(EmbeddedRedis.parseVersion("bash: redis-server: not found")).isEmpty();
    assertThat(EmbeddedRedis.quoted("/srv/a b/\"c\"\\d")).isEqualTo("\"/srv/a b/\\\"c\\\"\\\\d\"");
  }

  /** Inline commands, one per line; answers read until the connection has been quiet briefly. */
  private static String send(int port, String commands) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write((commands + "\r\n").getBytes(StandardCharsets.UTF_8));
      socket.setSoTimeout(300);
      InputStream in = socket.getInputStream();
      StringBuilder answer = new StringBuilder();
      byte[] buffer = new byte[256];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      } catch (java.net.SocketTimeoutException quiet) {
        // all answers are in
      }
      return answer.toString();
    }
  }
}
