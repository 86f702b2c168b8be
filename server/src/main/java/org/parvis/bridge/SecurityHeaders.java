package org.parvis.bridge;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every answer carries. Tokens live in the browser's storage and in links' fragments:
 * no script but the server's own may run (no inline script, no third-party origin), the page
 * connects only to its server, is framed only where the operator allows (a visio tool may embed the
 * plenary), and never tells another site which page it came from.
 */
final class SecurityHeaders implements Handler<RoutingContext> {

  private final String contentSecurityPolicy;
  private final boolean framingForbidden;

  /** frameAncestors: a CSP source list, `'none'` to forbid framing. */
  SecurityHeaders(String frameAncestors) {
    this.contentSecurityPolicy = String.join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        // blob: shows a photo chosen on the phone before it is uploaded.
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors " + frameAncestors);
    this.framingForbidden = frameAncestors.strip().equals("'none'");
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers.set("Content-Security-Policy", contentSecurityPolicy);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    if (framingForbidden) {
      headers.set("X-Frame-Options", "DENY"); // browsers older than frame-ancestors
    }
    ctx.next();
  }
}
