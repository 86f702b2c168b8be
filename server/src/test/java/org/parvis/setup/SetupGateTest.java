package org.parvis.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetupGateTest {

  private final SetupGate gate = new SetupGate(2);
  private final List<Promise<String>> started = new ArrayList<>();

  private Future<String> ask() {
    return gate.run(() -> {
      Promise<String> work = Promise.promise();
      started.add(work);
      return work.future();
    });
  }

  @Test
  void noMoreThanTheLimitRunAtOnceTheOthersWaitInTheOrderTheyCame() {
    Future<String> first = ask();
    Future<String> second = ask();
    Future<String> third = ask();
    Future<String> fourth = ask();

    assertThat(started).hasSize(2);
    assertThat(gate.waiting()).isEqualTo(2);

    started.get(1).complete("b");
    assertThat(second.result()).isEqualTo("b");
    assertThat(started).hasSize(3);
    started.get(0).fail("storage down");
    assertThat(first.failed()).isTrue();
    assertThat(started).hasSize(4);

    started.get(2).complete("c");
    started.get(3).complete("d");
    assertThat(third.result()).isEqualTo("c");
    assertThat(fourth.result()).isEqualTo("d");
    assertThat(gate.waiting()).isZero();
  }

  @Test
  void aPermitComesBackWhenTheWorkThrowsInsteadOfAnsweringAFuture() {
    Future<String> broken = gate.run(() -> {
      throw new IllegalStateException("bug");
    });
    assertThat(broken.failed()).isTrue();
    ask();
    ask();
    assertThat(started).hasSize(2);
  }

  @Test
  void aGateLetsAtLeastOneThrough() {
    assertThatThrownBy(() -> new SetupGate(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSetUpOfPeopleAlreadyConnectedGoesBeforeNewArrivals() {
    List<String> order = new ArrayList<>();
    Future<String> first = ask();
    Future<String> second = ask();
    for (String name : List.of("arrival 1", "arrival 2")) {
      gate.arrive(() -> {
        order.add(name);
        return Future.succeededFuture(name);
      });
    }
    gate.run(() -> {
      order.add("sync of someone in");
      return Future.succeededFuture("synced");
    });
    assertThat(gate.waiting()).isEqualTo(3);

    started.get(0).complete("a");
    started.get(1).complete("b");
    assertThat(first.succeeded() && second.succeeded()).isTrue();
    assertThat(order).containsExactly("sync of someone in", "arrival 1", "arrival 2");
    assertThat(gate.waiting()).isZero();
  }
}
