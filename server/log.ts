/**
 * The service's log: one line per request with method, path, status, duration, the client's
 * address (the socket's peer, or behind trusted proxies the address they forwarded: peers.ts, so
 * an administrator can tell which site an outage's requests come from) and the key's label; never the key, the Authorization header, a cookie or the query string (a key pasted
 * into a URL must not land in a log file). `text` reads well in a terminal; `json` is one object
 * per line for a log pipeline (`TRIAGE_LOG_FORMAT=json`).
 */
import type { MiddlewareHandler } from 'hono';
import type { Env } from './app.js';

export type Log = (line: string) => void;
export type LogFormat = 'text' | 'json';

export const stdoutLog: Log = (line) => process.stdout.write(`${line}\n`);

/** Writes one entry: `fields` as JSON, or `text` after the time. */
export function logEntry(log: Log, format: LogFormat, level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, text: string): void {
  const time = new Date().toISOString();
  log(format === 'json' ? JSON.stringify({ time, level, ...fields }) : `${time} ${text}`);
}

export function requestLog(log: Log, format: LogFormat): MiddlewareHandler<Env> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const caller = c.get('caller')?.label ?? null;
    const client = c.get('client') ?? null;
    const ms = Math.round(performance.now() - started);
    const { method, path } = c.req;
    const status = c.res.status;
    logEntry(log, format, status >= 500 ? 'error' : 'info', { event: 'request', method, path, status, ms, client, caller }, `${method} ${path} ${status} ${ms}ms ${client ?? '-'} ${caller ?? '-'}`);
  };
}
