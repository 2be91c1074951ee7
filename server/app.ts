/**
 * The intake service (../shared/contracts/intake-api.md) as a Hono app, composed from its parts:
 * the request log, the security headers, the JSON API under /api (api.ts), the support team's
 * pages under /admin (admin/) and, optionally, the demo desktop (demo.ts).
 */
import { Hono } from 'hono';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpError, errorHandler } from './errors.js';
import { openStorage } from './storage/index.js';
import type { TicketStore } from './storage/types.js';
import { KeyRing, RateLimiter, type Caller, type KeyEntry } from './auth.js';
import { mountApi } from './api.js';
import { mountAdmin } from './admin/routes.js';
import { mountDemo } from './demo.js';
import { securityHeaders } from './security.js';
import { logEntry, requestLog, stdoutLog, type Log, type LogFormat } from './log.js';
import { WebhookDispatcher, notifier, type WebhookOptions } from './webhooks.js';
import { maintain, type MaintenanceResult } from './maintenance.js';
import { clockConfig, type ClockOptions } from './clock.js';
import { clientAddressOf, proxyTrust, type ProxyHeader } from './peers.js';

/** The package version, read from the package.json above this module (server/ or server/dist/server/). */
export const VERSION: string = (() => {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version ?? 'unknown');
    if (dirname(dir) === dir) return 'unknown';
  }
})();

export interface IntakeOptions {
  /** SQLite database and attachment blobs live here (created when missing). */
  dataDir: string;
  /** `postgres://...`: store tickets in PostgreSQL instead, shared by several instances. */
  databaseUrl?: string;
  /** Attachment bytes in this (shared) directory; with PostgreSQL the default is the database. */
  attachmentsDir?: string;
  /** Keys with the `api` role, the one browsers carry: submit, own ticket by receipt, signals. */
  apiKeys: string[];
  /** Keys with the `support` role: also list, read, download and change every ticket. */
  supportKeys?: string[];
  /** Keys for /admin and everything support may; without any, admin is disabled. */
  adminKeys?: string[];
  /** Labelled keys (a keys file): `{ key, label, role }`; added to the lists above. */
  keys?: KeyEntry[];
  /** CORS allow-list of exact origins. The service's own origin is always allowed. */
  allowedOrigins?: string[];
  /** 0 = ephemeral; default 8787. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * `perMinute`: requests a minute per key (default DEFAULT_RATE_LIMIT, sized for a whole site
   * reporting one outage through one browser key). `failedKeysPerMinute`: wrong keys a minute per
   * client address before that address is refused for a while (default DEFAULT_FAILED_KEYS_PER_MINUTE).
   */
  rateLimit?: { perMinute?: number; failedKeysPerMinute?: number; /** ms, for tests that move time */ clock?: () => number };
  /** Serve the demo desktop: `dir` at /, `embedDir` at /embed/, `config` at /demo/config.json. */
  demo?: { dir: string; embedDir: string; config: Record<string, unknown> };
  /** Injectable clock (receivedAt, correlation windows, admin sessions) for tests. */
  now?: () => Date;
  /** Where the request log goes, one line per request; default stdout. Never receives keys. */
  log?: Log;
  /** `text` (default) or `json`, one object per line. */
  logFormat?: LogFormat;
  /**
   * Proxies or load balancers (addresses or CIDRs) whose `proxyHeader` is believed for the client's
   * address; default none: the socket's peer, which a client cannot forge (peers.ts).
   */
  trustedProxies?: string[];
  /** The header those proxies append the client to: `x-forwarded-for` (default) or `forwarded`. */
  proxyHeader?: ProxyHeader;
  /** Mark the admin cookie `Secure` even when the request reached us as plain HTTP (TLS ends in a proxy). */
  secureCookies?: boolean;
  /** How long a shutdown waits for requests in flight; default 10 s. */
  shutdownGraceMs?: number;
  /** Endpoints that receive ticket.created and ticket.updated, signed with their secrets. */
  webhooks?: WebhookOptions;
  /** Tickets received longer ago than this many days are deleted with everything of theirs; default: kept. */
  retentionDays?: number;
  /** How often retention and blob collection run (also once at start); default 6 hours, 0 = never by itself. */
  maintenanceIntervalMs?: number;
  /** The SLA clock: the customer's support plan and support's calendar (clock.ts). */
  sla?: ClockOptions;
}

/** `client`: the address the per-address throttles count (peers.ts), set for every request. */
export type Env = { Variables: { caller: Caller; client: string } };

