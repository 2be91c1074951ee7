/**
 * The outbox's retry waits, in a module of their own: hosts import them from the delivery entry,
 * which loads the outbox itself only once the page is idle.
 */
export interface BackoffSettings {
  /** The ceiling of the first retry's wait; doubles with each attempt. */
  baseMs: number;
  /** No wait is ever longer than this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 2_000, maxMs: 5 * 60_000 };

/**
 * How long to wait before retry number `attempt` (1 = the first retry): "full jitter", a uniform
 * draw between 0 and min(max, base * 2^(attempt-1)), so tabs and agents that failed together
 * (an outage) do not all come back in the same second.
 */
export function backoffDelay(
  attempt: number,
  settings: BackoffSettings = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  // Capping the exponent keeps the product finite (0 * Infinity would be NaN).
  const exponent = Math.min(Math.max(0, attempt - 1), 40);
  const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
