package org.parvis.atelier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.parvis.board.BoardTemplate;
import org.parvis.protocol.Command;

/**
 * The method's evenings as templates (shared/seeds/001: four ateliers from 18:30 to 21:00 with a
 * 30-minute dinner break before the plenary restitution; 003: choosing up to 6 thematic axes then
 * splitting into groups by axis). Each prepares the workshop's boards and its agenda. Titles are
 * French; the client shows them in English when they are still the template's own.
 */
public enum AtelierTemplate {
  ATELIER_1("atelier1", BoardTemplate.FREE,
      List.of(new Board("Baromètre de la vitalité sociale", BoardTemplate.BAROMETRE)),
      List.of(
          step("a1-accueil", "Accueil et présentation de la démarche", "plenary", 15, Boards.NONE),
          step("a1-barometre", "Le baromètre de la vitalité sociale", "plenary", 25, Boards.SHARED),
          step("a1-etat", "État des lieux en sous-groupes et images associées", "subgroups", 50, Boards.GROUPS),
          step("a1-pause", "Pause dînatoire", "break", 30, Boards.NONE),
          step("a1-restitution", "Restitution en plénière", "plenary", 30, Boards.ALL))),
  ATELIER_2("atelier2", BoardTemplate.TENDANCES,
      List.of(),
      List.of(
          step("a2-rappel", "Rappel de l'atelier précédent", "plenary", 15, Boards.NONE),
          step("a2-tendances", "Présentation des grandes tendances d'avenir", "plenary", 15, Boards.NONE),
          step("a2-risques", "Tendances, risques et opportunités", "subgroups", 35, Boards.GROUPS),
          step("a2-intentions", "Intentions d'actions", "subgroups", 25, Boards.GROUPS),
          step("a2-pause", "Pause dînatoire", "break", 30, Boards.NONE),
          step("a2-restitution", "Restitution en plénière", "plenary", 30, Boards.ALL))),
  ATELIER_3("atelier3", null,
      List.of(new Board("Actions", BoardTemplate.ACTIONS)),
      List.of(
          step("a3-rappel", "Rappel : l'esquisse de scénario", "plenary", 15, Boards.SHARED),
          step("a3-vote", "Vote sur les actions à retenir", "plenary", 20, Boards.SHARED),
          step("a3-approfondir", "Approfondir les actions retenues en sous-groupes", "subgroups", 55, Boards.NONE),
          step("a3-pause", "Pause dînatoire", "break", 30, Boards.NONE),
          step("a3-restitution", "Restitution en plénière", "plenary", 30, Boards.SHARED))),
  ATELIER_4("atelier4", null,
      List.of(new Board("Charte de la vitalité sociale", BoardTemplate.CHARTE)),
      List.of(
          step("a4-exposition", "Exposition des travaux, ouverte aux acteurs locaux", "plenary", 45, Boards.NONE),
          step("a4-charte", "Formulation de la charte de la vitalité sociale", "subgroups", 45, Boards.SHARED),
          step("a4-pause", "Pause dînatoire", "break", 30, Boards.NONE),
          step("a4-lecture", "Lecture de la charte et suites", "plenary", 30, Boards.SHARED))),
  AXES("axes", null,
      List.of(new Board("Axes proposés", BoardTemplate.FREE)),
      List.of(
          step("ax-definir", "Définir les axes thématiques (6 maximum)", "plenary", 30, Boards.SHARED),
          step("ax-repartir", "Répartition en groupes par thématique", "plenary", 15, Boards.NONE),
          step("ax-organiser", "Organisation des groupes thématiques", "subgroups", 45, Boards.NONE),
          step("ax-suite", "D'ici le prochain atelier", "plenary", 15, Boards.NONE))),
  /** The sub-groups as the animator lists them, each with its board template, and no agenda. */
  LIBRE("libre", null, List.of(), List.of());

  /** A board the template adds before the sub-groups' boards (the atelier's plenary boards). */
  public record Board(String name, BoardTemplate template) {}

  /** Which of the prepared boards a sequence shows. */
  enum Boards { NONE, SHARED, GROUPS, ALL }

  record Step(String id, String title, String kind, int minutes, Boards boards) {}

  /** What a template makes of the animator's sub-groups: the boards in order and the agenda, its boards as indexes into them. */
  public record Preparation(List<Board> boards, List<Command.Sequence> agenda) {}

  private final String wireName;
  private final BoardTemplate groupTemplate;
  private final List<Board> shared;
  private final List<Step> steps;

  AtelierTemplate(String wireName, BoardTemplate groupTemplate, List<Board> shared, List<Step> steps) {
    this.wireName = wireName;
    this.groupTemplate = groupTemplate;
    this.shared = shared;
    this.steps = steps;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether the animator's sub-groups get boards at creation (ateliers 3, 4 and the axes make theirs later, or share one). */
  public boolean usesGroups() {
    return this == LIBRE || groupTemplate != null;
  }

  /** The template's boards then one per sub-group (with the atelier's template, or the animator's for the free format). */
  public Preparation prepare(List<Board> groups) {
    List<Board> boards = new ArrayList<>(shared);
    if (usesGroups()) {
      groups.forEach(group -> boards.add(groupTemplate == null ? group : new Board(group.name(), groupTemplate)));
    }
    List<Command.Sequence> agenda = steps.stream().map(step -> new Command.Sequence(step.id(), step.title(), step.kind(),
        step.minutes(), indexes(step.boards(), boards.size()))).toList();
    return new Preparation(List.copyOf(boards), agenda);
  }

  private List<String> indexes(Boards which, int total) {
    int from = which == Boards.GROUPS ? shared.size() : 0;
    int to = which == Boards.SHARED ? shared.size() : which == Boards.NONE ? 0 : total;
    return IntStream.range(from, Math.max(from, to)).mapToObj(Integer::toString).toList();
  }

  private static Step step(String id, String title, String kind, int minutes, Boards boards) {
    return new Step(id, title, kind, minutes, boards);
  }

  public static Optional<AtelierTemplate> fromWire(String name) {
    return Arrays.stream(values()).filter(template -> template.wireName.equals(name)).findFirst();
  }
}
