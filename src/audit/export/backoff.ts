// Exponential backoff with jitter: the wait doubles after each failure up to a ceiling, and is drawn from its
// upper half so many forwarders that failed together do not retry in lockstep ("equal jitter").

export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** The wait after the `failures`-th consecutive failure (1 = the first). */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Resolves after `ms`, or at once when the signal aborts (shutdown does not wait out a backoff). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