/**
 * 1,000 agents of one site reporting one outage within a minute through the one browser key
 * (the performance issue's storm) make about 1,000 submits plus a few related-report lookups and
 * status reads each: some 5,000 requests. Twice that leaves room for retries.
 */
export const DEFAULT_RATE_LIMIT = 10_000;
/** A person mistyping a key a few times is fine; a script guessing keys is stopped within a minute. */
export const DEFAULT_FAILED_KEYS_PER_MINUTE = 30;

export interface IntakeApp {
  app: Hono<Env>;
  store: TicketStore;
  /** From now on the readiness check fails, so a load balancer sends no new requests. */
  drain(): void;
  /** Applies the retention and collects unreferenced blobs now (it also runs on a timer). */
  maintain(): Promise<MaintenanceResult>;
  close(): Promise<void>;
}

export async function createIntakeApp(options: IntakeOptions): Promise<IntakeApp> {
  const log = options.log ?? stdoutLog;
  // Checked before the storage opens, so a typo fails the start and opens nothing.
  const proxies = proxyTrust(options.trustedProxies ?? [], options.proxyHeader);
  const clock = clockConfig(options.sla);
  const logFormat = options.logFormat ?? 'text';
  const { store, blobs } = await openStorage({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    attachmentsDir: options.attachmentsDir,
    log: (message) => logEntry(log, logFormat, 'warn', { event: 'storage', message }, message),
  });
  let draining = false;
  const keys = new KeyRing([
    ...options.apiKeys.map((key) => ({ key, role: 'api' as const })),
    ...(options.supportKeys ?? []).map((key) => ({ key, role: 'support' as const })),
    ...(options.adminKeys ?? []).map((key) => ({ key, role: 'admin' as const })),
    ...(options.keys ?? []),
  ]);
  const now = options.now ?? (() => new Date());
  const endpoints = options.webhooks?.endpoints ?? [];
  // Every instance runs a dispatcher: the queue is in the shared database and claims never overlap.
  const dispatcher = endpoints.length ? new WebhookDispatcher(store, options.webhooks!, now, log, logFormat) : undefined;
  const webhooks = notifier(endpoints, dispatcher);

  const app = new Hono<Env>();
  app.use('*', requestLog(log, logFormat));
  app.use('*', securityHeaders());
  app.use('*', clientAddressOf(proxies));
  mountApi(app, {
    store,
    blobs,
    keys,
    limiter: new RateLimiter(options.rateLimit?.perMinute ?? DEFAULT_RATE_LIMIT, options.rateLimit?.clock),
    failedKeys: new RateLimiter(options.rateLimit?.failedKeysPerMinute ?? DEFAULT_FAILED_KEYS_PER_MINUTE, options.rateLimit?.clock),
    allowedOrigins: new Set(options.allowedOrigins ?? []),
    now,
    version: VERSION,
    webhooks,
    draining: () => draining,
    clock,
  });
  if (keys.hasAdmin) {
    mountAdmin(app, { store, blobs, keys, now, secureCookies: options.secureCookies ?? false, loginLimiter: new RateLimiter(10), webhooks, webhooksConfigured: endpoints.length > 0, clock });
  }
  if (options.demo) mountDemo(app, options.demo);
  app.notFound((c) => c.json(new HttpError(404, 'not_found', 'Not found.').toBody(), 404));
  app.onError(errorHandler(log, logFormat));

  dispatcher?.start();

  const runMaintenance = () => maintain(store, blobs, now(), options.retentionDays);
  const intervalMs = options.maintenanceIntervalMs ?? 6 * 60 * 60_000;
  let maintaining: Promise<unknown> | undefined;
  const scheduled = () => {
    maintaining ??= runMaintenance()
      .then(
        (result) => {
          if (result.ticketsDeleted || result.blobsCollected) logEntry(log, logFormat, 'info', { event: 'maintenance', ...result }, `maintenance: ${result.ticketsDeleted} old tickets deleted, ${result.blobsCollected} unreferenced blobs collected`);
        },
        (error: unknown) => logEntry(log, logFormat, 'warn', { event: 'maintenance', message: String(error) }, `maintenance failed: ${String(error)}`),
      )
      .finally(() => (maintaining = undefined));
  };
  const timer = intervalMs > 0 ? setInterval(scheduled, intervalMs) : undefined;
  const first = intervalMs > 0 ? setTimeout(scheduled, 1000) : undefined;
  timer?.unref();
  first?.unref();

  return {
    app,
    store,
    drain: () => {
      draining = true;
    },
    maintain: runMaintenance,
    async close() {
      clearInterval(timer);
      clearTimeout(first);
      await maintaining;
      await dispatcher?.stop();
      await store.close();
    },
  };
}
