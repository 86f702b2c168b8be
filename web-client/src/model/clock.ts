/**
 * The server's time as this device can know it: offset = server time − the local middle of a round
 * trip, kept from the sample with the shortest round trip (the one that says least about the
 * network and most about the clocks). Every screen then shows a timer from the same server instant.
 */
export class ServerClock {
  private best: { roundTripMs: number; offsetMs: number } | null = null;

  constructor(private readonly localNow: () => number = () => Date.now()) {}

  /** One `clock.get`: sent at `sentAt`, answered `serverTime`, received at `receivedAt` (local ms). */
  addSample(sentAt: number, serverTime: number, receivedAt: number): void {
    const roundTripMs = Math.max(0, receivedAt - sentAt);
    const offsetMs = serverTime - (sentAt + roundTripMs / 2);
    if (!this.best || roundTripMs <= this.best.roundTripMs) this.best = { roundTripMs, offsetMs };
  }

  /** Forgets the samples, after a reconnection (the network, or the device's clock, may have changed). */
  reset(): void {
    this.best = null;
  }

  get offsetMs(): number {
    return Math.round(this.best?.offsetMs ?? 0);
  }

  /** Half the best round trip: how far off the estimate may be. */
  get uncertaintyMs(): number | null {
    return this.best && this.best.roundTripMs / 2;
  }

  /** The server's time now, as best known. */
  now(): number {
    return this.localNow() + this.offsetMs;
  }

  /** Asks the server `samples` times, one after the other; a failed ask is skipped. */
  async sample(ask: () => Promise<number>, samples = 4): Promise<void> {
    for (let i = 0; i < samples; i++) {
      const sentAt = this.localNow();
      try {
        const serverTime = await ask();
        this.addSample(sentAt, serverTime, this.localNow());
      } catch {
        // A lost answer says nothing about the clocks.
      }
    }
  }
}
