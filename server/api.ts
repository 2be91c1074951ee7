/**
 * The JSON API under /api (../shared/contracts/intake-api.md): CORS for the allowed origins, the
 * bearer key and its rate limit, tickets (create, list, read, change, events, attachments) and
 * the related-reports signal.
 */
import type { Context, Hono } from 'hono';
import { CATEGORIES } from '../src/severity.js';
import { HttpError, badRequest } from './errors.js';

import { STATUSES, type BlobStore, type TicketRow, type TicketStore } from './storage/types.js';
import { bearerOf, mayActAs, type Caller, type KeyRing, type RateLimiter, type Role } from './auth.js';
import { newReceipt, openReceipt, receiptHash, receiptMatches, sealReceipt, withReceipt } from './receipts.js';
import { CORRELATION_MINUTES, agentOf, askerOf, contentHash, readUpload, relatedOf, windowOf } from './tickets.js';
import { bodyOf, readBody } from './multipart.js';
import { attachmentResponse, eventView, listItem, requireAttachment, requireTicket, summaryOf } from './views.js';
import type { Env } from './app.js';
import type { Notifier } from './webhooks.js';
import type { ClockConfig } from './clock.js';
import { dueQueue, followView, knownIncidents, mountLoop, parseTicketChange, withEtag } from './loop.js';

export interface ApiDeps {
  store: TicketStore;
  blobs: BlobStore;
  keys: KeyRing;
  limiter: RateLimiter;
  /** Failed key attempts per client address; an exhausted bucket refuses even a right key. */
  failedKeys: RateLimiter;
  /** Exact origins a browser may call the API from; the service's own origin always may. */
  allowedOrigins: ReadonlySet<string>;
  now: () => Date;
  version: string;
  webhooks: Notifier;
  /** True once the service is shutting down. */
  draining: () => boolean;
  /** The SLA clock's plan and calendar (clock.ts). */
  clock: ClockConfig;
}

const API_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Triage-Receipt, If-None-Match';
const EXPOSED_HEADERS = 'Retry-After, ETag';

