/**
 * The request log: one line per request with method, path, status, duration and the key's label;
 * never the key, the Authorization header, a cookie or the query string (a key pasted into a URL
 * must not land in a log file).
 */
import type { MiddlewareHandler } from 'hono';
import type { Env } from './app.js';

export type Log = (line: string) => void;

export const stdoutLog: Log = (line) => process.stdout.write(`${line}\n`);

export function requestLog(log: Log): MiddlewareHandler<Env> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const who = c.get('caller')?.label ?? '-';
    log(`${new Date().toISOString()} ${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - started)}ms ${who}`);
  };
}
