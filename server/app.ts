/**
 * The intake service's HTTP surface (../shared/contracts/intake-api.md) as a Hono app: the JSON
 * API under /api, the support team's admin pages under /admin and, optionally, the demo desktop.
 */
import { Hono, type Context } from 'hono';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES } from '../src/severity.js';
import { HttpError, badRequest } from './errors.js';
import { BlobStore } from './blobs.js';
import { STATUSES, TicketStore } from './db.js';
import { KeyRing, RateLimiter, bearerOf, type Caller, type KeyEntry } from './auth.js';
import { CORRELATION_MINUTES, agentOf, contentHash, correlate, readUpload } from './tickets.js';
import { readBody } from './multipart.js';
import { mountAdmin } from './admin.js';
import { mountDemo } from './static.js';
import { attachmentResponse, eventView, listItem, parseChange, requireAttachment, requireTicket, summaryOf, ticketView } from './views.js';

/** The package version, read from the package.json above this module (server/ or dist/server/). */
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
  /** Bearer keys for the API (agents' browsers, tools). */
  apiKeys: string[];
  /** Keys for /admin and lifecycle changes; without any, admin is disabled. */
  adminKeys?: string[];
  /** Labelled keys (a keys file): `{ key, label, role }`; added to apiKeys/adminKeys. */
  keys?: KeyEntry[];
  /** CORS allow-list of exact origins. The service's own origin is always allowed. */
  allowedOrigins?: string[];
  /** 0 = ephemeral; default 8787. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Per key; default 120 a minute. */
  rateLimit?: { perMinute: number };
  /** Serve the demo desktop: `dir` at /, `embedDir` at /embed/, `config` at /demo/config.json. */
  demo?: { dir: string; embedDir: string; config: Record<string, unknown> };
  /** Injectable clock (receivedAt, correlation windows) for tests. */
  now?: () => Date;
  /** Where the request log goes, one line per request; default stdout. Never receives keys. */
  log?: (line: string) => void;
}

export type Env = { Variables: { caller: Caller } };

export interface IntakeApp {
  app: Hono<Env>;
  store: TicketStore;
  close(): void;
}

const API_HEADERS = 'Authorization, Content-Type, Idempotency-Key';

