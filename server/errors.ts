/**
 * The one error shape of the intake API (../shared/contracts/intake-api.md): every rejection is
 * `{ error: { code, message, fields? } }` with a 4xx status, so clients can show the message and
 * point at the field without parsing prose.
 */
import type { FieldIssue } from '../src/ticket.js';

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 500;

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
