package org.parvis.sync;

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
}
