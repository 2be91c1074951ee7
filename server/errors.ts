/**
 * The one error shape of the intake API (../shared/contracts/intake-api.md): every rejection is
 * `{ error: { code, message, fields? } }` with a 4xx status, so clients can show the message and
 * point at the field without parsing prose.
 */
import type { ErrorHandler } from 'hono';
import type { FieldIssue } from '../src/ticket.js';
import { logEntry, type Log, type LogFormat } from './log.js';

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 500 | 507;

export class HttpError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly fields?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toBody(): { error: { code: string; message: string; fields?: FieldIssue[] } } {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

export const badRequest = (code: string, message: string, fields?: FieldIssue[]) =>
  new HttpError(400, code, message, fields);

/**
 * The app's error handler: an HttpError answers as itself; anything else is logged (name and
 * message, no request data) and answered with a generic 500 (507 when the disk is full), so no stack or query reaches a client.
 */
export function errorHandler(log: Log, format: LogFormat): ErrorHandler {
  return (error, c) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
      return c.json(error.toBody(), error.status);
    }
    // Hono's own HTTPException (e.g. from a body-limit helper) carries a client status.
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return c.json({ error: { code: 'bad_request', message: 'The request was refused.' } }, status as 400);
    }
    const { method, path } = c.req;
    logEntry(log, format, 'error', { event: 'error', method, path, error: `${error.name}: ${error.message}` }, `error ${method} ${path}: ${error.name}: ${error.message}`);
    if (isDiskFull(error)) {
      // Blobs are written to a temp file and renamed, the row in one transaction: nothing half-written stays.
      return c.json({ error: { code: 'storage_full', message: 'The service has no room to store this now; nothing was stored. Try again later.' } }, 507);
    }
    return c.json({ error: { code: 'internal_error', message: 'The service failed to handle this request. It was logged; try again later.' } }, 500);
  };
}

/** The disk (or the database's file system) is full: the client should keep the report and retry. */
function isDiskFull(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}
