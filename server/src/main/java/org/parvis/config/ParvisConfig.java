package org.parvis.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every setting of a Parvis node, read from environment variables with defaults.
 * README.md lists the same variables; keep the two in step.
 */
public record ParvisConfig(
    String host,
    int port,
    Path dataDir,
    Optional<String> redisUrl,
    Optional<Path> redisBinary,
    int redisPoolSize,
    int redisMaxWaiting,
    String nodeId,
    Optional<String> allowedOrigin,
    double commandsPerSecond,
    int commandBurst,
    double readsPerSecond,
    int readBurst,
    int httpInstances,
    int maxUnsentKib,
    Optional<String> metricsToken,
    boolean trustProxy,
    int joinsPerMinute,
    int creationsPerHour,
    Optional<String> createKey,
    int maxConnectionsPerAddress,
    boolean sockJsLegacyTransports,
    String frameAncestors,
    RedisFsync redisFsync,
    long livenessMillis,
    int retentionDays,
    double socketFramesPerSecond,
    int socketFrameBurst,
    long photoMaxBytes,
    int photosPerHour,
    int setupConcurrency,
    long setupShareMillis) {

  /** When the embedded Redis writes an acknowledged change to disk (README, "Durability"). */
  public enum RedisFsync {
    EVERYSEC, ALWAYS;

    public String redisSetting() {
      return name().toLowerCase();
    }

    static RedisFsync fromEnvironment(String value) {
      return switch (value.trim().toLowerCase()) {
        case "everysec" -> EVERYSEC;
        case "always" -> ALWAYS;
        default -> throw new IllegalArgumentException("PARVIS_REDIS_FSYNC is everysec or always, not " + value);
      };
    }
  }

  public static ParvisConfig fromEnvironment() {
    return from(System.getenv());
  }

  public static ParvisConfig from(Map<String, String> env) {
    return new ParvisConfig(
        env.getOrDefault("PARVIS_HOST", "0.0.0.0"),
        Integer.parseInt(env.getOrDefault("PARVIS_PORT", "8080")),
        Path.of(env.getOrDefault("PARVIS_DATA_DIR", "./data")),
        Optional.ofNullable(blankToNull(env.get("PARVIS_REDIS_URL"))),
        Optional.ofNullable(blankToNull(env.get("PARVIS_REDIS_BINARY"))).map(Path::of),
        Integer.parseInt(env.getOrDefault("PARVIS_REDIS_POOL_SIZE", "16")),
        Integer.parseInt(env.getOrDefault("PARVIS_REDIS_MAX_WAITING", "8192")),
        env.getOrDefault("PARVIS_NODE_ID", UUID.randomUUID().toString().substring(0, 8)),
        Optional.ofNullable(blankToNull(env.get("PARVIS_ALLOWED_ORIGIN"))),
        Double.parseDouble(env.getOrDefault("PARVIS_RATE_PER_SECOND", "10")),
        Integer.parseInt(env.getOrDefault("PARVIS_RATE_BURST", "30")),
        Double.parseDouble(env.getOrDefault("PARVIS_READ_RATE_PER_SECOND", "20")),
        Integer.parseInt(env.getOrDefault("PARVIS_READ_BURST", "60")),
        Integer.parseInt(env.getOrDefault("PARVIS_HTTP_INSTANCES",
            String.valueOf(Math.max(1, Runtime.getRuntime().availableProcessors())))),
        Integer.parseInt(env.getOrDefault("PARVIS_MAX_UNSENT_KIB", "4096")),
        Optional.ofNullable(blankToNull(env.get("PARVIS_METRICS_TOKEN"))),
        Boolean.parseBoolean(env.getOrDefault("PARVIS_TRUST_PROXY", "false")),
        Integer.parseInt(env.getOrDefault("PARVIS_JOIN_PER_MINUTE", "60")),
        Integer.parseInt(env.getOrDefault("PARVIS_CREATE_PER_HOUR", "20")),
        Optional.ofNullable(blankToNull(env.get("PARVIS_CREATE_KEY"))),
        Integer.parseInt(env.getOrDefault("PARVIS_MAX_CONNECTIONS_PER_ADDRESS", "200")),
        Boolean.parseBoolean(env.getOrDefault("PARVIS_SOCKJS_LEGACY_TRANSPORTS", "false")),
        env.getOrDefault("PARVIS_FRAME_ANCESTORS", "'none'"),
        RedisFsync.fromEnvironment(env.getOrDefault("PARVIS_REDIS_FSYNC", "everysec")),
        Long.parseLong(env.getOrDefault("PARVIS_LIVENESS_MS", "5000")),
        Integer.parseInt(env.getOrDefault("PARVIS_RETENTION_DAYS", "90")),
        Double.parseDouble(env.getOrDefault("PARVIS_SOCKET_FRAMES_PER_SECOND", "50")),
        Integer.parseInt(env.getOrDefault("PARVIS_SOCKET_FRAME_BURST", "150")),
        Long.parseLong(env.getOrDefault("PARVIS_PHOTO_MAX_BYTES", String.valueOf(2 * 1024 * 1024))),
        Integer.parseInt(env.getOrDefault("PARVIS_PHOTOS_PER_HOUR", "30")),
        Integer.parseInt(env.getOrDefault("PARVIS_SETUP_CONCURRENCY", "64")),
        Long.parseLong(env.getOrDefault("PARVIS_SETUP_SHARE_MS", "1000")));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
