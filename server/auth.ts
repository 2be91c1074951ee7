/**
 * Who is calling: bearer keys compared in constant time, what each role may do, a per-key token
 * bucket and a per-address bucket of failed key attempts.
 * Keys are compared as SHA-256 digests with `timingSafeEqual`, so neither the content nor the
 * length of a valid key leaks through response timing; every known key is compared on each call.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * `api` ships to browsers (readable by every agent): submit, its own ticket through the receipt,
 * related-report counts. `support` reads and changes every ticket; `admin` also opens /admin.
 */
export type Role = 'api' | 'support' | 'admin';
export const ROLES: readonly Role[] = ['api', 'support', 'admin'];

/** Whether a caller of `role` may do what `needed` may (the roles are nested). */
export function mayActAs(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export interface KeyEntry {
  key: string;
  /** Who holds the key, written into lifecycle events and logs instead of the key itself. */
  label?: string;
  role: Role;
}

export interface Caller {
  label: string;
  role: Role;
  /** A stable id for the rate limiter that is not the key. */
  id: string;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export class KeyRing {
  private readonly entries: Array<{ digest: Buffer; caller: Caller }>;

  constructor(keys: KeyEntry[]) {
    this.entries = keys
      .filter((entry) => entry.key.length > 0)
      .map((entry) => {
        const hash = digest(entry.key);
        const fingerprint = hash.toString('hex').slice(0, 8);
        return {
          digest: hash,
          caller: { label: entry.label ?? `${entry.role}-${fingerprint}`, role: entry.role, id: fingerprint },
        };
      });
  }

  get hasAdmin(): boolean {
    return this.entries.some((entry) => entry.caller.role === 'admin');
  }

  /** The caller a key belongs to; walks every entry whatever matches, to keep timing flat. */
  identify(key: string): Caller | undefined {
    const candidate = digest(key);
    let found: Caller | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(candidate, entry.digest) && !found) found = entry.caller;
    }
    return found;
  }
}

/** Reads `Authorization: Bearer <key>`; anything else counts as no key. */
export function bearerOf(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * A token bucket per caller: `perMinute` tokens, refilled continuously, so a burst of a minute's
 * worth is allowed and the steady rate is `perMinute`.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** 0 when allowed (and a token is spent), else the seconds until a token is available. */
  take(id: string): number {
    const bucket = this.refilled(id);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(id, bucket);
      return 0;
    }
    return this.secondsUntilToken(bucket);
  }

  /** Like `take`, without spending: 0 when a token is there, else the seconds until one is. */
  wait(id: string): number {
    if (!this.buckets.has(id)) return 0;
    const bucket = this.refilled(id);
    return bucket.tokens >= 1 ? 0 : this.secondsUntilToken(bucket);
  }

  private refilled(id: string): { tokens: number; at: number } {
    const now = this.clock();
    const bucket = this.buckets.get(id) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * (this.perMinute / 60_000));
    bucket.at = now;
    // A full bucket holds nothing worth keeping: forgetting it bounds the map by the recent callers.
    if (bucket.tokens >= this.perMinute) this.buckets.delete(id);
    return bucket;
  }

  private secondsUntilToken(bucket: { tokens: number }): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / (this.perMinute / 60_000) / 1000));
  }
}
