package org.parvis.stream;

import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;

/** Who may follow and sync a stream: anyone of its workshop; what each one sees is its events' audience's business. */
public final class StreamAccess {

  private StreamAccess() {}

  public static Verdict<StreamId> mayRead(Identity who, StreamId stream) {
    return who.workshopId().equals(stream.workshopId())
        ? Verdict.allow(stream)
        : Verdict.refuse(Rejection.of("forbidden", "This stream belongs to another workshop."));
  }
}
