package org.parvis.board;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.parvis.protocol.Command.Indicator;

/** The board layouts of the workshop method (see shared/BRIEF.md): each is a list of zone titles. */
public enum BoardTemplate {
  FREE("free", List.of("Idées")),
  PEPITES("pepites", List.of("Pépites", "Opportunités", "Points de vigilance")),
  GRILLE("grille", List.of("Thématique", "Types de pratiques, exemples", "Études, documentation", "Enjeux")),
  TENDANCES("tendances", List.of("Tendances", "Risques", "Opportunités", "Intentions d'actions")),
  /** Atelier 3: the actions to vote on, carried over from atelier 2's intentions. */
  ACTIONS("actions", List.of("Actions")),
  /** Atelier 3, after the vote: one board per kept action, deepened by a sub-group. */
  APPROFONDIR("approfondir", List.of("Qui", "Quoi", "Quand", "Ressources")),
  /** One thematic axis of the split into groups by axis; its group builds the analysis grid on it. */
  AXE("axe", GRILLE.zoneTitles),
  /**
   * One zone per pole of each of the 8 indicators a barometer may have (zone 2i+1 the low pole of
   * indicator i, 2i+2 its high pole): the images associated with that pole. Clients show those of
   * the indicators the barometer has, under the poles' current names.
   */
  BAROMETRE("barometre", List.of(
      "Rendez-vous", "Isolement",
      "Perspectives", "Impuissance",
      "Solidarités interactives", "Dépendance",
      "Initiatives", "Passivité",
      "Indicateur 5 — vitalité", "Indicateur 5 — dépression",
      "Indicateur 6 — vitalité", "Indicateur 6 — dépression",
      "Indicateur 7 — vitalité", "Indicateur 7 — dépression",
      "Indicateur 8 — vitalité", "Indicateur 8 — dépression"),
      List.of(
          new Indicator("Sociabilité", "Rendez-vous", "Isolement"),
          new Indicator("Accès aux ressources", "Perspectives", "Impuissance"),
          new Indicator("Émancipation", "Solidarités interactives", "Dépendance"),
          new Indicator("Intégration dans la vie locale", "Initiatives", "Passivité"))),
  CHARTE("charte", List.of("Rendez-vous / Isolement", "Perspectives / Impuissance", "Solidarités interactives / Dépendance", "Initiatives / Passivité"));

  private final String wireName;
  private final List<String> zoneTitles;
  private final List<Indicator> indicators;

  BoardTemplate(String wireName, List<String> zoneTitles) {
    this(wireName, zoneTitles, List.of());
  }

  BoardTemplate(String wireName, List<String> zoneTitles, List<Indicator> indicators) {
    this.wireName = wireName;
    this.zoneTitles = zoneTitles;
    this.indicators = indicators;
  }

  public String wireName() {
    return wireName;
  }

  public List<Zone> zones() {
    return IntStream.range(0, zoneTitles.size())
        .mapToObj(index -> new Zone("z" + (index + 1), zoneTitles.get(index)))
        .toList();
  }

  /** The scales a barometer board starts with (the four indicators of the seeds); none for a board of notes only. */
  public List<Indicator> indicators() {
    return indicators;
  }

  public boolean isBarometer() {
    return !indicators.isEmpty();
  }

  /** The charter of social vitality (atelier 4): commitments by indicator, signed by name. */
  public boolean isCharter() {
    return this == CHARTE;
  }

  public static Optional<BoardTemplate> fromWire(String name) {
    return Arrays.stream(values()).filter(template -> template.wireName.equals(name)).findFirst();
  }
}
