package org.parvis.agenda;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.parvis.protocol.Command;
import org.parvis.sync.Rejection;
import org.parvis.sync.Verdict;
import org.parvis.workshop.Identity;

/** The evening's agenda: what a sequence may hold, and who prepares and moves through it (the lead animator). */
public final class AgendaRules {

  public static final int MAX_SEQUENCES = 30;
  public static final int MAX_TITLE = 80;
  public static final int MAX_MINUTES = 240;
  public static final Set<String> KINDS = Set.of("subgroups", "plenary", "break");
  /** The words of {@code sequence.go} that are not sequence ids. */
  public static final String NEXT = "next";
  public static final String END = "end";
  private static final Pattern SEQUENCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  private AgendaRules() {}

  public static Verdict<Identity> mayLead(Identity who) {
    return who.role().mayRunWorkshop() && who.lead()
        ? Verdict.allow(who)
        : Verdict.refuse(Rejection.of("forbidden", "Only the lead animator prepares the agenda and moves through it."));
  }

  /** The agenda as the lead animator wrote it, titles trimmed and each board once; refused at the first fault, named. */
  public static Verdict<List<Command.Sequence>> agenda(Identity who, List<String> workshopBoards, List<Command.Sequence> sequences) {
    Verdict<Identity> allowed = mayLead(who);
    if (!allowed.isAllowed()) {
      return Verdict.refuse(allowed.rejection());
    }
    if (sequences.size() > MAX_SEQUENCES) {
      return Verdict.refuse(Rejection.invalidField("sequences", "An agenda holds at most " + MAX_SEQUENCES + " sequences."));
    }
    List<Command.Sequence> checked = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int index = 0; index < sequences.size(); index++) {
      Verdict<Command.Sequence> sequence = sequence("sequences." + index, sequences.get(index), workshopBoards);
      if (!sequence.isAllowed()) {
        return Verdict.refuse(sequence.rejection());
      }
      if (!ids.add(sequence.value().id())) {
        return Verdict.refuse(Rejection.invalidField("sequences." + index + ".id", "Two sequences have the id " + sequence.value().id() + "."));
      }
      checked.add(sequence.value());
    }
    return Verdict.allow(List.copyOf(checked));
  }

  /** Where {@code sequence.go} goes: next, end, or a sequence id (whether it is in the agenda is the stored state's business). */
  public static Verdict<String> destination(Identity who, String to) {
    Verdict<Identity> allowed = mayLead(who);
    if (!allowed.isAllowed()) {
      return Verdict.refuse(allowed.rejection());
    }
    return NEXT.equals(to) || END.equals(to) || SEQUENCE_ID.matcher(to).matches()
        ? Verdict.allow(to)
        : Verdict.refuse(Rejection.invalidField("to", "to is \"next\", \"end\" or a sequence id."));
  }

  private static Verdict<Command.Sequence> sequence(String at, Command.Sequence sequence, List<String> workshopBoards) {
    if (sequence == null) {
      return Verdict.refuse(Rejection.invalidField(at, "A sequence is an object."));
    }
    if (sequence.id() == null || !SEQUENCE_ID.matcher(sequence.id()).matches() || NEXT.equals(sequence.id()) || END.equals(sequence.id())) {
      return Verdict.refuse(Rejection.invalidField(at + ".id", "A sequence id is 1 to 40 letters, digits, '-' or '_' (not next or end)."));
    }
    String title = sequence.title() == null ? "" : sequence.title().strip();
    if (title.isEmpty() || title.codePointCount(0, title.length()) > MAX_TITLE) {
      return Verdict.refuse(Rejection.invalidField(at + ".title", "A sequence title is 1 to " + MAX_TITLE + " characters."));
    }
    if (sequence.kind() == null || !KINDS.contains(sequence.kind())) {
      return Verdict.refuse(Rejection.invalidField(at + ".kind", "kind is subgroups, plenary or break."));
    }
    if (sequence.minutes() == null || sequence.minutes() < 1 || sequence.minutes() > MAX_MINUTES) {
      return Verdict.refuse(Rejection.invalidField(at + ".minutes", "A sequence lasts 1 to " + MAX_MINUTES + " minutes."));
    }
    LinkedHashSet<String> boards = new LinkedHashSet<>();
    for (String board : sequence.boards() == null ? List.<String>of() : sequence.boards()) {
      if (!workshopBoards.contains(board)) {
        return Verdict.refuse(Rejection.invalidField(at + ".boards", "This workshop has no board " + board + "."));
      }
      boards.add(board);
    }
    return Verdict.allow(new Command.Sequence(sequence.id(), title, sequence.kind(), sequence.minutes(), List.copyOf(boards)));
  }
}
