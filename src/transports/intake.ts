/**
 * Delivers a ticket to the reference intake service (../shared/contracts/intake-api.md):
 * `POST /api/tickets` as multipart (part `ticket`, then one part `attachment` per file),
 * `Idempotency-Key` = ticket id, so a retry after an unknown outcome is answered 200 with the
 * same body instead of storing a second ticket.
 *
 * XMLHttpRequest rather than fetch: fetch reports no upload progress, and Chromium's streaming
 * request bodies need HTTP/2; one code path that always reports bytes is simpler to trust.
 * The API key lives in this closure only, never in messages, the ticket or storage.
 */
import { DeliveryError, withOthers, type AttachmentBytes, type SendOptions, type SendResult, type Transport, type RelatedReports } from '../delivery.js';
import type { Ticket } from '../ticket.js';
import { intakeEndpoint, parseRetryAfter, readIntakeError } from './http.js';
import { requireApiKey } from '../delivery-options.js';

export interface IntakeTransportOptions {
  /** The service's base address, e.g. `https://intake.example.com` (the routes live under /api). */
  url: string;
  apiKey?: string;
  /** Asked before each send, for hosts that rotate keys; wins over `apiKey`. */
  getApiKey?: () => string | Promise<string>;
  /** The whole request, upload included. Default two minutes: a 25 MB report on a slow line. */
  timeoutMs?: number;
}

export const INTAKE_PERMANENT_STATUSES = [400, 401, 403, 404, 409, 413, 415] as const;

export { intakeEndpoint } from './http.js';

export function createIntakeTransport(options: IntakeTransportOptions): Transport {
  requireApiKey(options, 'createIntakeTransport');
  const timeoutMs = options.timeoutMs ?? 120_000;
  const key = async () => (options.getApiKey ? await options.getApiKey() : (options.apiKey as string));
  return {
    name: 'intake',
    async send(ticket, attachments, sendOptions = {}) {
      const body = multipartBody(ticket, attachments);
      const response = await post(intakeEndpoint(options.url, '/api/tickets'), body, {
        authorization: `Bearer ${await key()}`,
        idempotencyKey: ticket.id,
        timeoutMs,
        ...sendOptions,
      });
      return readResponse(response);
    },
  };
}

export interface TicketStatus {
  reference: string;
  status: string;
  /** Status and severity changes, oldest first: who, when, why. */
  events: Array<{ type: string; from: string | number | null; to: string | number | null; by: string; at: string; reason: string | null }>;
}

/**
 * Where a delivered ticket stands now, asked with the browser's key and the ticket's receipt
 * (the only ticket that key may read). A ticket sent before receipts existed cannot be asked.
 */
export async function readIntakeStatus(
  options: Pick<IntakeTransportOptions, 'url' | 'apiKey' | 'getApiKey'> & { fetch?: typeof fetch },
  sent: Pick<SendResult, 'id' | 'receipt'>,
): Promise<TicketStatus> {
  if (!sent.receipt) throw new DeliveryError('This report was sent without a receipt, so its status cannot be asked from this device.', { permanent: true, code: 'no_receipt' });
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = {
    Authorization: `Bearer ${options.getApiKey ? await options.getApiKey() : (options.apiKey as string)}`,
    'Triage-Receipt': sent.receipt,
    Accept: 'application/json',
  };
  const path = `/api/tickets/${encodeURIComponent(sent.id)}`;
  const read = async (suffix: string) => {
    let response: Response;
    try {
      response = await doFetch(intakeEndpoint(options.url, path + suffix), { headers });
    } catch {
      throw new DeliveryError('Could not reach the intake service to ask for the report\'s status.', { permanent: false, code: 'network' });
    }
    const text = await response.text();
    if (!response.ok) {
      const error = readIntakeError(text);
      throw new DeliveryError(`The intake service did not give the report's status (${response.status})${error.message ? `: ${error.message}` : '.'}`, {
        permanent: response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429,
        status: response.status,
        code: error.code,
      });
    }
    return JSON.parse(text) as Record<string, unknown>;
  };
  const [ticket, history] = await Promise.all([read(''), read('/events')]);
  return { reference: String(ticket.reference), status: String(ticket.status), events: (history.events ?? []) as TicketStatus['events'] };
}

function multipartBody(ticket: Ticket, attachments: AttachmentBytes[]): FormData {
  const form = new FormData();
  form.append('ticket', new Blob([JSON.stringify(ticket)], { type: 'application/json' }), 'ticket.json');
  for (const attachment of attachments) {
    // The stored Blob may have lost its type (some file pickers give none); the ticket's type is the declared one.
    const blob = attachment.blob.type === attachment.type ? attachment.blob : new Blob([attachment.blob], { type: attachment.type });
    form.append('attachment', blob, attachment.name);
  }
  return form;
}

