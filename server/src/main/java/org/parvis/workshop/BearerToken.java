package org.parvis.workshop;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import org.parvis.sync.RejectedException;
import org.parvis.sync.Rejection;

/** The identity an HTTP request proves with its {@code Authorization: Bearer <token>} header. */
public final class BearerToken {

  private static final int MAX_TOKEN_LENGTH = 64;

  private BearerToken() {}

  /** The identity, or a failed future rejecting the request {@code invalid_token}. */
  public static Future<Identity> identify(WorkshopStore store, HttpServerRequest request) {
    String authorization = Optional.ofNullable(request.getHeader("Authorization")).orElse("");
    String token = authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : "";
    return token.isEmpty() || token.length() > MAX_TOKEN_LENGTH
        ? Future.failedFuture(invalidToken())
        : store.identityOf(token).compose(identity -> identity
            .map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(invalidToken())));
  }

  private static RejectedException invalidToken() {
    return new RejectedException(Rejection.of("invalid_token", "This link is not valid: ask the animator for a new one."));
  }
}
