package org.parvis.sync;

import io.vertx.core.Future;

/** Carries a rejection through a failed future, to be answered to the client as it is. */
public final class RejectedException extends RuntimeException {

  private final Rejection rejection;

  public RejectedException(Rejection rejection) {
    super(rejection.message(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }

  /** A verdict as a future: its value when allowed, else a failure carrying its rejection. */
  public static <T> Future<T> guarded(Verdict<T> verdict) {
    return verdict.isAllowed() ? Future.succeededFuture(verdict.value()) : Future.failedFuture(new RejectedException(verdict.rejection()));
  }
}
