/**
 * Who is calling: bearer keys compared in constant time, and a per-key token bucket.
 * Keys are compared as SHA-256 digests with `timingSafeEqual`, so neither the content nor the
 * length of a valid key leaks through response timing; every known key is compared on each call.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type Role = 'api' | 'admin';

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
    const now = this.clock();
    const ratePerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(id) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * ratePerMs);
    bucket.at = now;
    this.buckets.set(id, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
  }
}
