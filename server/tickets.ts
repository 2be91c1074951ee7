/**
 * Turning a multipart upload into a stored ticket: limits, the shared schema, attachment checks,
 * the canonical content hash that decides replay (200) versus conflict (409), and correlation.
 */
import { TICKET_LIMITS, validateTicket, type Ticket } from '../src/ticket.js';
import { redactedText, redactionSummary } from './redaction.js';
import { HttpError, badRequest } from './errors.js';
import { DISCARD_BOUND, boundaryOf, discard, parseMultipart, readBody, tooLarge } from './multipart.js';
import { contentProblem, essence, isAcceptedType, sanitizeFileName } from './content.js';
import { sha256 } from './storage/blobs.js';
import type { RelatedCount } from './storage/types.js';

export const CORRELATION_MINUTES = 60;
const MAX_TICKET_PART_BYTES = 1024 * 1024;

export interface Upload {
  ticket: Ticket;
  /** The document to store: the ticket as the shared schema parsed it. Fields the schema does not
   * know are dropped, so nothing a client adds by mistake (a token, a header) is ever stored. */
  document: Record<string, unknown>;
  files: Array<{ name: string; type: string; kind: string; data: Buffer }>;
  /** What the service redacted that the client had left in (for the ticket's history), if anything. */
  redactionNote?: string;
}

/** Reads and checks everything before anything is written; `request.body` as multipart.ts's bodyOf gives it. */
export async function readUpload(request: { headers: Headers; body: AsyncIterable<Uint8Array> | null }, idempotencyKey: string | undefined): Promise<Upload> {
  if (!idempotencyKey) {
    throw badRequest('idempotency_key_required', 'The Idempotency-Key header is required and must equal ticket.id.');
  }
  const boundary = boundaryOf(request.headers.get('content-type') ?? undefined);
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > TICKET_LIMITS.maxRequestBytes) {
    if (request.body) await discard(request.body[Symbol.asyncIterator](), DISCARD_BOUND);
    throw tooLarge(TICKET_LIMITS.maxRequestBytes);
  }
  const body = await readBody(request.body, TICKET_LIMITS.maxRequestBytes);
  const parts = parseMultipart(body, boundary);

  const [first, ...rest] = parts;
  if (!first || first.name !== 'ticket') {
    throw badRequest('missing_ticket', 'The first part must be "ticket", holding the ticket as JSON.');
  }
  const stray = rest.find((part) => part.name !== 'attachment');
  if (stray) throw badRequest('unexpected_part', `Unexpected part "${stray.name.slice(0, 50)}": only "ticket" then "attachment" parts are accepted.`);
  if (rest.length > TICKET_LIMITS.maxAttachments) {
    throw new HttpError(413, 'too_many_attachments', `At most ${TICKET_LIMITS.maxAttachments} attachments per ticket; this request has ${rest.length}.`);
  }
  rest.forEach((part, index) => {
    if (part.data.length > TICKET_LIMITS.maxAttachmentBytes) {
      throw new HttpError(413, 'attachment_too_large', `Attachment ${index + 1} is ${part.data.length} bytes; each file must be at most ${TICKET_LIMITS.maxAttachmentBytes / 1024 / 1024} MB.`, [
        { path: `attachments.${index}.size`, message: `Each file must be at most ${TICKET_LIMITS.maxAttachmentBytes / 1024 / 1024} MB.` },
      ]);
    }
  });
  if (first.data.length > MAX_TICKET_PART_BYTES) throw new HttpError(413, 'ticket_too_large', 'The ticket JSON must be at most 1 MB.');

  let document: unknown;
  try {
    document = JSON.parse(first.data.toString('utf8'));
  } catch {
    throw badRequest('invalid_json', 'The "ticket" part is not valid JSON.');
  }
  const result = validateTicket(document);
  if (!result.ok) throw badRequest('validation_failed', 'The ticket has invalid fields.', result.issues);
  const ticket = result.ticket;
  if (idempotencyKey !== ticket.id) {
    throw badRequest('idempotency_key_mismatch', 'The Idempotency-Key header must equal ticket.id.', [
      { path: 'id', message: 'Ticket id must equal the Idempotency-Key header.' },
    ]);
  }

  const metas = ticket.attachments ?? [];
  if (metas.length !== rest.length) {
    throw badRequest('attachment_mismatch', `The ticket lists ${metas.length} attachments but the request carries ${rest.length}.`, [
      { path: 'attachments', message: `Expected ${metas.length} attachment parts, received ${rest.length}.` },
    ]);
  }
  const files = metas.map((meta, index) => {
    const part = rest[index]!;
    const path = `attachments.${index}`;
    if (!isAcceptedType(meta.type)) {
      throw new HttpError(415, 'unsupported_type', `${meta.name}: the type "${meta.type}" is not accepted.`, [
        { path: `${path}.type`, message: `Accepted types: ${TICKET_LIMITS.attachmentTypes.join(', ')}.` },
      ]);
    }
    if (part.data.length !== meta.size) {
      throw badRequest('attachment_mismatch', `${meta.name}: the ticket says ${meta.size} bytes but ${part.data.length} arrived.`, [
        { path: `${path}.size`, message: `Declared ${meta.size} bytes, received ${part.data.length}.` },
      ]);
    }
    if (part.contentType && essence(part.contentType) !== essence(meta.type)) {
      throw new HttpError(415, 'type_mismatch', `${meta.name}: the part is sent as "${essence(part.contentType)}" but the ticket says "${meta.type}".`, [
        { path: `${path}.type`, message: `The part's Content-Type must be ${meta.type}.` },
      ]);
    }
    const problem = contentProblem(meta.type, part.data);
    if (problem) {
      throw new HttpError(415, 'content_mismatch', `${meta.name} is declared as ${essence(meta.type)} but ${problem}.`, [
        { path: `${path}.type`, message: `The file is not ${essence(meta.type)}: ${problem}.` },
      ]);
    }
    return { name: sanitizeFileName(meta.name, meta.type), type: essence(meta.type), kind: meta.kind, data: part.data };
  });

  const notes: string[] = [];
  files.forEach((file, index) => {
    const redacted = redactedText(file.type, file.data);
    if (!redacted) return;
    file.data = redacted.data;
    // The stored document describes the stored file: its size, and the values redacted in all.
    const meta = metas[index]!;
    meta.size = redacted.data.length;
    if (meta.logs) meta.logs.redacted = (meta.logs.redacted ?? 0) + redacted.total;
    notes.push(redactionSummary(file.name, redacted));
  });
  const redactionNote = notes.length ? `The service redacted values that looked like secrets, which the client had left in: ${notes.join('; ')}.` : undefined;
  return { ticket, document: ticket as unknown as Record<string, unknown>, files, redactionNote };
}

