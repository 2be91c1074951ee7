import { Task, initialState } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type { RelatedReports, SignalsService } from '../../src/delivery.js';

/** How long the category and queue must stay put before the backend is asked. */
const ASK_AFTER_MS = 300;

/** What the related reports are asked about: the category, the queue and site, and who asks. */
export type RelatedQuery = readonly [signals: SignalsService | undefined, category: string, queue: string | undefined, site?: string, accountId?: string, login?: string];

/**
 * Other agents' recent reports of the same category in the same queue, asked while the agent
 * fills the form (a hint to count them in). The asker's account ID and login go along, so the
 * service leaves the agent's own earlier reports out. Runs again whenever these change; a
 * run still waiting is dropped, and a failed one shows nothing: without it the agent's own
 * numbers decide. The element aborts it when it disconnects, which also clears the wait.
 */
export function relatedReportsTask(
  host: ReactiveControllerHost,
  args: () => RelatedQuery,
): Task<RelatedQuery, RelatedReports | undefined> {
  return new Task(host, {
    args,
    task: async ([signals, category, queue, site, accountId, login], { signal }) => {
      if (!signals || !category) return initialState;
      await pause(ASK_AFTER_MS, signal);
      try {
        return await signals.recent({ category, queue: queue || undefined, minutes: 60, accountId, login, ...(site ? { site } : {}) });
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
