/**
 * The headers every response of the service carries, set in this one place: `nosniff` on all, and
 * on HTML pages (admin, demo) the strict CSP with no inline script or style, no referrer and no
 * framing by other sites. A response that set its own CSP (an attachment download, sandboxed)
 * keeps it.
 */
import type { MiddlewareHandler } from 'hono';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'";

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    if (!/^text\/html\b/i.test(headers.get('Content-Type') ?? '')) return;
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', CSP);
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('X-Frame-Options', 'SAMEORIGIN');
  };
}
