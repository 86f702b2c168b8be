package org.parvis.stream;

import org.parvis.workshop.Identity;

/**
 * One event as the apply script logs and publishes it: {@code <audience>\n<event>\n<shadow>},
 * split by position, never parsed, so routing an event costs no JSON.
 */
public record LogEntry(String audience, String event, String shadow) {

  private static final String REV = "\"rev\":";
  private static final String AT = "\"at\":";
  private static final String H = "\"h\":\"";

  /** The text of a log entry; null when it is not one. */
  public static LogEntry parse(String text) {
    return parse(text, 0);
  }

  /** The log entry written in {@code text} from {@code start} on (after the stream, on the relay's channel); null when it is not one. */
  public static LogEntry parse(String text, int start) {
    int first = text.indexOf('\n', start);
    int second = first < 0 ? -1 : text.indexOf('\n', first + 1);
    if (second < 0) {
      return null;
    }
    return new LogEntry(text.substring(start, first), text.substring(first + 1, second), text.substring(second + 1));
  }

  /** The event's revision, read from the envelope the apply script wrote ({@code "rev":N} comes first), not parsed. */
  public long rev() {
    return number(REV);
  }

  /** The event's chain hash, read from its envelope ({@code "h":"..."} follows the revision), not parsed. */
  public String h() {
    int start = event.indexOf(H) + H.length();
    return event.substring(start, event.indexOf('"', start));
  }

  /** When the apply script wrote the event (ms), read from its envelope ({@code "at"} comes before the body). */
  public long at() {
    return number(AT);
  }

  private long number(String name) {
    int start = event.indexOf(name) + name.length();
    int end = start;
    while (end < event.length() && Character.isDigit(event.charAt(end))) {
      end++;
    }
    return Long.parseLong(event, start, end, 10);
  }

  /** A shadow with nothing but its envelope: it only moves a follower's revision on ({@code ..."at":N}). */
  public boolean hasBareShadow() {
    int at = shadow.lastIndexOf(AT);
    if (at < 0 || !shadow.endsWith("}")) {
      return false;
    }
    for (int i = at + AT.length(); i < shadow.length() - 1; i++) {
      if (!Character.isDigit(shadow.charAt(i))) {
        return false;
      }
    }
    return shadow.length() - 1 > at + AT.length();
  }

  public boolean isForAll() {
    return Audience.ALL.equals(audience);
  }

  /** What this follower may see: the event, or its shadow. */
  public String textFor(Identity who) {
    return isForAll() || Audience.admits(audience, who) ? event : shadow;
  }
}
