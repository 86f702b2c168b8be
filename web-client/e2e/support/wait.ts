/** Polls `probe` until `accept` says yes, then returns the value; fails with the last value seen. */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  { timeoutMs = 10_000, intervalMs = 100, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) {
      throw new Error(`${what} not met in ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    }
    await new Promise((wake) => setTimeout(wake, intervalMs));
    last = await probe();
  }
  return last;
}
