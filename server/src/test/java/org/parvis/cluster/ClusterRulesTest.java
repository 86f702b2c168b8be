package org.parvis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterRulesTest {

  @Test
  void aClusterIdIsShortAndPlain() {
    assertThat(ClusterRules.clusterId("c-1_a").value()).isEqualTo("c-1_a");
    assertThat(ClusterRules.clusterId("c/1").rejection().field()).isEqualTo("cluster");
    assertThat(ClusterRules.clusterId(null).rejection().code()).isEqualTo("invalid_field");
  }

  @Test
  void aTitleIsCleanedTrimmedAndBounded() {
    assertThat(ClusterRules.title("  Mobilités\u202E  ").value()).isEqualTo("Mobilités");
    assertThat(ClusterRules.title(null).value()).as("untitled").isEmpty();
    assertThat(ClusterRules.title("é".repeat(80)).isAllowed()).isTrue();
    assertThat(ClusterRules.title("é".repeat(81)).rejection().field()).isEqualTo("title");
  }

  @Test
  void aNoteStartsInANewClusterOnceAndTheirNumberIsBounded() {
    assertThat(ClusterRules.notes(List.of("a", "b")).value()).containsExactly("a", "b");
    assertThat(ClusterRules.notes(List.of()).value()).as("an empty titled cluster").isEmpty();
    assertThat(ClusterRules.notes(List.of("a", "a")).rejection().field()).isEqualTo("notes");
    assertThat(ClusterRules.notes(List.of("a", "b c")).rejection().field()).isEqualTo("notes");
    assertThat(ClusterRules.notes(Collections.nCopies(101, "a")).rejection().message()).contains("100");
  }

  @Test
  void aClusterMovesWithinTheBoardsSizeAndDropsOnIt() {
    assertThat(ClusterRules.shift(-10_000, 10_000).isAllowed()).isTrue();
    assertThat(ClusterRules.shift(Double.NaN, 0).rejection().field()).isEqualTo("dx");
    assertThat(ClusterRules.shift(0, 10_001).rejection().field()).isEqualTo("dy");
    assertThat(ClusterRules.position(null, null).isAllowed()).as("no drop point").isTrue();
    assertThat(ClusterRules.position(-1.0, 5.0).rejection().field()).isEqualTo("x");
    assertThat(ClusterRules.position(5.0, Double.POSITIVE_INFINITY).rejection().field()).isEqualTo("y");
  }
}
