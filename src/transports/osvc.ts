/**
 * Files a ticket as an Oracle Service Cloud incident through Connect REST
 * (`POST <restBase>/connect/v1.4/incidents`, ../shared/reference/osvc.md §2), with the agent's own
 * session (`Authorization: Session <token>`), so the incident is created with their permissions.
 *
 * The session token is asked from the host at send time and lives only in this call: never stored,
 * logged or put in a message. The QoS token Oracle hands back (`osvc-crest-api-access-token`) and
 * its throttling hint (`osvc-crest-next-request-after`) are kept in memory for the next request.
 */
import { DeliveryError, type AttachmentBytes, type SendResult, type Transport } from '../delivery.js';
import type { Level } from '../severity.js';
import type { Ticket } from '../ticket.js';
import { blobToBase64 } from '../base64.js';
import { parseRetryAfter } from './http.js';
import { osvcApplicationContext } from '../delivery-options.js';

/** A Connect REST reference to another object: by id or by its lookup name. */
export type OsvcRef = { id: number } | { lookupName: string };

/**
 * How a ticket lands in a site's incident fields. Sites differ (entry types, severities, queues and
 * custom fields are site configuration), so every piece is optional:
 *
 * - `entryTypeId`: the thread entry type of the note that carries the report. Default 1; on most
 *   sites that is "Note" (private), but check `GET .../incidents/{id}/threads` on the target site.
 * - `severity(level)`: the site's incident severity for the chosen level 1..4, e.g.
 *   `(level) => ({ lookupName: `Sev ${level}` })`; omitted or returning undefined leaves it unset.
 * - `queue(queueName)`: the incident queue, given the ticket's `records.queue` (may be undefined).
 * - `customFields(ticket)`: the whole `customFields` object, e.g. `{ c: { triage_category: t.category } }`
 *   (package fields go beside `c` under their package name).
 * - `primaryContact(ticket)`: the incident's contact; many sites require one, e.g. a fixed
 *   "internal reports" contact `{ id: 42 }` or the customer of `ticket.records.contactId`.
 */
export interface OsvcMapping {
  entryTypeId?: number;
  severity?: (level: Level) => OsvcRef | undefined;
  queue?: (queueName?: string) => OsvcRef | undefined;
  customFields?: (ticket: Ticket) => Record<string, unknown> | undefined;
  primaryContact?: (ticket: Ticket) => OsvcRef | undefined;
}

export interface OsvcTransportOptions {
  /** The site's REST base, `getInterfaceServiceUrl('REST')`: `https://<site>/services/rest`. */
  restBase: string;
  /** The host's `globalContext.getSessionToken()`, asked before every request. */
  getSessionToken: () => Promise<string>;
  /** `OSvC-CREST-Application-Context`, required from v1.4, at most 40 characters. */
  applicationContext?: string;
  mapping?: OsvcMapping;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export { OSVC_APPLICATION_CONTEXT_MAX } from '../delivery-options.js';

export function createOsvcTransport(options: OsvcTransportOptions): Transport {
  const applicationContext = osvcApplicationContext(options.applicationContext);
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const url = `${options.restBase.replace(/\/+$/, '')}/connect/v1.4/incidents`;
  let accessToken: string | undefined;
  let notBefore = 0;

  return {
    name: 'osvc',
    async send(ticket, attachments, sendOptions = {}) {
      const body = JSON.stringify(await incidentBody(ticket, attachments, options.mapping ?? {}));
      const size = new TextEncoder().encode(body).length;
      sendOptions.onProgress?.(0, size);
      await waitUntil(notBefore, sendOptions.signal);

      const headers: Record<string, string> = {
        'OSvC-CREST-Application-Context': applicationContext,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      };
      let token: string;
      try {
        token = await options.getSessionToken();
      } catch {
        throw new DeliveryError('The agent desktop did not give a session for Oracle Service Cloud. Reopen the report from the desktop and try again.', {
          permanent: false,
          code: 'no_session',
        });
      }
      headers.Authorization = `Session ${token}`;
      if (accessToken) headers['osvc-crest-api-access-token'] = accessToken;

      const signals = [AbortSignal.timeout(timeoutMs), ...(sendOptions.signal ? [sendOptions.signal] : [])];
      let response: Response;
      try {
        response = await doFetch(url, { method: 'POST', headers, body, signal: AbortSignal.any(signals) });
      } catch (error) {
        const timedOut = (error as { name?: string }).name === 'TimeoutError';
        throw new DeliveryError(
          timedOut
            ? `Oracle Service Cloud did not answer within ${Math.round(timeoutMs / 1000)} s. The report stays on this device and is tried again.`
            : 'Could not reach Oracle Service Cloud (the network or the site is down). The report stays on this device and is tried again.',
          { permanent: false, code: timedOut ? 'timeout' : 'network' },
        );
      }
      accessToken = response.headers.get('osvc-crest-api-access-token') ?? accessToken;
      const wait = Number(response.headers.get('osvc-crest-next-request-after'));
      if (Number.isFinite(wait) && wait > 0) notBefore = Date.now() + wait;
      const text = await response.text().catch(() => '');
      const result = readIncident(response.status, text, response.headers.get('Retry-After'));
      sendOptions.onProgress?.(size, size);
      return result;
    },
  };
}

async function waitUntil(at: number, signal?: AbortSignal): Promise<void> {
  const delay = at - Date.now();
  if (delay <= 0) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, delay);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DeliveryError('Sending was interrupted. The report stays queued.', { permanent: false, code: 'aborted' }));
      },
      { once: true },
    );
  });
}

