import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RelatedReports as RelatedReportsAnswer, SignalsService } from '../../src/delivery.js';

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
 *
 * A controller of its own rather than @lit/task: this one run is all the reporter needs of it,
 * and the library cost the reporter 0.5 KB gzip on open.
 */
export class RelatedReports implements ReactiveController {
  /** 'complete' once the latest question has its answer; `value` keeps the last answer meanwhile. */
  status: 'initial' | 'pending' | 'complete' | 'aborted' = 'initial';
  value?: RelatedReportsAnswer;
  #asked?: RelatedQuery;
  #run = 0;
  #abort?: AbortController;

  readonly #host: ReactiveControllerHost;
  readonly #query: () => RelatedQuery;

  constructor(host: ReactiveControllerHost, query: () => RelatedQuery) {
    (this.#host = host).addController(this);
    this.#query = query;
  }

  hostUpdate(): void {
    const query = this.#query();
    const asked = this.#asked;
    this.#asked = query;
    if (!asked || query.some((value, i) => !Object.is(value, asked[i]))) void this.#ask(query);
  }

  abort(): void {
    this.#abort?.abort();
  }

  async #ask([signals, category, queue, site, accountId, login]: RelatedQuery) {
    this.abort();
    const run = ++this.#run;
    const abort = (this.#abort = new AbortController());
    this.status = 'pending';
    this.#host.requestUpdate();
    let answer: RelatedReportsAnswer | undefined;
    let status: RelatedReports['status'] = 'complete';
    try {
      if (!signals || !category) status = 'initial';
      else {
        await pause(ASK_AFTER_MS, abort.signal);
        answer = await signals.recent({ category, queue: queue || undefined, minutes: 60, accountId, login, ...(site ? { site } : {}) }).catch(() => undefined);
      }
    } catch {
      status = 'aborted';
    }
    if (run !== this.#run) return;
    this.status = status;
    if (status !== 'initial') this.value = answer;
    this.#host.requestUpdate();
  }
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
