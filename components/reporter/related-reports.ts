import { Task, initialState } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type { RelatedReports, SignalsService } from '../../src/delivery.js';

/** How long the category and queue must stay put before the backend is asked. */
const ASK_AFTER_MS = 300;

/**
 * Other agents' recent reports of the same category in the same queue, asked while the agent
 * fills the form (a hint to count them in). Runs again whenever category or queue change; a
 * run still waiting is dropped, and a failed one shows nothing: without it the agent's own
 * numbers decide. The element aborts it when it disconnects, which also clears the wait.
 */
export function relatedReportsTask(
  host: ReactiveControllerHost,
  args: () => readonly [signals: SignalsService | undefined, category: string, queue: string | undefined, site?: string],
): Task<readonly [SignalsService | undefined, string, string | undefined, string?], RelatedReports | undefined> {
  return new Task(host, {
    args,
    task: async ([signals, category, queue, site], { signal }) => {
      if (!signals || !category) return initialState;
      await pause(ASK_AFTER_MS, signal);
      try {
        return await signals.recent({ category, queue: queue || undefined, minutes: 60, ...(site ? { site } : {}) });
      } catch {
        return undefined;
      }
    },
  });
}

/** Waits, or rejects as soon as the run is aborted (its timer cleared). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}