interface RawResponse {
  status: number;
  text: string;
  retryAfter: string | null;
}

function post(
  url: string,
  body: FormData,
  options: SendOptions & { authorization: string; idempotencyKey: string; timeoutMs: number },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('Authorization', options.authorization);
    request.setRequestHeader('Idempotency-Key', options.idempotencyKey);
    request.setRequestHeader('Accept', 'application/json');
    request.timeout = options.timeoutMs;
    const onAbort = () => request.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal?.removeEventListener('abort', onAbort);
    if (options.onProgress) {
      const report = options.onProgress;
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) report(event.loaded, event.total);
      };
    }
    request.onload = () => {
      settle();
      resolve({ status: request.status, text: request.responseText, retryAfter: request.getResponseHeader('Retry-After') });
    };
    request.onerror = () => {
      settle();
      reject(
        new DeliveryError(
          'Could not reach the intake service (the network or the service is down). The report stays on this device and is sent when the connection is back.',
          { permanent: false, code: 'network' },
        ),
      );
    };
    request.ontimeout = () => {
      settle();
      reject(
        new DeliveryError(
          `The intake service did not answer within ${Math.round(options.timeoutMs / 1000)} s. The report stays on this device and is tried again.`,
          { permanent: false, code: 'timeout' },
        ),
      );
    };
    request.onabort = () => {
      settle();
      reject(cancelled());
    };
    request.send(body);
  });
}

function cancelled(): DeliveryError {
  return new DeliveryError('Sending was interrupted (the page closed or stopped it). The report stays queued.', {
    permanent: false,
    code: 'aborted',
  });
}

function readResult(text: string): SendResult | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object') return undefined;
  const { id, reference, status, receivedAt, related, receipt } = data as Record<string, unknown>;
  if (typeof id !== 'string' || typeof reference !== 'string') return undefined;
  const result: SendResult = { id, reference };
  if (typeof status === 'string') result.status = status;
  if (typeof receivedAt === 'string') result.receivedAt = receivedAt;
  if (typeof receipt === 'string') result.receipt = receipt;
  const r = related as Partial<RelatedReports> | undefined;
  if (r && typeof r.reports === 'number' && typeof r.agents === 'number') {
    result.related = withOthers({ reports: r.reports, agents: r.agents, minutes: typeof r.minutes === 'number' ? r.minutes : 0 }, r.otherReports, r.otherAgents);
  }
  return result;
}

/** Words for each refusal: what happened, from the agent's side, plus the service's own message. */
const PERMANENT_WORDS: Record<number, string> = {
  400: 'The intake service refused the report (400)',
  401: 'The intake service refused the API key (401). Ask your administrator to check the triage-kit configuration',
  403: 'The intake service does not accept reports from this page (403). Ask your administrator to allow this address',
  404: 'The intake service address is wrong (404). Ask your administrator to check the triage-kit configuration',
  409: 'A different report with the same id was already delivered (409). Export this report and start a new one',
  413: 'The report is too large for the intake service (413). Remove or shrink attachments and resubmit',
  415: 'The intake service does not accept one of the attached files (415). Remove it and resubmit',
};

export function readResponse(response: RawResponse, now: number = Date.now()): SendResult {
  const { status } = response;
  if (status === 200 || status === 201) {
    const result = readResult(response.text);
    if (result) return result;
    // The service may have stored it; the idempotency key makes asking again safe.
    throw new DeliveryError(`The intake service answered ${status} without a readable reference; trying again.`, {
      permanent: false,
      status,
      code: 'unreadable_response',
    });
  }
  const error = readIntakeError(response.text);
  const detail = error.message ? `: ${error.message}` : '.';
  const isPermanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  if (isPermanent) {
    const lead = PERMANENT_WORDS[status] ?? `The intake service refused the report (${status})`;
    return fail(`${lead}${detail}`, { permanent: true, status, code: error.code, fields: error.fields });
  }
  const retryAfterMs = parseRetryAfter(response.retryAfter, now);
  const lead =
    status === 429
      ? 'The intake service is busy (429) and asked us to wait'
      : status === 408
        ? 'The intake service timed out reading the report (408)'
        : `The intake service had a problem (${status})`;
  return fail(`${lead}${detail} The report stays on this device and is tried again.`, {
    permanent: false,
    status,
    code: error.code,
    retryAfterMs,
  });
}

function fail(message: string, details: ConstructorParameters<typeof DeliveryError>[1]): never {
  throw new DeliveryError(message, details);
}