export function mountApi(app: Hono<Env>, deps: ApiDeps): void {
  const { store, blobs, keys, limiter, now, webhooks } = deps;

  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined || origin === new URL(c.req.url).origin) return next();
    if (!deps.allowedOrigins.has(origin)) {
      throw new HttpError(403, 'origin_not_allowed', `Requests from ${origin.slice(0, 200)} are not allowed.`);
    }
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin');
    c.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
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
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  });

  // Without a key, for monitors and load balancers. Health: is this instance able to serve (its
  // storage answers)? Readiness: should it get new requests (healthy and not shutting down)?
  app.get('/api/health', async (c) => {
    const reachable = await storageReachable(store);
    return reachable
      ? c.json({ ok: true, version: deps.version })
      : c.json({ ok: false, version: deps.version, error: { code: 'storage_unreachable', message: `The ${store.engine} storage does not answer.` } }, 503);
  });

  app.get('/api/ready', async (c) => {
    const reachable = await storageReachable(store);
    const ready = reachable && !deps.draining();
    return c.json({ ready, draining: deps.draining(), storage: { engine: store.engine, reachable } }, ready ? 200 : 503);
  });

  app.use('/api/*', async (c, next) => {
    const address = c.get('client');
    const blocked = deps.failedKeys.wait(address);
    if (blocked > 0) {
      throw new HttpError(429, 'too_many_failed_keys', `Too many wrong API keys from this address; try again in ${blocked} s.`, undefined, {
        'Retry-After': String(blocked),
      });
    }
    const key = bearerOf(c.req.header('authorization'));
    const caller = key === undefined ? undefined : keys.identify(key);
    if (!caller) {
      if (key !== undefined) deps.failedKeys.take(address);
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

  /** A ticket the caller may read: support and admin read any; the browser's key only with its receipt. */
  async function readableTicket(c: Context<Env>): Promise<TicketRow> {
    const id = c.req.param('id')!;
    if (mayActAs(c.get('caller').role, 'support')) return requireTicket(store, id);
    const receipt = c.req.header('triage-receipt');
    if (!receipt) {
      throw new HttpError(403, 'receipt_required', 'This key reads a ticket only with its receipt: send the "receipt" of the 201 answer as the Triage-Receipt header.');
    }
    const row = id.length <= 100 && !/[\u0000-\u001f]/.test(id) ? await store.getTicket(id) : undefined;
    // A wrong receipt reads exactly like a missing ticket, so ids cannot be confirmed by guessing.
    if (!row || !receiptMatches(receipt, row.receipt_hash)) throw new HttpError(404, 'not_found', 'No ticket with this id.');
    return row;
  }

  app.post('/api/tickets', async (c) => {
    const upload = await readUpload({ headers: c.req.raw.headers, body: bodyOf(c) }, c.req.header('idempotency-key'));
    const hashes = await Promise.all(upload.files.map((file) => blobs.put(file.data)));
    const { ticket } = upload;
    const hash = contentHash(upload.document, hashes);
    const receipt = newReceipt();
    const outcome = await store.insertTicket(
      {
        id: ticket.id,
        document: JSON.stringify(upload.document),
        contentHash: hash,
        category: ticket.category,
        severity: ticket.severity.chosen,
        createdAt: ticket.createdAt,
        receivedAt: now().toISOString(),
        queue: ticket.records?.queue || null,
        agent: agentOf(ticket),
        attachments: upload.files.map((file, index) => ({ name: file.name, type: file.type, size: file.data.length, sha256: hashes[index]!, kind: file.kind })),
        by: c.get('caller').label,
        note: upload.redactionNote,
        receiptHash: receiptHash(receipt),
        receiptSealed: sealReceipt(receipt, hash),
        correlationMinutes: CORRELATION_MINUTES,
        asker: askerOf(ticket.reporter?.accountId, ticket.reporter?.login),
      },
      (row, related) => ({
        id: row.id,
        reference: row.reference,
        status: row.status,
        receivedAt: row.received_at,
        related: relatedOf(related, CORRELATION_MINUTES),
      }),
      webhooks.created,
    );
    if (outcome.kind === 'created') webhooks.committed();
    if (outcome.kind === 'conflict') {
      throw new HttpError(409, 'idempotency_conflict', 'This Idempotency-Key was already used for a ticket with different content. A changed ticket needs a new id.');
    }
    const body =
      outcome.kind === 'created'
        ? withReceipt(outcome.response, receipt)
        : withReceipt(outcome.response, outcome.receiptSealed ? openReceipt(outcome.receiptSealed, hash) : undefined);
    return c.body(body, outcome.kind === 'created' ? 201 : 200, { 'Content-Type': 'application/json' });
  });

  app.get('/api/tickets', async (c) => {
    requireRole(c.get('caller'), 'support', 'Listing tickets');
    const query = listQuery(c);
    if (query.sort === 'due') {
      // The due queue is ordered by the clock, not by a column: an offset into it is the cursor.
      const queue = await dueQueue(deps, query);
      const offset = query.offset ?? 0;
      const page = queue.slice(offset, offset + query.limit);
      const nextCursor = queue.length > offset + query.limit ? encodeOffset(offset + query.limit) : null;
      return c.json({ items: page.map(({ row, sla }) => ({ ...listItem(row), sla })), nextCursor });
    }
    const rows = await store.list({ ...query, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const nextCursor = rows.length > query.limit ? encodeCursor(page[page.length - 1]!.seq) : null;
    return c.json({ items: page.map(listItem), nextCursor });
  });

  app.get('/api/tickets/:id', async (c) => {
    const row = await readableTicket(c);
    const downloads = mayActAs(c.get('caller').role, 'support');
    return withEtag(c, await followView(deps, row, { downloads }));
  });

  app.patch('/api/tickets/:id', async (c) => {
    requireRole(c.get('caller'), 'support', 'Changing a ticket');
    const row = await requireTicket(store, c.req.param('id'));
    let body: unknown;
    try {
      body = JSON.parse((await readBody(bodyOf(c), 64 * 1024)).toString('utf8'));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw badRequest('invalid_json', 'Send the change as JSON: { status?, severity?, reason }.');
    }
    const change = parseTicketChange(body, row);
    const events = (await store.loop.changeTicket(row.id, change, { by: c.get('caller').label, at: now().toISOString(), reason: change.reason }, webhooks.updated))!;
    if (events.length) webhooks.committed();
    const updated = (await store.getTicket(row.id))!;
    return c.json({ ...(await followView(deps, updated, { downloads: true })), changes: events.map(eventView) });
  });

  app.get('/api/tickets/:id/events', async (c) => {
    const row = await readableTicket(c);
    return c.json({ events: (await store.eventsOf(row.id)).map(eventView) });
  });

  app.get('/api/tickets/:id/attachments/:index', async (c) => {
    requireRole(c.get('caller'), 'support', 'Downloading attachments');
    const row = await requireTicket(store, c.req.param('id'));
    return attachmentResponse(blobs, await requireAttachment(store, row.id, c.req.param('index')));
  });

  app.get('/api/signals', async (c) => {
    const category = c.req.query('category');
    const queue = c.req.query('queue');
    const minutesText = c.req.query('minutes');
    const fields = [];
    if (!category || !(CATEGORIES as readonly string[]).includes(category)) {
      fields.push({ path: 'category', message: `Category must be one of: ${CATEGORIES.join(', ')}.` });
    }
    if (queue !== undefined && queue.length > 200) fields.push({ path: 'queue', message: 'Queue must be at most 200 characters.' });
    const site = c.req.query('site');
    if (site !== undefined && site.length > 200) fields.push({ path: 'site', message: 'Site must be at most 200 characters.' });
    const minutes = minutesText === undefined ? CORRELATION_MINUTES : Number(minutesText);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
      fields.push({ path: 'minutes', message: 'Minutes must be a whole number from 1 to 1440.' });
    }
    if (fields.length) throw badRequest('validation_failed', 'The signals query has invalid parameters.', fields);
    // `accountId`/`login` name the asker, so the form can count other agents only.
    const asker = askerOf(c.req.query('accountId'), c.req.query('login'));
    const query = { category: category!, queue: queue || null, ...windowOf(now(), minutes), asker };
    // The count over the whole window, the rows only as many as are shown: a storm of one
    // category asks this once per agent.
    const [related, rows] = await Promise.all([store.countRecent(query), store.recent({ ...query, limit: 50 })]);
    return c.json({
      ...relatedOf(related, minutes),
      // Enough to say "TK-000123: Chats not routing" and link it; never the text or the files.
      tickets: rows.map((row) => ({ id: row.id, reference: row.reference, summary: summaryOf(row), createdAt: row.created_at, receivedAt: row.received_at })),
      // Confirmed incidents a reporter may join instead of filing a duplicate (loop.ts).
      incidents: await knownIncidents(store, { category: category!, queue: queue || null, site: site || null }),
    });
  });

  // Support's side and the agent's following of it (loop.ts), before the catch-all below.
  mountLoop(app, { store, blobs, now, clock: deps.clock, webhooks });

  app.all('/api/*', () => {
    throw new HttpError(404, 'not_found', 'No such API route.');
  });
}

function requireRole(caller: Caller, needed: Role, what: string): void {
  if (!mayActAs(caller.role, needed)) {
    throw new HttpError(403, 'forbidden', `${what} needs a ${needed} or admin key; the key browsers carry may only submit and read its own tickets by receipt.`);
  }
}

/** Whether the storage answers a trivial query within 2 s. */
async function storageReachable(store: TicketStore): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 2000)));
  try {
    return await Promise.race([store.ping().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function listQuery(c: Context<Env>) {
  const fields = [];
  const limitText = c.req.query('limit');
  const limit = limitText === undefined ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) fields.push({ path: 'limit', message: 'Limit must be a whole number from 1 to 100.' });
  const cursorText = c.req.query('cursor');
  const sort = c.req.query('sort') || undefined;
  const beforeSeq = cursorText && sort !== 'due' ? decodeCursor(cursorText) : undefined;
  const offset = sort === 'due' && cursorText ? decodeOffset(cursorText) : undefined;
  if (cursorText && beforeSeq === undefined && offset === undefined) fields.push({ path: 'cursor', message: 'Cursor is not one this service gave out.' });
  const status = c.req.query('status') || undefined;
  if (status && !(STATUSES as readonly string[]).includes(status)) fields.push({ path: 'status', message: `Status must be one of: ${STATUSES.join(', ')}.` });
  const severityText = c.req.query('severity') || undefined;
  const severity = severityText === undefined ? undefined : Number(severityText);
  if (severity !== undefined && !(Number.isInteger(severity) && severity >= 1 && severity <= 4)) fields.push({ path: 'severity', message: 'Severity must be a level from 1 to 4.' });
  const category = c.req.query('category') || undefined;
  if (category && !(CATEGORIES as readonly string[]).includes(category)) fields.push({ path: 'category', message: `Category must be one of: ${CATEGORIES.join(', ')}.` });
  if (sort !== undefined && sort !== 'due' && sort !== 'newest') fields.push({ path: 'sort', message: 'Sort must be "due" or "newest".' });
  if (fields.length) throw badRequest('validation_failed', 'The list query has invalid parameters.', fields);
  return { limit, beforeSeq, status, severity, category, sort, offset };
}

const encodeOffset = (offset: number) => Buffer.from(`due:${offset}`).toString('base64url');
function decodeOffset(text: string): number | undefined {
  const match = /^due:(\d{1,9})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

const encodeCursor = (seq: number) => Buffer.from(`seq:${seq}`).toString('base64url');
function decodeCursor(text: string): number | undefined {
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