export async function incidentBody(ticket: Ticket, attachments: AttachmentBytes[], mapping: OsvcMapping): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {
    subject: ticket.summary,
    threads: [{ text: incidentNote(ticket, (await import('../severity.js')).SEVERITY_NAMES), entryType: { id: mapping.entryTypeId ?? 1 } }],
  };
  const contact = mapping.primaryContact?.(ticket);
  if (contact) body.primaryContact = contact;
  const severity = mapping.severity?.(ticket.severity.chosen as Level);
  if (severity) body.severity = severity;
  const queue = mapping.queue?.(ticket.records?.queue);
  if (queue) body.queue = queue;
  const customFields = mapping.customFields?.(ticket);
  if (customFields) body.customFields = customFields;
  if (attachments.length) {
    body.fileAttachments = await Promise.all(
      attachments.map(async (file) => ({ fileName: file.name, data: await blobToBase64(file.blob) })),
    );
  }
  return body;
}

const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'yes' : 'no');

/**
 * The report as a note a person reads in the incident: every Step 1 answer, labelled. The level
 * names come from the severity core, which incidentBody loads only when a report is sent: a page
 * that creates this transport at start to drain the outbox does not fetch the core for it.
 */
export function incidentNote(ticket: Ticket, severityNames: Record<Level, string>): string {
  const severityLabel = (level: number) => `${level} (${severityNames[level as Level] ?? 'unknown'})`;
  const { impact, abandonment, reporter, records, environment, sla, severity } = ticket;
  const lines: [string, string | number | undefined][] = [
    ['Summary', ticket.summary],
    ['Category', ticket.category],
    ['Severity', `${severityLabel(severity.chosen)}${severity.chosen === severity.suggested ? '' : `, suggested ${severityLabel(severity.suggested)}`}`],
    ['Why this severity', severity.reasons.length ? severity.reasons.join(' ') : undefined],
    ['Reason for another severity', severity.overrideReason],
    ['Response due', sla ? `${sla.responseDueAt} (${sla.plan} plan, ${sla.coverage})` : undefined],
    ['Observed behaviour', ticket.observed],
    ['Expected behaviour', ticket.expected],
    ['Steps performed', ticket.steps],
    ['Occurred at', `${ticket.occurredAt} (${ticket.timeZone})`],
    ['Still happening', yesNo(ticket.currentlyObserved)],
    ['Agents affected', impact?.agentsAffected === undefined ? undefined : `${impact.agentsAffected}${impact.agentsTotal === undefined ? '' : ` of ${impact.agentsTotal}`}`],
    ['Agent population', impact?.agentsAffected === undefined ? impact?.agentsTotal : undefined],
    ['Share of interactions affected', impact?.interactionsAffectedPercent === undefined ? undefined : `${impact.interactionsAffectedPercent} %`],
    ['What is unique about the affected agents', impact?.uniqueTraits],
    ['Frequency', [impact?.frequency, impact?.frequencyNote].filter(Boolean).join(': ') || undefined],
    ['Workaround available', yesNo(ticket.workaround)],
    ['Recent unsupported platform change', yesNo(ticket.unsupportedPlatformChange)],
    ['Core function affected', yesNo(ticket.coreFunctionAffected)],
    [
      'Abandonment',
      abandonment
        ? `${abandonment.ratePercent} % (normal ${abandonment.normalRatePercent} %), ${abandonment.currentlyObserved ? 'happening now' : 'not now'}`
        : undefined,
    ],
    ['Reporter', reporter ? describe(reporter, { name: '', login: 'login', accountId: 'account', profile: 'profile', acdAgentId: 'ACD agent', extension: 'extension', site: 'site' }) : undefined],
    ['Records', records ? describe(records, { incidentReference: 'incident', incidentId: 'incident id', chatId: 'chat', contactId: 'contact', queue: 'queue', interactionId: 'interaction' }) : undefined],
    ['Environment', environment ? describe(environment, { host: 'host', userAgent: 'browser', locale: 'locale', url: 'page', appVersion: 'version' }) : undefined],
    ['Status-page incident', ticket.linkedStatusIncident],
    ['Attachments', ticket.attachments?.length ? ticket.attachments.map((a) => `${a.name} (${a.type}, ${a.size} bytes, ${a.kind})`).join('; ') : undefined],
    ['Ticket id', ticket.id],
    ['Submitted at', ticket.createdAt],
  ];
  return lines
    .filter((line): line is [string, string | number] => line[1] !== undefined && line[1] !== '')
    .map(([label, value]) => `${label}: ${value}`)
    .join('\n');
}

