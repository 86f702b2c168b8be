package org.parvis.bench;

import java.util.ArrayList;
import java.util.List;

/** A workshop created over HTTP, with its tokens, boards and the driver's clients of it. */
final class WorkshopInfo {

  final String id;
  final String code;
  final String animatorToken;
  final String observerToken;
  final List<BoardInfo> boards;
  final List<BenchClient> clients = new ArrayList<>();
  final List<String> participantTokens = new ArrayList<>();

  WorkshopInfo(String id, String code, String animatorToken, String observerToken, List<BoardInfo> boards) {
    this.id = id;
    this.code = code;
    this.animatorToken = animatorToken;
    this.observerToken = observerToken;
    this.boards = List.copyOf(boards);
  }
}
