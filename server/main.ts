#!/usr/bin/env node
/**
 * The `triage-intake` command (and `npm start`, with the demo desktop), configured from the
 * environment.
 *
 *   PORT                    default 8787
 *   HOST                    default 127.0.0.1
 *   TRIAGE_DATA_DIR         default ./data (SQLite database, attachments, generated keys)
 *   TRIAGE_DATABASE_URL     postgres://... : tickets in PostgreSQL, for several instances
 *   TRIAGE_ATTACHMENTS_DIR  attachment bytes in this (shared) directory instead of the database
 *   TRIAGE_WEBHOOK_URLS     comma-separated URLs that receive ticket.created / ticket.updated
 *   TRIAGE_WEBHOOK_SECRET   the secret their signatures are made with (required with the URLs)
 *   TRIAGE_LOG_FORMAT       text (default) or json: one JSON object per log line
 *   TRIAGE_RATE_LIMIT       requests a minute per key, default 10000 (a site's outage storm, one key)
 *   TRIAGE_FAILED_KEY_LIMIT wrong keys a minute per client address before it waits, default 30
 *   TRIAGE_TRUSTED_PROXIES  comma-separated addresses/CIDRs of the proxies whose forwarded header names
 *                           the client for the per-address throttles; default none (the socket's peer)
 *   TRIAGE_PROXY_HEADER     x-forwarded-for (default) or forwarded: the header those proxies append to
 *   TRIAGE_SECURE_COOKIES   true behind a TLS-terminating proxy: the admin cookie is Secure
 *   TRIAGE_SUPPORT_PLAN     standard | premium: the customer's plan for the SLA clock (default: each ticket's own)
 *   TRIAGE_SUPPORT_CALENDAR JSON { timeZone, days, start, end, holidays }: support's business hours
 *   TRIAGE_API_KEY          the browsers' key (role api: submit, own ticket by receipt, signals);
 *                           generated once when missing; the demo page carries it
 *   TRIAGE_SUPPORT_KEY      role support: list, read, download, change; generated once when missing
 *   TRIAGE_ADMIN_KEY        role admin: support's rights plus /admin; generated once when missing
 *   TRIAGE_KEYS_FILE        JSON array of { key, label?, role: 'api' | 'support' | 'admin' }, added to the above
 *   TRIAGE_ALLOWED_ORIGINS  comma-separated origins allowed to call the API from a browser
 *   TRIAGE_RETENTION_DAYS   delete tickets (and their attachments, events, webhook rows) received
 *                           longer ago than this; default: keep. Runs at start and every 6 hours.
 *
 * Commands beside serving (same environment):
 *   triage-intake backup <dir>    online backup: SQLite with VACUUM INTO, plus the attachment blobs
 *                                 (with PostgreSQL: the shared attachments directory; pg_dump the database)
 *   triage-intake restore <dir>   restores a SQLite backup into TRIAGE_DATA_DIR (which must hold no
 *                                 database yet) and checks every attachment's bytes
 *   triage-intake maintain        applies the retention and collects unreferenced blobs now
 *
 * Run from the triage-kit repository, it also serves the demo desktop (demo/ and dist/embed/ of
 * the repository); installed on its own, it serves the API and the admin pages only.
 */
import { existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { startIntakeServer } from './index.js';
import { DEFAULT_FAILED_KEYS_PER_MINUTE, DEFAULT_RATE_LIMIT } from './app.js';
import { backup, maintain, restore } from './maintenance.js';
import { openStorage } from './storage/index.js';
import { proxyTrust } from './peers.js';
import type { KeyEntry } from './auth.js';

/**
 * The triage-kit repository this service runs from, if it does: the folder above the server
 * package (server/ or server/dist/server/ inside it) that holds the demo desktop.
 */
function repositoryRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  const repository = dirname(dir);
  return existsSync(join(repository, 'demo', 'index.html')) ? repository : undefined;
}

/**
 * Keys generated on first start and kept in `<dataDir>/keys.json` (mode 0600), so a restart
 * keeps the key the demo, the browsers and the support team already use.
 */
type StoredKeys = { apiKey: string; supportKey: string; adminKey: string };

