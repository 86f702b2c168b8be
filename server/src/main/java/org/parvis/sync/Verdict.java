package org.parvis.sync;

import java.util.function.Function;

/** The outcome of a rule: either the value it allows or the rejection it gives. */
public sealed interface Verdict<T> {

  record Allowed<T>(T value) implements Verdict<T> {}

  record Refused<T>(Rejection rejection) implements Verdict<T> {}

  static <T> Verdict<T> allow(T value) {
    return new Allowed<>(value);
  }

  static <T> Verdict<T> refuse(Rejection rejection) {
    return new Refused<>(rejection);
  }

  static <T> Verdict<T> refuse(String code, String message) {
    return new Refused<>(Rejection.of(code, message));
  }

  default boolean isAllowed() {
    return this instanceof Allowed;
  }

  default T value() {
    if (this instanceof Allowed<T> allowed) {
      return allowed.value();
    }
    throw new IllegalStateException("refused: " + rejection());
  }

  default Rejection rejection() {
    return this instanceof Refused<T> refused ? refused.rejection() : null;
  }

  default <R> Verdict<R> then(Function<T, Verdict<R>> next) {
    return this instanceof Allowed<T> allowed ? next.apply(allowed.value()) : refuse(rejection());
  }
}