export function createIntakeApp(options: IntakeOptions): IntakeApp {
  // Tickets and screenshots may hold customer data: only this user may read them.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  // Temp files are only ever half-written blobs from a previous run that stopped mid-upload.
  rmSync(join(options.dataDir, 'tmp'), { recursive: true, force: true });
  const store = new TicketStore(join(options.dataDir, 'intake.sqlite'));
  const blobs = new BlobStore(options.dataDir);
  const keys = new KeyRing([
    ...options.apiKeys.map((key) => ({ key, role: 'api' as const })),
    ...(options.adminKeys ?? []).map((key) => ({ key, role: 'admin' as const })),
    ...(options.keys ?? []),
  ]);
  const limiter = new RateLimiter(options.rateLimit?.perMinute ?? 120);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const allowed = new Set(options.allowedOrigins ?? []);

  const app = new Hono<Env>();

  // The request log: method, path, status, duration and the key's label, never the key, the
  // Authorization header or the query string.
  app.use('*', async (c, next) => {
    const started = performance.now();
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
    const who = c.get('caller')?.label ?? '-';
    log(`${new Date().toISOString()} ${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - started)}ms ${who}`);
  });

  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined || origin === new URL(c.req.url).origin) return next();
    if (!allowed.has(origin)) {
      throw new HttpError(403, 'origin_not_allowed', `Requests from ${origin.slice(0, 200)} are not allowed.`);
    }
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin');
    c.header('Access-Control-Expose-Headers', 'Retry-After');
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'GET, POST, PATCH, OPTIONS');
      c.header('Access-Control-Allow-Headers', API_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    await next();
    // A handler that answers with its own Response (attachment bytes) does not carry the headers
    // set on the context, and the browser would then refuse the download.
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    if (!/\borigin\b/i.test(c.res.headers.get('Vary') ?? '')) c.res.headers.append('Vary', 'Origin');
    c.res.headers.set('Access-Control-Expose-Headers', 'Retry-After');
  });

  app.get('/api/health', (c) => c.json({ ok: true, version: VERSION }));

  app.use('/api/*', async (c, next) => {
    const key = bearerOf(c.req.header('authorization'));
    const caller = key === undefined ? undefined : keys.identify(key);
    if (!caller) {
      throw new HttpError(401, 'unauthorized', key === undefined ? 'Send the API key as "Authorization: Bearer <key>".' : 'The API key is not valid.', undefined, {
        'WWW-Authenticate': 'Bearer',
      });
    }
    c.set('caller', caller);
    const wait = limiter.take(caller.id);
    if (wait > 0) {
      throw new HttpError(429, 'rate_limited', `Too many requests with this key; try again in ${wait} s.`, undefined, {
        'Retry-After': String(wait),
      });
    }
    return next();
  });

  app.post('/api/tickets', async (c) => {
    const upload = await readUpload(c.req.raw, c.req.header('idempotency-key'));
    const hashes = await Promise.all(upload.files.map((file) => blobs.put(file.data)));
    const receivedAt = now();
    const { ticket } = upload;
    const queue = ticket.records?.queue || null;
    const outcome = store.insertTicket(
      {
        id: ticket.id,
        document: JSON.stringify(upload.document),
        contentHash: contentHash(upload.document, hashes),
        category: ticket.category,
        severity: ticket.severity.chosen,
        createdAt: ticket.createdAt,
        receivedAt: receivedAt.toISOString(),
        queue,
        agent: agentOf(ticket),
        attachments: upload.files.map((file, index) => ({ name: file.name, type: file.type, size: file.data.length, sha256: hashes[index]!, kind: file.kind })),
        by: c.get('caller').label,
      },
      (row) => ({
        id: row.id,
        reference: row.reference,
        status: row.status,
        receivedAt: row.received_at,
        related: correlate(store, { category: row.category, queue, minutes: CORRELATION_MINUTES, now: receivedAt, excludeId: row.id }).related,
      }),
    );
    if (outcome.kind === 'conflict') {
      throw new HttpError(409, 'idempotency_conflict', 'This Idempotency-Key was already used for a ticket with different content. A changed ticket needs a new id.');
    }
    return c.body(outcome.response, outcome.kind === 'created' ? 201 : 200, { 'Content-Type': 'application/json' });
  });

  app.get('/api/tickets', (c) => {
    const query = listQuery(c);
    const rows = store.list({ ...query, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const nextCursor = rows.length > query.limit ? encodeCursor(page[page.length - 1]!.seq) : null;
    return c.json({ items: page.map(listItem), nextCursor });
  });

  app.get('/api/tickets/:id', (c) => {
    const row = requireTicket(store, c.req.param('id'));
    return c.json(ticketView(row, store.attachmentsOf(row.id)));
  });

  app.patch('/api/tickets/:id', async (c) => {
    if (c.get('caller').role !== 'admin') throw new HttpError(403, 'forbidden', 'Changing a ticket needs an admin key.');
    const row = requireTicket(store, c.req.param('id'));
    let body: unknown;
    try {
      body = JSON.parse((await readBody(c.req.raw.body, 64 * 1024)).toString('utf8'));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw badRequest('invalid_json', 'Send the change as JSON: { status?, severity?, reason }.');
    }
    const change = parseChange(body);
    const events = store.changeTicket(row.id, change, { by: c.get('caller').label, at: now().toISOString(), reason: change.reason })!;
    const updated = store.getTicket(row.id)!;
    return c.json({ ...ticketView(updated, store.attachmentsOf(row.id)), changes: events.map(eventView) });
  });

  app.get('/api/tickets/:id/events', (c) => {
    const row = requireTicket(store, c.req.param('id'));
    return c.json({ events: store.eventsOf(row.id).map(eventView) });
  });

  app.get('/api/tickets/:id/attachments/:index', async (c) => {
    const row = requireTicket(store, c.req.param('id'));
    const attachment = requireAttachment(store, row.id, c.req.param('index'));
    return attachmentResponse(blobs, attachment);
  });

  app.get('/api/signals', (c) => {
    const category = c.req.query('category');
    const queue = c.req.query('queue');
    const minutesText = c.req.query('minutes');
    const fields = [];
    if (!category || !(CATEGORIES as readonly string[]).includes(category)) {
      fields.push({ path: 'category', message: `Category must be one of: ${CATEGORIES.join(', ')}.` });
    }
    if (queue !== undefined && queue.length > 200) fields.push({ path: 'queue', message: 'Queue must be at most 200 characters.' });
    const minutes = minutesText === undefined ? CORRELATION_MINUTES : Number(minutesText);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
      fields.push({ path: 'minutes', message: 'Minutes must be a whole number from 1 to 1440.' });
    }
    if (fields.length) throw badRequest('validation_failed', 'The signals query has invalid parameters.', fields);
    const { related, rows } = correlate(store, { category: category!, queue: queue || null, minutes, now: now() });
    return c.json({
      ...related,
      tickets: rows.slice(0, 50).map((row) => ({ id: row.id, reference: row.reference, summary: summaryOf(row), receivedAt: row.received_at })),
    });
  });

  app.all('/api/*', () => {
    throw new HttpError(404, 'not_found', 'No such API route.');
  });

  if (keys.hasAdmin) mountAdmin(app, { store, blobs, keys, now, secureCookies: false, loginLimiter: new RateLimiter(10) });
  if (options.demo) mountDemo(app, options.demo);

  app.notFound((c) => c.json(new HttpError(404, 'not_found', 'Not found.').toBody(), 404));

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
      return c.json(error.toBody(), error.status);
    }
    // Hono's own HTTPException (e.g. from a body-limit helper) carries a client status.
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return c.json({ error: { code: 'bad_request', message: 'The request was refused.' } }, status as 400);
    }
    log(`${new Date().toISOString()} error ${c.req.method} ${c.req.path}: ${error.name}: ${error.message}`);
    return c.json({ error: { code: 'internal_error', message: 'The service failed to handle this request. It was logged; try again later.' } }, 500);
  });

  return {
    app,
    store,
    close: () => store.close(),
  };
}