function storedKeys(dataDir: string): StoredKeys {
  const file = join(dataDir, 'keys.json');
  const fresh = () => randomBytes(24).toString('base64url');
  const stored = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Partial<Record<keyof StoredKeys, unknown>>;
  const keep = (value: unknown) => (typeof value === 'string' && value.length >= 16 ? value : fresh());
  // A file from before the support role gains a support key; the others stay as they were.
  const keys: StoredKeys = { apiKey: keep(stored.apiKey), supportKey: keep(stored.supportKey), adminKey: keep(stored.adminKey) };
  if (keys.apiKey !== stored.apiKey || keys.supportKey !== stored.supportKey || keys.adminKey !== stored.adminKey) {
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return keys;
}

function keysFile(path: string): KeyEntry[] {
  const entries = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!Array.isArray(entries)) throw new Error(`${path} must hold a JSON array of { key, label, role }.`);
  return entries.map((entry, index) => {
    const { key, label, role } = (entry ?? {}) as Record<string, unknown>;
    if (typeof key !== 'string' || key.length < 16) throw new Error(`${path}[${index}].key must be a string of 16 characters or more.`);
    if (role !== 'api' && role !== 'support' && role !== 'admin') throw new Error(`${path}[${index}].role must be "api", "support" or "admin".`);
    if (label !== undefined && typeof label !== 'string') throw new Error(`${path}[${index}].label must be text.`);
    return { key, label, role };
  });
}

/** The database URL without its password, fit to print. */
function redactedUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(not a URL)';
  }
}

function retentionDays(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1) throw new Error(`TRIAGE_RETENTION_DAYS must be a whole number of days, 1 or more, not "${text.slice(0, 20)}".`);
  return days;
}

