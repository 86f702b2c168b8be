export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  random?: () => number;
}

/** Exponential delays with jitter, so that fifty phones do not all come back at the same instant. */
export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;
  private attempt = 0;

  constructor({ initialMs = 500, maxMs = 15_000, random = Math.random }: BackoffOptions = {}) {
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.random = random;
  }

  /** A delay between half and all of the current step, then the step doubles up to the maximum. */
  nextDelay(): number {
    const step = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt += 1;
    return Math.round(step / 2 + (this.random() * step) / 2);
  }

  reset(): void {
    this.attempt = 0;
  }
}