function describe<T extends object>(values: T, labels: Record<keyof T, string>): string | undefined {
  const parts = (Object.keys(labels) as (keyof T)[])
    .filter((key) => values[key] !== undefined && values[key] !== '')
    .map((key) => (labels[key] ? `${labels[key]} ${String(values[key])}` : String(values[key])));
  return parts.length ? parts.join(', ') : undefined;
}

/** Oracle's answer to the POST: the created incident, or an RFC 7807-like error read defensively. */
export function readIncident(status: number, text: string, retryAfter?: string | null): SendResult {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
  } catch {
    // A proxy's HTML error page: the status alone decides.
  }
  if (status === 200 || status === 201) {
    const { id, lookupName } = data;
    if ((typeof id === 'number' || typeof id === 'string') && typeof lookupName === 'string') {
      return { id: String(id), reference: lookupName };
    }
    // Without an id we cannot tell whether it was created; resending could duplicate the incident.
    throw new DeliveryError(`Oracle Service Cloud answered ${status} without an incident id. Check the incidents before resubmitting.`, {
      permanent: true,
      status,
      code: 'unreadable_response',
    });
  }
  const words = [data.title, data.detail].filter((part): part is string => typeof part === 'string' && part.length > 0).join(' — ');
  const detail = words ? `: ${words}` : '.';
  const code = typeof data['o:errorCode'] === 'string' ? data['o:errorCode'] : undefined;
  if (status === 401) {
    throw new DeliveryError(
      `Your Oracle Service Cloud session has expired or was refused (401). Reopen the agent desktop and resubmit the report${detail}`,
      { permanent: true, status, code },
    );
  }
  if (status === 403) {
    throw new DeliveryError(`Your Oracle Service Cloud profile may not create incidents (403)${detail}`, { permanent: true, status, code });
  }
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    throw new DeliveryError(`Oracle Service Cloud refused the incident (${status})${detail}`, { permanent: true, status, code });
  }
  throw new DeliveryError(
    `Oracle Service Cloud could not take the incident now (${status})${detail} The report stays on this device and is tried again.`,
    { permanent: false, status, code, retryAfterMs: parseRetryAfter(retryAfter) },
  );
}
