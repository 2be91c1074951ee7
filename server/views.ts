/**
 * Shapes and lookups the JSON API and the admin pages share: a stored ticket as the API shows it,
 * its events, attachment downloads, and the validation of a lifecycle change.
 */
import { HttpError, badRequest } from './errors.js';

import { STATUSES, type AttachmentRow, type EventRow, type Status, type TicketRow, type TicketStore, type BlobStore } from './storage/types.js';
import { contentDisposition } from './content.js';

export function summaryOf(row: TicketRow): string {
  return String((JSON.parse(row.document) as { summary?: unknown }).summary ?? '');
}

export async function requireTicket(store: TicketStore, id: string): Promise<TicketRow> {
  // PostgreSQL cannot compare text holding NUL: an id with a control character is no ticket's.
  const row = id.length <= 100 && !/[\u0000-\u001f]/.test(id) ? await store.getTicket(id) : undefined;
  if (!row) throw new HttpError(404, 'not_found', 'No ticket with this id.');
  return row;
}

export async function requireAttachment(store: TicketStore, id: string, indexText: string): Promise<AttachmentRow> {
  const index = /^\d{1,3}$/.test(indexText) ? Number(indexText) : -1;
  const attachment = index >= 0 ? await store.attachment(id, index) : undefined;
  if (!attachment) throw new HttpError(404, 'not_found', 'This ticket has no attachment with that index.');
  return attachment;
}

export async function attachmentResponse(blobs: BlobStore, attachment: AttachmentRow): Promise<Response> {
  let data: Buffer;
  try {
    data = await blobs.read(attachment.sha256);
  } catch {
    throw new HttpError(404, 'not_found', 'The attachment bytes are missing from storage.');
  }
  return new Response(new Uint8Array(data), {
    headers: {
      'Content-Type': attachment.type,
      'Content-Length': String(data.length),
      'Content-Disposition': contentDisposition(attachment.name),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    },
  });
}

/**
 * The stored document plus what the service added; `attachments` gain sha256 and, for a caller
 * who may download them (support, admin), a download href.
 */
export function ticketView(row: TicketRow, attachments: AttachmentRow[], options: { downloads?: boolean } = {}) {
  const document = JSON.parse(row.document) as Record<string, unknown>;
  // The ticket's own attachment meta (a screenshot's capture, a log file's window) stays; the stored file's facts win.
  const metas = (Array.isArray(document.attachments) ? document.attachments : []) as Record<string, unknown>[];
  const downloads = options.downloads ?? true;
  return {
    ...document,
    attachments: attachments.map((a) => ({
      ...metas[a.idx],
      name: a.name,
      type: a.type,
      size: a.size,
      kind: a.kind,
      sha256: a.sha256,
      ...(downloads ? { href: `/api/tickets/${encodeURIComponent(row.id)}/attachments/${a.idx}` } : {}),
    })),
    reference: row.reference,
    status: row.status,
    receivedAt: row.received_at,
    // Support may regrade a ticket; the agent's own choice stays in severity.chosen.
    currentSeverity: row.severity,
  };
}

export function listItem(row: TicketRow) {
  return {
    id: row.id,
    reference: row.reference,
    summary: summaryOf(row),
    category: row.category,
    severity: row.severity,
    status: row.status,
    queue: row.queue,
    agent: row.agent,
    createdAt: row.created_at,
    receivedAt: row.received_at,
    href: `/api/tickets/${encodeURIComponent(row.id)}`,
  };
}

export function eventView(event: EventRow) {
  const numeric = event.type === 'severity';
  return {
    type: event.type,
    from: event.from_value === null ? null : numeric ? Number(event.from_value) : event.from_value,
    to: event.to_value === null ? null : numeric ? Number(event.to_value) : event.to_value,
    by: event.by,
    at: event.at,
    reason: event.reason,
  };
}

export interface Change {
  status?: Status;
  severity?: number;
  reason: string;
}

/** Validates a lifecycle change; shared by PATCH and the admin forms. */
export function parseChange(body: unknown): Change {
  const fields = [];
  const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const { status, severity, reason } = input;
  if (status !== undefined && !(STATUSES as readonly unknown[]).includes(status)) fields.push({ path: 'status', message: `Status must be one of: ${STATUSES.join(', ')}.` });
  if (severity !== undefined && !(Number.isInteger(severity) && (severity as number) >= 1 && (severity as number) <= 4)) fields.push({ path: 'severity', message: 'Severity must be a level from 1 to 4.' });
  if (typeof reason !== 'string' || reason.trim().length === 0) fields.push({ path: 'reason', message: 'A reason is required for every change.' });
  else if (reason.length > 2000) fields.push({ path: 'reason', message: 'Reason must be at most 2000 characters.' });
  if (status === undefined && severity === undefined) fields.push({ path: 'status', message: 'Give a new status or severity.' });
  if (fields.length) throw badRequest('validation_failed', 'The change has invalid fields.', fields);
  return { status: status as Status | undefined, severity: severity as number | undefined, reason: (reason as string).trim() };
}