/** `backup`, `restore` and `maintain`: run once and exit. */
async function command(name: string, argument: string | undefined): Promise<void> {
  const env = process.env;
  const dataDir = resolve(env.TRIAGE_DATA_DIR || 'data');
  const source = { dataDir, databaseUrl: env.TRIAGE_DATABASE_URL || undefined, attachmentsDir: env.TRIAGE_ATTACHMENTS_DIR ? resolve(env.TRIAGE_ATTACHMENTS_DIR) : undefined };
  if (name === 'backup' || name === 'restore') {
    if (!argument) throw new Error(`Usage: triage-intake ${name} <directory>`);
    if (name === 'backup') {
      const result = await backup(source, resolve(argument));
      console.log(`backup in ${resolve(argument)}: ${result.database ? 'the SQLite database and ' : ''}${result.blobs} attachment blobs`);
      if (source.databaseUrl) console.log('The tickets are in PostgreSQL: back them up with pg_dump (server/README.md).');
    } else {
      const result = await restore(resolve(argument), dataDir);
      console.log(`restored into ${dataDir}: ${result.tickets} tickets, ${result.blobs} attachment blobs, all bytes checked`);
    }
    return;
  }
  const { store, blobs } = await openStorage(source);
  try {
    const result = await maintain(store, blobs, new Date(), retentionDays(env.TRIAGE_RETENTION_DAYS));
    console.log(`maintenance: ${result.ticketsDeleted} old tickets deleted, ${result.blobsCollected} unreferenced blobs collected`);
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const env = process.env;
  const [name, argument] = process.argv.slice(2);
  if (name === 'backup' || name === 'restore' || name === 'maintain') return command(name, argument);
  if (name !== undefined) throw new Error(`Unknown command "${name.slice(0, 40)}": give none to serve, or backup <dir>, restore <dir>, maintain.`);
  const root = repositoryRoot();
  const dataDir = resolve(env.TRIAGE_DATA_DIR || 'data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 }); // keys.json and the tickets live here
  const generated = env.TRIAGE_API_KEY && env.TRIAGE_SUPPORT_KEY && env.TRIAGE_ADMIN_KEY ? undefined : storedKeys(dataDir);
  const apiKey = env.TRIAGE_API_KEY || generated!.apiKey;
  const supportKey = env.TRIAGE_SUPPORT_KEY || generated!.supportKey;
  const adminKey = env.TRIAGE_ADMIN_KEY || generated!.adminKey;
  const port = env.PORT ? Number(env.PORT) : 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  const allowedOrigins = (env.TRIAGE_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);

  const webhookUrls = (env.TRIAGE_WEBHOOK_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  for (const url of webhookUrls) {
    if (!/^https?:\/\//.test(url)) throw new Error(`TRIAGE_WEBHOOK_URLS: "${url.slice(0, 100)}" is not an http(s) URL.`);
  }
  const webhookSecret = env.TRIAGE_WEBHOOK_SECRET ?? '';
  if (webhookUrls.length && webhookSecret.length < 16) throw new Error('TRIAGE_WEBHOOK_SECRET must be set, 16 characters or more, when TRIAGE_WEBHOOK_URLS is.');

  const perMinute = env.TRIAGE_RATE_LIMIT ? Number(env.TRIAGE_RATE_LIMIT) : DEFAULT_RATE_LIMIT;
  if (!Number.isInteger(perMinute) || perMinute < 1) throw new Error(`TRIAGE_RATE_LIMIT must be a whole number of requests a minute, not "${env.TRIAGE_RATE_LIMIT}".`);
  const failedKeysPerMinute = env.TRIAGE_FAILED_KEY_LIMIT ? Number(env.TRIAGE_FAILED_KEY_LIMIT) : DEFAULT_FAILED_KEYS_PER_MINUTE;
  if (!Number.isInteger(failedKeysPerMinute) || failedKeysPerMinute < 1) {
    throw new Error(`TRIAGE_FAILED_KEY_LIMIT must be a whole number of wrong keys a minute, not "${env.TRIAGE_FAILED_KEY_LIMIT}".`);
  }
  const trustedProxies = (env.TRIAGE_TRUSTED_PROXIES ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const proxyHeader = (env.TRIAGE_PROXY_HEADER || 'x-forwarded-for').toLowerCase();
  if (proxyHeader !== 'x-forwarded-for' && proxyHeader !== 'forwarded') {
    throw new Error(`TRIAGE_PROXY_HEADER must be "x-forwarded-for" or "forwarded", not "${proxyHeader.slice(0, 30)}".`);
  }
  try {
    proxyTrust(trustedProxies, proxyHeader);
  } catch (error) {
    throw new Error(`TRIAGE_TRUSTED_PROXIES: ${(error as Error).message}`);
  }
  const logFormat = env.TRIAGE_LOG_FORMAT || 'text';
  if (logFormat !== 'text' && logFormat !== 'json') throw new Error(`TRIAGE_LOG_FORMAT must be "text" or "json", not "${logFormat.slice(0, 20)}".`);

  const plan = env.TRIAGE_SUPPORT_PLAN || undefined;
  if (plan !== undefined && plan !== 'standard' && plan !== 'premium') throw new Error(`TRIAGE_SUPPORT_PLAN must be "standard" or "premium", not "${plan.slice(0, 20)}".`);
  let calendar: Record<string, unknown> | undefined;
  try {
    calendar = env.TRIAGE_SUPPORT_CALENDAR ? (JSON.parse(env.TRIAGE_SUPPORT_CALENDAR) as Record<string, unknown>) : undefined;
  } catch {
    throw new Error('TRIAGE_SUPPORT_CALENDAR must be JSON: { "timeZone": "America/New_York", "days": [1,2,3,4,5], "start": "06:00", "end": "16:00", "holidays": [] }.');
  }

  const intake = await startIntakeServer({
    sla: { plan, calendar },
    rateLimit: { perMinute, failedKeysPerMinute },
    retentionDays: retentionDays(env.TRIAGE_RETENTION_DAYS),
    secureCookies: env.TRIAGE_SECURE_COOKIES === 'true',
    trustedProxies,
    proxyHeader,
    dataDir,
    databaseUrl: env.TRIAGE_DATABASE_URL || undefined,
    attachmentsDir: env.TRIAGE_ATTACHMENTS_DIR ? resolve(env.TRIAGE_ATTACHMENTS_DIR) : undefined,
    apiKeys: [apiKey],
    supportKeys: [supportKey],
    adminKeys: [adminKey],
    keys: env.TRIAGE_KEYS_FILE ? keysFile(env.TRIAGE_KEYS_FILE) : [],
    allowedOrigins,
    webhooks: webhookUrls.length ? { endpoints: webhookUrls.map((url) => ({ url, secret: webhookSecret })) } : undefined,
    port,
    host: env.HOST || '127.0.0.1',
    demo: root
      ? {
          dir: join(root, 'demo'),
          embedDir: join(root, 'dist', 'embed'),
          // Demo only: the page reads the browsers' key from here (never the support or admin key).
          // A real deployment hands it out in the add-in's configuration.
          config: { apiKey },
        }
      : undefined,
  });

  const keySource = (name: string) => (env[name] ? `from ${name}` : `kept in ${join(dataDir, 'keys.json')}`);
  console.log(`triage-kit intake service on ${intake.url}`);
  if (root) console.log(`  demo desktop  ${intake.url}/`);
  // The browsers' key opens nothing but submitting and each agent's own report; the support key
  // reads every ticket, and the admin key also opens /admin: those two never go to a browser.
  console.log(`  API           ${intake.url}/api   key: ${apiKey}   (browsers, role api; ${keySource('TRIAGE_API_KEY')})`);
  console.log(`  support       ${intake.url}/api   key: ${supportKey}   (lists, reads, downloads; ${keySource('TRIAGE_SUPPORT_KEY')})`);
  console.log(`  admin         ${intake.url}/admin   key: ${adminKey}   (sign in to /admin; ${keySource('TRIAGE_ADMIN_KEY')})`);
  console.log(`  data          ${dataDir}`);
  if (env.TRIAGE_DATABASE_URL) console.log(`  storage       PostgreSQL ${redactedUrl(env.TRIAGE_DATABASE_URL)}`);
  if (root && !existsSync(join(root, 'dist', 'embed'))) console.log('  note: dist/embed/ is missing; run `npm run build` for the embed files.');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing the server and the database`);
    intake.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`The intake service could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
