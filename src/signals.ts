/**
 * Asks the intake service how many reports of the same kind arrived recently
 * (`GET /api/signals`), so the form can say "3 other agents reported this in the last 30 minutes".
 * Advisory only: a failure here never blocks a report.
 */
import { DeliveryError, withOthers, type RelatedReports, type SignalsService } from './delivery.js';
import { intakeEndpoint, readIntakeError } from './transports/http.js';
import { requireApiKey } from './delivery-options.js';
import { readKnownIncidents } from './follow-view.js';

export interface IntakeSignalsOptions {
  url: string;
  apiKey?: string;
  getApiKey?: () => string | Promise<string>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function createIntakeSignals(options: IntakeSignalsOptions): SignalsService {
  requireApiKey(options, 'createIntakeSignals');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async recent({ category, queue, site, minutes, accountId, login }) {
      const query = new URLSearchParams({ category });
      if (queue) query.set('queue', queue);
      if (site) query.set('site', site);
      if (accountId) query.set('accountId', accountId);
      if (login) query.set('login', login);
      if (minutes !== undefined) query.set('minutes', String(minutes));
      const key = options.getApiKey ? await options.getApiKey() : (options.apiKey as string);
      let response: Response;
      try {
        response = await doFetch(intakeEndpoint(options.url, `/api/signals?${query}`), {
          headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch {
        throw new DeliveryError('Could not reach the intake service to look for similar reports.', { permanent: false, code: 'network' });
      }
      const text = await response.text();
      if (!response.ok) {
        const error = readIntakeError(text);
        throw new DeliveryError(`The intake service did not answer the similar-reports question (${response.status})${error.message ? `: ${error.message}` : '.'}`, {
          permanent: response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429,
          status: response.status,
          code: error.code,
          fields: error.fields,
        });
      }
      return readSignals(text, minutes);
    },
  };
}

function readSignals(text: string, askedMinutes: number | undefined): RelatedReports {
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // handled below: a body without numbers is not an answer
  }
  const { reports, agents, minutes, otherReports, otherAgents } = data ?? {};
  if (typeof reports !== 'number' || typeof agents !== 'number') {
    throw new DeliveryError('The intake service answered the similar-reports question in a form we could not read.', { permanent: false });
  }
  const related: RelatedReports = { reports, agents, minutes: typeof minutes === 'number' ? minutes : (askedMinutes ?? 0) };
  const incidents = readKnownIncidents(data.incidents);
  if (incidents.length) related.incidents = incidents;
  return withOthers(related, otherReports, otherAgents);
}
