package org.parvis.board;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** The board layouts of the workshop method (see shared/BRIEF.md): each is a list of zone titles. */
public enum BoardTemplate {
  FREE("free", List.of("Idées")),
  PEPITES("pepites", List.of("Pépites", "Opportunités", "Points de vigilance")),
  GRILLE("grille", List.of("Thématique", "Types de pratiques, exemples", "Études, documentation", "Enjeux")),
  TENDANCES("tendances", List.of("Tendances", "Risques", "Opportunités", "Intentions d'actions")),
  BAROMETRE("barometre", List.of(
      "Rendez-vous / Isolement",
      "Perspectives / Impuissance",
      "Solidarités interactives / Dépendance",
      "Initiatives / Passivité"));

  private final String wireName;
  private final List<String> zoneTitles;

  BoardTemplate(String wireName, List<String> zoneTitles) {
    this.wireName = wireName;
    this.zoneTitles = zoneTitles;
  }

  public String wireName() {
    return wireName;
  }

  public List<Zone> zones() {
    return IntStream.range(0, zoneTitles.size())
        .mapToObj(index -> new Zone("z" + (index + 1), zoneTitles.get(index)))
        .toList();
  }

  public static Optional<BoardTemplate> fromWire(String name) {
    return Arrays.stream(values()).filter(template -> template.wireName.equals(name)).findFirst();
  }
}