function listQuery(c: Context<Env>) {
  const fields = [];
  const limitText = c.req.query('limit');
  const limit = limitText === undefined ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) fields.push({ path: 'limit', message: 'Limit must be a whole number from 1 to 100.' });
  const cursorText = c.req.query('cursor');
  const beforeSeq = cursorText ? decodeCursor(cursorText) : undefined;
  if (cursorText && beforeSeq === undefined) fields.push({ path: 'cursor', message: 'Cursor is not one this service gave out.' });
  const status = c.req.query('status') || undefined;
  if (status && !(STATUSES as readonly string[]).includes(status)) fields.push({ path: 'status', message: `Status must be one of: ${STATUSES.join(', ')}.` });
  const severityText = c.req.query('severity') || undefined;
  const severity = severityText === undefined ? undefined : Number(severityText);
  if (severity !== undefined && !(Number.isInteger(severity) && severity >= 1 && severity <= 4)) fields.push({ path: 'severity', message: 'Severity must be a level from 1 to 4.' });
  const category = c.req.query('category') || undefined;
  if (category && !(CATEGORIES as readonly string[]).includes(category)) fields.push({ path: 'category', message: `Category must be one of: ${CATEGORIES.join(', ')}.` });
  if (fields.length) throw badRequest('validation_failed', 'The list query has invalid parameters.', fields);
  return { limit, beforeSeq, status, severity, category };
}

const encodeCursor = (seq: number) => Buffer.from(`seq:${seq}`).toString('base64url');
function decodeCursor(text: string): number | undefined {
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