/** JSON with keys sorted at every level: the same document always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(document: unknown, attachmentHashes: string[]): string {
  return sha256(`${canonicalJson(document)}\n${attachmentHashes.join(',')}`);
}

/** Who reported it, for counting distinct agents: the Oracle account ID, else the login. */
export function agentOf(ticket: Ticket): string | null {
  return ticket.reporter?.accountId || ticket.reporter?.login || null;
}

/** The keys an agent's earlier tickets may be stored under (agentOf): account ID, else login. */
export function askerOf(...ids: (string | null | undefined)[]): string[] | undefined {
  const known = ids.filter((id): id is string => !!id);
  return known.length ? known : undefined;
}

export interface Related {
  reports: number;
  agents: number;
  minutes: number;
  /** With the asking agent known: the reports and distinct agents that are not theirs. */
  otherReports?: number;
  otherAgents?: number;
}

/** The correlation window ending at `now`: tickets received in (since, until] count. */
export function windowOf(now: Date, minutes: number): { since: string; until: string } {
  return { since: new Date(now.getTime() - minutes * 60_000).toISOString(), until: now.toISOString() };
}

/** How many reports and distinct agents one window holds, as the answer states them. */
export function relatedOf({ reports, agents, otherReports, otherAgents }: RelatedCount, minutes: number): Related {
  return { reports, agents, minutes, ...(otherReports !== undefined && otherAgents !== undefined ? { otherReports, otherAgents } : {}) };
}
