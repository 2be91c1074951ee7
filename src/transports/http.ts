/**
 * Small pieces both transports need to read an HTTP answer: how long the server asked us to wait,
 * and what its error body says, read defensively because a proxy may answer instead of the backend.
 * And where the intake routes live, which the signals and the follower ask too.
 */
import type { FieldIssue } from '../ticket.js';

/** Where the intake routes live, whether or not the configured address ends with a slash. */
export function intakeEndpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export interface ErrorBody {
  code?: string;
  message?: string;
  fields?: FieldIssue[];
}

/** The intake contract's `{ error: { code, message, fields } }`; anything else yields an empty object. */
export function readIntakeError(text: string): ErrorBody {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {};
  }
  const error = (data as { error?: unknown } | null)?.error;
  if (!error || typeof error !== 'object') return {};
  const { code, message, fields } = error as Record<string, unknown>;
  return {
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
    fields: Array.isArray(fields)
      ? fields
          .filter((f): f is FieldIssue => !!f && typeof f.path === 'string' && typeof f.message === 'string')
          .map(({ path, message }) => ({ path, message }))
      : undefined,
  };
}
