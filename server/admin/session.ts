/**
 * Admin sign-in sessions: an opaque random id in an HttpOnly, SameSite=Strict cookie (never the
 * key), a per-session token every form carries, and an expiry read from the service's clock, so
 * tests can move time instead of waiting eight hours.
 */
import type { Context } from 'hono';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { HttpError } from '../errors.js';
import type { Env } from '../app.js';

export const SESSION_COOKIE = 'triage_admin';
const SESSION_MS = 8 * 60 * 60 * 1000;

export interface Session {
  label: string;
  csrf: string;
  expiresAt: number;
}

export class Sessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly now: () => Date,
    private readonly secureCookies: boolean,
  ) {}

  /** The signed-in session of this request, if its cookie names one that has not expired. */
  of(c: Context<Env>): Session | undefined {
    const id = cookieValue(c.req.header('cookie'), SESSION_COOKIE);
    const session = id ? this.sessions.get(id) : undefined;
    if (session && session.expiresAt < this.now().getTime()) {
      this.sessions.delete(id!);
      return undefined;
    }
    return session;
  }

  /** Starts a session for `label` and sets its cookie on the response. */
  start(c: Context<Env>, label: string): void {
    const at = this.now().getTime();
    for (const [other, session] of this.sessions) if (session.expiresAt < at) this.sessions.delete(other);
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { label, csrf: randomBytes(24).toString('base64url'), expiresAt: at + SESSION_MS });
    this.cookie(c, id, SESSION_MS / 1000);
  }

  end(c: Context<Env>): void {
    const id = cookieValue(c.req.header('cookie'), SESSION_COOKIE);
    if (id) this.sessions.delete(id);
    this.cookie(c, '', 0);
  }

  private cookie(c: Context<Env>, value: string, maxAge: number): void {
    const secure = this.secureCookies || new URL(c.req.url).protocol === 'https:' ? '; Secure' : '';
    c.header('Set-Cookie', `${SESSION_COOKIE}=${value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`);
  }
}

/**
 * A POST must come from our own pages. Browsers send Origin on POST; with this site's
 * `Referrer-Policy: no-referrer` a same-origin form POST may say `Origin: null`, in which case
 * Fetch Metadata (`Sec-Fetch-Site: same-origin`) vouches for it.
 */
export function requireSameOrigin(c: Context<Env>): void {
  const origin = c.req.header('origin');
  const own = new URL(c.req.url).origin;
  if (origin === own) return;
  if ((origin === undefined || origin === 'null') && c.req.header('sec-fetch-site') === 'same-origin') return;
  throw new HttpError(403, 'origin_not_allowed', 'Forms must be posted from the admin pages of this service.');
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}
