import { describe, expect, it } from 'vitest';
import { ServerClock } from './clock';

describe('the server clock', () => {
  it('takes the server time minus the middle of the round trip as the offset', () => {
    let local = 10_000;
    const clock = new ServerClock(() => local);
    // Sent at 10 000, answered 50 000 (the server is 39 950 ms ahead), received 100 ms later.
    clock.addSample(10_000, 50_000, 10_100);
    expect(clock.offsetMs).toBe(39_950);
    local = 20_000;
    expect(clock.now()).toBe(59_950);
  });

  it('keeps the sample with the shortest round trip, whatever the order', () => {
    const clock = new ServerClock(() => 0);
    clock.addSample(0, 1_500, 1_000); // slow: says offset 1 000
    clock.addSample(2_000, 3_020, 2_040); // fast: says offset 1 000
    clock.addSample(4_000, 6_000, 4_900); // slow and wrong by 450 ms
    expect(clock.offsetMs).toBe(1_000);
    expect(clock.uncertaintyMs).toBe(20);
  });

  it('two devices with clocks 3 s apart agree on the server instant within their half round trips', () => {
    const server = (local: number, skew: number) => local - skew;
    const phone = new ServerClock(() => 5_000 + 3_000);
    const projector = new ServerClock(() => 5_000);
    phone.addSample(8_000, server(8_040, 3_000), 8_080);
    projector.addSample(5_000, server(5_010, 0), 5_020);
    expect(Math.abs(phone.now() - projector.now())).toBeLessThanOrEqual(50);
  });

  it('samples the server a few times and skips an ask that failed', async () => {
    let local = 0;
    const clock = new ServerClock(() => local);
    const answers = [Promise.reject(new Error('lost')), Promise.resolve(700), Promise.resolve(900)];
    await clock.sample(() => {
      local += 10;
      const answer = answers.shift()!;
      local += 10;
      return answer;
    }, 3);
    expect(clock.offsetMs).toBeGreaterThan(600);
  });

  it('says the local time until it has a sample, and again after a reset', () => {
    const clock = new ServerClock(() => 42);
    expect(clock.now()).toBe(42);
    clock.addSample(0, 1_000, 0);
    clock.reset();
    expect(clock.now()).toBe(42);
  });
});
