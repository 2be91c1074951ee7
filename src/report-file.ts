/**
 * A report as a file the agent can keep and hand to support: the outbox's export, and the
 * reporter's download when the device could not keep the report at all (storage full). One
 * format either way: the ticket, each attachment's bytes in base64, and where delivery stood.
 */
import type { AttachmentBytes, DeliveryState } from './delivery.js';
import type { Ticket } from './ticket.js';
import { blobToBase64 } from './base64.js';

export interface ReportFileState {
  /** Absent when the report never reached the outbox. */
  delivery?: DeliveryState;
  storedAt?: string;
  updatedAt?: string;
  /** A sent report's bytes were dropped from the device; the service keeps them. */
  attachmentsPruned?: boolean;
}

export async function reportFile(ticket: Ticket, files: AttachmentBytes[], state: ReportFileState = {}, now: number = Date.now()): Promise<Blob> {
  const attachments = await Promise.all(
    files.map(async (file) => ({ name: file.name, type: file.type, size: file.blob.size, data: await blobToBase64(file.blob) })),
  );
  const document = {
    format: 'triage-kit-report',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    ticket,
    ...state,
    attachmentsPruned: state.attachmentsPruned ?? false,
    attachments,
  };
  return new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' });
}
