/**
 * Closing the loop (issue 12): support talks back, and the browser's key follows. The ticket as
 * its receipt holder reads it (support's status, severity with the regrade's reason, the SLA on
 * the service's clock, responses and updates, requests for logs, the linked incident), with an
 * ETag; support's routes to respond, regrade, ask for logs and run incidents; and the agent's
 * routes to join an incident and answer a request for logs. Contract: ../prompts/loop-api.md as
 * documented in README.md. The browser's key reads nothing beyond its own ticket (its receipt) or
 * an incident it joined (the join's receipt); every text support writes is stored as given.
 */
import type { Context, Hono } from 'hono';
import { createHash, randomUUID } from 'node:crypto';
import { CATEGORIES } from '../src/severity.js';
import { TICKET_LIMITS, type FieldIssue } from '../src/ticket.js';
import { redactedText, redactionSummary } from './redaction.js';
import { HttpError, badRequest } from './errors.js';
import { mayActAs, type Caller } from './auth.js';
import { newReceipt, openReceipt, receiptHash, receiptMatches, sealReceipt } from './receipts.js';
import { bodyOf, boundaryOf, parseMultipart, readBody } from './multipart.js';
import { contentProblem, essence, sanitizeFileName } from './content.js';
import { canonicalJson } from './tickets.js';
import { sha256 } from './storage/blobs.js';
import { parseChange, requireTicket, ticketView } from './views.js';
import { ACTIVE_STATUSES, dueOrder, regradePolicy, slaOf, type ClockConfig, type QueueEntry } from './clock.js';
import {
  INCIDENT_STATUSES,
  REGRADE_REASONS,
  UPDATE_KINDS,
  type IncidentRow,
  type IncidentStatus,
  type LogRequestRow,
  type RegradeReason,
  type TicketChange,
  type UpdateKind,
  type UpdateRow,
} from './storage/loop.js';
import type { BlobStore, TicketRow, TicketStore } from './storage/types.js';
import type { Env } from './app.js';
import type { Notifier } from './webhooks.js';

export interface LoopDeps {
  store: TicketStore;
  blobs: BlobStore;
  now: () => Date;
  clock: ClockConfig;
  webhooks: Notifier;
}

export const LIMITS = { title: 200, workaround: 2000, update: 4000, note: 2000, linkTickets: 100, logWindowHours: 24 } as const;

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

const updateView = (u: UpdateRow) => ({ id: u.id, kind: u.kind, text: u.body, by: u.by, at: u.at });

const logRequestView = (r: LogRequestRow) => ({
  id: r.id, from: r.from_at, to: r.to_at, note: r.note, requestedAt: r.requested_at, state: r.state, answeredAt: r.answered_at,
});

const incidentBrief = (i: IncidentRow) => ({ id: i.id, title: i.title, workaround: i.workaround, status: i.status });

/**
 * The ticket with support's side: what the receipt holder and support both read. `severity.chosen`
 * is the severity that holds now (support's regrade wins); the agent's own choice stays in
 * `severity.agentChosen` and in the ticket's events.
 */
export async function followView(deps: Pick<LoopDeps, 'store' | 'clock' | 'now'>, row: TicketRow, options: { downloads: boolean }) {
  const { store } = deps;
  const [attachments, clock, updates, requests, incident] = await Promise.all([
    store.attachmentsOf(row.id),
    store.loop.clockOf(row.id),
    store.loop.updatesOf(row.id),
    store.loop.logRequestsOf([row.id]),
    store.loop.incidentOfTicket(row.id),
  ]);
  const base = ticketView(row, attachments, options);
  const document = JSON.parse(row.document) as { severity: Record<string, unknown>; impact?: { agentsAffected?: number } };
  const joined = incident ? (await store.loop.joinedAgents([incident.id])).get(incident.id) ?? 0 : 0;
  return {
    ...base,
    severity: {
      ...document.severity,
      chosen: row.severity,
      agentChosen: document.severity.chosen,
      ...(clock?.regrade_reason ? { changedBy: 'support', reason: clock.regrade_reason, reasonText: clock.regrade_text, changedAt: clock.regraded_at } : {}),
    },
    sla: slaOf(row, clock, deps.clock, deps.now()),
    // The agent reads "Support", not which support key wrote it; support sees the key's label.
    updates: updates.map((u) => ({ ...updateView(u), by: options.downloads ? u.by : 'Support' })),
    logRequests: requests.map(logRequestView),
    incident: incident ? incidentBrief(incident) : null,
    affected: { reported: document.impact?.agentsAffected ?? 1, joined },
  };
}

/** The queue for `sort=due`: the tickets support owes something, in the order they fall due. */
export async function dueQueue(deps: Pick<LoopDeps, 'store' | 'clock' | 'now'>, filter: { status?: string; severity?: number; category?: string }): Promise<QueueEntry[]> {
  const rows = (await deps.store.loop.ticketsIn(filter.status ? [filter.status] : ACTIVE_STATUSES, 5000)).filter(
    (row) => (!filter.severity || row.severity === filter.severity) && (!filter.category || row.category === filter.category),
  );
  const clocks = await deps.store.loop.clocksOf(rows.map((row) => row.id));
  const now = deps.now();
  return dueOrder(rows.map((row) => ({ row, sla: slaOf(row, clocks.get(row.id), deps.clock, now) })));
}

/** The incidents a reporter should see before filing: confirmed, same category, and queue/site when the incident names them. */
export async function knownIncidents(store: TicketStore, query: { category: string; queue: string | null; site: string | null }) {
  const rows = (await store.loop.incidents({ status: 'confirmed', category: query.category, limit: 50 })).filter(
    (i) => (!i.queue || i.queue === query.queue) && (!i.site || i.site === query.site),
  );
  const joined = await store.loop.joinedAgents(rows.map((i) => i.id));
  return rows.slice(0, 10).map((i) => ({
    id: i.id, title: i.title, workaround: i.workaround, category: i.category, queue: i.queue, site: i.site,
    statusIncidentId: i.status_incident_id, joinedAgents: joined.get(i.id) ?? 0, since: i.created_at,
  }));
}

/**
 * Answers with an ETag over exactly what this caller sees; `If-None-Match` with it is a 304
 * without a body, so a desktop that polls pays a few bytes while nothing changes.
 */
export function withEtag(c: Context<Env>, body: unknown): Response {
  const json = JSON.stringify(body);
  const tag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 32)}"`;
  const headers = { ETag: tag, 'Cache-Control': 'private, no-cache', Vary: 'Authorization, Triage-Receipt' };
  const match = c.req.header('if-none-match');
  if (match && match.split(',').some((given) => given.trim().replace(/^W\//, '') === tag || given.trim() === '*')) return c.body(null, 304, headers);
  return c.body(json, 200, { ...headers, 'Content-Type': 'application/json' });
}

// ---------------------------------------------------------------------------------------------
// Validation: every refusal names its field
// ---------------------------------------------------------------------------------------------

type Input = Record<string, unknown>;

async function readJson(c: Context<Env>, shape: string): Promise<Input> {
  let body: unknown;
  try {
    body = JSON.parse((await readBody(bodyOf(c), 64 * 1024)).toString('utf8'));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw badRequest('invalid_json', `Send the body as JSON: ${shape}.`);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('invalid_json', `Send the body as a JSON object: ${shape}.`);
  return body as Input;
}

/** Support's words, stored exactly as given: required, bounded, and never NUL (PostgreSQL cannot hold it). */
function supportText(fields: FieldIssue[], input: Input, path: string, label: string, max: number, required = true): string | undefined {
  const value = input[path];
  if (value === undefined || value === null) {
    if (required) fields.push({ path, message: `${label} is required.` });
    return undefined;
  }
  if (typeof value !== 'string') fields.push({ path, message: `${label} must be text.` });
  else if (required && value.trim().length === 0) fields.push({ path, message: `${label} is required.` });
  else if (value.length > max) fields.push({ path, message: `${label} must be at most ${max} characters.` });
  else if (value.includes('\u0000')) fields.push({ path, message: `${label} cannot contain NUL characters.` });
  else return value;
  return undefined;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** One line of printable text, like the ticket schema's identifiers. */
function identifier(fields: FieldIssue[], value: unknown, path: string, label: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') fields.push({ path, message: `${label} must be text.` });
  else if (value.length > 200) fields.push({ path, message: `${label} must be at most 200 characters.` });
  else if (CONTROL.test(value)) fields.push({ path, message: `${label} cannot contain control characters.` });
  else return value;
  return null;
}

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;
function instant(fields: FieldIssue[], value: unknown, path: string, label: string): number | undefined {
  const ms = typeof value === 'string' && INSTANT.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    fields.push({ path, message: `${label} must be a date and time (ISO 8601, e.g. 2026-12-01T15:30:00Z).` });
    return undefined;
  }
  return ms;
}

function refuse(fields: FieldIssue[], what: string): void {
  if (fields.length) throw badRequest('validation_failed', `The ${what} has invalid fields.`, fields);
}

/** PATCH: parseChange's rules, plus the regrade's reason, required when the severity changes. */
export function parseTicketChange(body: unknown, row: TicketRow): TicketChange & { reason: string } {
  const change = parseChange(body);
  const input = (body && typeof body === 'object' ? body : {}) as Input;
  const regradeReason = input.regradeReason;
  const fields: FieldIssue[] = [];
  let regrade: TicketChange['regrade'];
  if (change.severity !== undefined && change.severity !== row.severity) {
    if (!(REGRADE_REASONS as readonly unknown[]).includes(regradeReason)) {
      fields.push({ path: 'regradeReason', message: `A regrade needs its reason: one of ${REGRADE_REASONS.join(', ')}.` });
    } else {
      const policy = regradePolicy(row.severity, change.severity, regradeReason as RegradeReason);
      if (policy.problem) fields.push({ path: 'regradeReason', message: policy.problem });
      regrade = { reason: regradeReason as RegradeReason, restartClock: policy.restartClock };
    }
  } else if (regradeReason !== undefined && !(REGRADE_REASONS as readonly unknown[]).includes(regradeReason)) {
    fields.push({ path: 'regradeReason', message: `Regrade reason must be one of: ${REGRADE_REASONS.join(', ')}.` });
  }
  refuse(fields, 'change');
  return { ...change, regrade };
}

export function parseUpdate(input: Input): { kind: UpdateKind; text: string } {
  const fields: FieldIssue[] = [];
  if (!(UPDATE_KINDS as readonly unknown[]).includes(input.kind)) fields.push({ path: 'kind', message: `Kind must be one of: ${UPDATE_KINDS.join(', ')}.` });
  const text = supportText(fields, input, 'text', 'The text', LIMITS.update);
  refuse(fields, 'update');
  return { kind: input.kind as UpdateKind, text: text! };
}

export function parseLogRequest(input: Input): { from: string; to: string; note: string | null } {
  const fields: FieldIssue[] = [];
  const from = instant(fields, input.from, 'from', 'From');
  const to = instant(fields, input.to, 'to', 'To');
  if (from !== undefined && to !== undefined) {
    if (from >= to) fields.push({ path: 'to', message: 'To must be after from.' });
    else if (to - from > LIMITS.logWindowHours * 3_600_000) fields.push({ path: 'to', message: `The window can be at most ${LIMITS.logWindowHours} hours.` });
  }
  const note = supportText(fields, input, 'note', 'The note', LIMITS.note, false);
  refuse(fields, 'logs request');
  return { from: new Date(from!).toISOString(), to: new Date(to!).toISOString(), note: note ?? null };
}

export function parseIncident(input: Input) {
  const fields: FieldIssue[] = [];
  const title = supportText(fields, input, 'title', 'The title', LIMITS.title);
  const workaround = supportText(fields, input, 'workaround', 'The workaround', LIMITS.workaround);
  if (!(CATEGORIES as readonly unknown[]).includes(input.category)) fields.push({ path: 'category', message: `Category must be one of: ${CATEGORIES.join(', ')}.` });
  const queue = identifier(fields, input.queue, 'queue', 'Queue');
  const site = identifier(fields, input.site, 'site', 'Site');
  const statusIncidentId = identifier(fields, input.statusIncidentId, 'statusIncidentId', 'Status-page incident');
  refuse(fields, 'incident');
  return { title: title!, workaround: workaround!, category: input.category as string, queue, site, statusIncidentId };
}

export function parseIncidentChange(input: Input): { status?: IncidentStatus; title?: string; workaround?: string } {
  const fields: FieldIssue[] = [];
  if (input.status !== undefined && !(INCIDENT_STATUSES as readonly unknown[]).includes(input.status)) {
    fields.push({ path: 'status', message: `Status must be one of: ${INCIDENT_STATUSES.join(', ')}.` });
  }
  const title = input.title === undefined ? undefined : supportText(fields, input, 'title', 'The title', LIMITS.title);
  const workaround = input.workaround === undefined ? undefined : supportText(fields, input, 'workaround', 'The workaround', LIMITS.workaround);
  if (input.status === undefined && input.title === undefined && input.workaround === undefined) fields.push({ path: 'status', message: 'Give a new status, title or workaround.' });
  refuse(fields, 'incident change');
  return { status: input.status as IncidentStatus | undefined, title, workaround };
}

export function parseTicketIds(input: Input): string[] {
  const ids = input.ticketIds;
  const fields: FieldIssue[] = [];
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > LIMITS.linkTickets) {
    fields.push({ path: 'ticketIds', message: `Ticket ids must be a list of 1 to ${LIMITS.linkTickets} ticket ids.` });
  } else {
    ids.forEach((id, index) => {
      if (typeof id !== 'string' || id.length === 0 || id.length > 100 || CONTROL.test(id)) {
        fields.push({ path: `ticketIds.${index}`, message: 'Each ticket id must be one line of text of at most 100 characters.' });
      }
    });
  }
  refuse(fields, 'link');
  return [...new Set(ids as string[])];
}

function parseJoin(input: Input) {
  const fields: FieldIssue[] = [];
  const agent = input.agent === undefined ? {} : input.agent;
  if (!agent || typeof agent !== 'object' || Array.isArray(agent)) fields.push({ path: 'agent', message: 'Agent must be an object: { accountId?, login?, name? }.' });
  const a = (agent && typeof agent === 'object' ? agent : {}) as Input;
  const accountId = identifier(fields, a.accountId, 'agent.accountId', 'Oracle account ID');
  const login = identifier(fields, a.login, 'agent.login', 'Login');
  const name = identifier(fields, a.name, 'agent.name', 'Name');
  const site = identifier(fields, input.site, 'site', 'Site');
  const queue = identifier(fields, input.queue, 'queue', 'Queue');
  refuse(fields, 'join');
  return { agent: { accountId, login, name }, site, queue };
}

function idempotencyKey(c: Context<Env>): string {
  const key = c.req.header('idempotency-key');
  if (!key || !/^[A-Za-z0-9_-]{8,200}$/.test(key)) {
    throw badRequest('idempotency_key_required', 'The Idempotency-Key header is required: a UUID (8 to 200 letters, digits, - or _).');
  }
  return key;
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

function requireSupport(caller: Caller, what: string): void {
  if (!mayActAs(caller.role, 'support')) {
    throw new HttpError(403, 'forbidden', `${what} needs a support or admin key; the key browsers carry may only follow its own tickets and the incidents it joined.`);
  }
}

function receiptOf(c: Context<Env>, what: string): string {
  const receipt = c.req.header('triage-receipt');
  if (!receipt) throw new HttpError(403, 'receipt_required', `This key reads ${what} only with a receipt: send it as the Triage-Receipt header.`);
  return receipt;
}

const notFound = (what: string) => new HttpError(404, 'not_found', `No ${what} with this id.`);

/** An id worth looking up: short, one line (PostgreSQL cannot even compare text holding NUL). */
const lookable = (id: string) => id.length <= 100 && !CONTROL.test(id);

async function requireIncident(store: TicketStore, id: string): Promise<IncidentRow> {
  const row = lookable(id) ? await store.loop.incident(id) : undefined;
  if (!row) throw notFound('incident');
  return row;
}

/** What the receipt holder of a join, or support, reads of an incident. */
async function incidentView(store: TicketStore, incident: IncidentRow, support: boolean) {
  const ticketIds = await store.loop.ticketIdsOf(incident.id);
  const [joined, updates, requests] = await Promise.all([
    store.loop.joinedAgents([incident.id]),
    store.loop.incidentUpdatesOf(incident.id),
    store.loop.logRequestsOf(ticketIds),
  ]);
  const references = new Map<string, string>();
  for (const id of new Set(requests.map((r) => r.ticket_id))) references.set(id, (await store.getTicket(id))?.reference ?? '');
  return {
    ...incidentBrief(incident),
    category: incident.category,
    queue: incident.queue,
    site: incident.site,
    statusIncidentId: incident.status_incident_id,
    since: incident.created_at,
    resolvedAt: incident.resolved_at,
    joinedAgents: joined.get(incident.id) ?? 0,
    updates: updates.map((u) => ({ id: u.id, kind: 'update' as const, text: u.body, by: support ? u.by : 'Support', at: u.at })),
    logRequests: requests
      .filter((r) => r.state === 'open')
      .map((r) => ({ ...logRequestView(r), ticketId: r.ticket_id, reference: references.get(r.ticket_id) })),
    ...(support ? { ticketIds } : {}),
  };
}

export function mountLoop(app: Hono<Env>, deps: LoopDeps): void {
  const { store, blobs, now, webhooks } = deps;
  const at = () => now().toISOString();

  app.post('/api/tickets/:id/updates', async (c) => {
    requireSupport(c.get('caller'), 'Posting a response or update');
    const row = await requireTicket(store, c.req.param('id'));
    const update = parseUpdate(await readJson(c, '{ kind: "response" | "update", text }'));
    const stored = await store.loop.postUpdate(row.id, { id: randomUUID(), kind: update.kind, body: update.text }, { by: c.get('caller').label, at: at() }, webhooks.updated);
    if (!stored) throw notFound('ticket');
    webhooks.committed();
    return c.json(updateView(stored), 201);
  });

  app.post('/api/tickets/:id/log-requests', async (c) => {
    requireSupport(c.get('caller'), 'Asking for logs');
    const row = await requireTicket(store, c.req.param('id'));
    const request = parseLogRequest(await readJson(c, '{ from, to, note? }'));
    const stored = await store.loop.createLogRequest({ id: randomUUID(), ticketId: row.id, ...request }, { by: c.get('caller').label, at: at() }, webhooks.updated);
    if (!stored) throw notFound('ticket');
    webhooks.committed();
    return c.json({ ...logRequestView(stored), ticketId: row.id, reference: row.reference }, 201);
  });

  app.post('/api/log-requests/:id/logs', async (c) => {
    const id = c.req.param('id');
    const receipt = receiptOf(c, 'a logs request');
    const key = idempotencyKey(c);
    const request = lookable(id) ? await store.loop.logRequest(id) : undefined;
    const ticket = request ? await store.getTicket(request.ticket_id) : undefined;
    // The ticket's receipt (its reporter), or the receipt of a join of the incident it belongs to.
    let answeredBy: string | undefined;
    if (ticket && receiptMatches(receipt, ticket.receipt_hash)) answeredBy = 'reporter';
    else if (ticket && receipt.length <= 200) {
      const incident = await store.loop.incidentOfTicket(ticket.id);
      const join = incident ? (await store.loop.joinsOf(incident.id)).find((j) => receiptMatches(receipt, j.receipt_hash)) : undefined;
      if (join) answeredBy = `join:${join.id}`;
    }
    if (!request || !ticket || !answeredBy) throw notFound('logs request');
    const file = await readLogsPart(c);
    const hash = await blobs.put(file.data);
    const name = sanitizeFileName(file.name ?? `logs-${ticket.reference}.json`, 'application/json');
    const outcome = await store.loop.answerLogRequest(
      {
        keyHash: sha256(`logs\n${key}`),
        requestId: request.id,
        answeredBy,
        contentHash: sha256(`${request.id}\n${answeredBy}\n${hash}\n${name}`),
        attachment: { name, type: 'application/json', size: file.data.length, sha256: hash },
        at: at(),
        note: file.redactionNote,
      },
      (index) => ({ attachment: { index, name, sha256: hash, size: file.data.length, ...(file.redacted ? { redacted: file.redacted } : {}) } }),
      webhooks.updated,
    );
    if (outcome.kind === 'conflict') throw new HttpError(409, 'idempotency_conflict', 'This Idempotency-Key was already used for other logs. New logs need a new key.');
    if (outcome.kind === 'too-many') throw new HttpError(413, 'too_many_attachments', 'This ticket holds as many attachments as it may; support has to ask differently.');
    if (outcome.kind === 'created') webhooks.committed();
    return c.body(outcome.response, outcome.kind === 'created' ? 201 : 200, { 'Content-Type': 'application/json' });
  });

  app.post('/api/incidents', async (c) => {
    requireSupport(c.get('caller'), 'Creating an incident');
    const input = parseIncident(await readJson(c, '{ title, workaround, category, queue?, site?, statusIncidentId? }'));
    const row = await store.loop.createIncident({
      id: randomUUID(), title: input.title, workaround: input.workaround, category: input.category, queue: input.queue, site: input.site,
      status_incident_id: input.statusIncidentId, created_at: at(), created_by: c.get('caller').label,
    });
    return c.json(await incidentView(store, row, true), 201);
  });

  app.get('/api/incidents', async (c) => {
    requireSupport(c.get('caller'), 'Listing incidents');
    const status = c.req.query('status') || undefined;
    if (status && !(INCIDENT_STATUSES as readonly string[]).includes(status)) {
      throw badRequest('validation_failed', 'The incidents query has invalid parameters.', [{ path: 'status', message: `Status must be one of: ${INCIDENT_STATUSES.join(', ')}.` }]);
    }
    const rows = await store.loop.incidents({ status: status as IncidentStatus | undefined, limit: 100 });
    const joined = await store.loop.joinedAgents(rows.map((r) => r.id));
    return c.json({
      items: rows.map((i) => ({ ...incidentBrief(i), category: i.category, queue: i.queue, site: i.site, statusIncidentId: i.status_incident_id, since: i.created_at, resolvedAt: i.resolved_at, joinedAgents: joined.get(i.id) ?? 0 })),
    });
  });

  app.get('/api/incidents/:id', async (c) => {
    const id = c.req.param('id');
    const support = mayActAs(c.get('caller').role, 'support');
    if (support) return withEtag(c, await incidentView(store, await requireIncident(store, id), true));
    const receipt = receiptOf(c, 'an incident');
    const incident = lookable(id) && receipt.length <= 200 ? await store.loop.incident(id) : undefined;
    const joins = incident ? await store.loop.joinsOf(incident.id) : [];
    if (!incident || !joins.some((j) => receiptMatches(receipt, j.receipt_hash))) throw notFound('incident');
    return withEtag(c, await incidentView(store, incident, false));
  });

  app.patch('/api/incidents/:id', async (c) => {
    requireSupport(c.get('caller'), 'Changing an incident');
    const incident = await requireIncident(store, c.req.param('id'));
    const change = parseIncidentChange(await readJson(c, '{ status?, title?, workaround? }'));
    const row = (await store.loop.changeIncident(incident.id, change, at()))!;
    return c.json(await incidentView(store, row, true));
  });

  app.post('/api/incidents/:id/updates', async (c) => {
    requireSupport(c.get('caller'), 'Posting an incident update');
    const incident = await requireIncident(store, c.req.param('id'));
    const fields: FieldIssue[] = [];
    const text = supportText(fields, await readJson(c, '{ text }'), 'text', 'The text', LIMITS.update);
    refuse(fields, 'update');
    const stored = (await store.loop.postIncidentUpdate(incident.id, text!, { id: randomUUID(), by: c.get('caller').label, at: at() }))!;
    return c.json({ id: stored.id, kind: 'update', text: stored.body, by: stored.by, at: stored.at }, 201);
  });

  app.post('/api/incidents/:id/tickets', async (c) => {
    requireSupport(c.get('caller'), 'Linking tickets');
    const incident = await requireIncident(store, c.req.param('id'));
    const ids = parseTicketIds(await readJson(c, '{ ticketIds: [...] }'));
    const outcome = (await store.loop.linkTickets(incident.id, ids, { by: c.get('caller').label, at: at() }, webhooks.updated))!;
    if (outcome.missing.length) {
      throw badRequest('unknown_tickets', 'Some of these tickets do not exist; none was linked.', outcome.missing.map((id) => ({ path: `ticketIds.${ids.indexOf(id)}`, message: 'No ticket with this id.' })));
    }
    webhooks.committed();
    return c.json(await incidentView(store, incident, true));
  });

  app.post('/api/incidents/:id/join', async (c) => {
    const key = idempotencyKey(c);
    const id = c.req.param('id');
    const input = parseJoin(await readJson(c, '{ agent: { accountId?, login?, name? }, site?, queue? }'));
    const contentHash = sha256(canonicalJson({ incidentId: id, ...input }));
    // The replay's copy of the receipt opens only with the Idempotency-Key, which the database does not hold.
    const seal = sha256(`${key}\n${contentHash}`);
    const receipt = newReceipt();
    const joinId = randomUUID();
    const outcome = lookable(id)
      ? await store.loop.join({
          id: joinId, incidentId: id, keyHash: sha256(`join\n${key}`), contentHash,
          agentKey: input.agent.accountId ? `account:${input.agent.accountId}` : input.agent.login ? `login:${input.agent.login}` : `join:${joinId}`,
          agent: JSON.stringify(input.agent), site: input.site, queue: input.queue,
          receiptHash: receiptHash(receipt), receiptSealed: sealReceipt(receipt, seal), at: at(),
        })
      : ({ kind: 'no-incident' } as const);
    if (outcome.kind === 'no-incident') throw notFound('open incident');
    if (outcome.kind === 'conflict') throw new HttpError(409, 'idempotency_conflict', 'This Idempotency-Key was already used for another join. A new join needs a new key.');
    const joined = (await store.loop.joinedAgents([outcome.join.incident_id])).get(outcome.join.incident_id) ?? 0;
    const given = outcome.kind === 'created' ? receipt : openReceipt(outcome.join.receipt_sealed, seal);
    return c.json({ joinId: outcome.join.id, incidentId: outcome.join.incident_id, receipt: given, joinedAgents: joined }, outcome.kind === 'created' ? 201 : 200);
  });
}

/** The one `logs` part: JSON as the logs element makes it, checked like a log attachment of a new ticket. */
async function readLogsPart(c: Context<Env>): Promise<{ name?: string; data: Buffer; redacted: number; redactionNote?: string }> {
  const boundary = boundaryOf(c.req.header('content-type'));
  const parts = parseMultipart(await readBody(bodyOf(c), TICKET_LIMITS.maxAttachmentBytes + 64 * 1024), boundary);
  const stray = parts.find((part) => part.name !== 'logs');
  if (stray || parts.length !== 1) {
    throw badRequest('unexpected_part', 'Send exactly one part, "logs", holding the logs as JSON.', [{ path: 'logs', message: 'Exactly one "logs" part is accepted.' }]);
  }
  const part = parts[0]!;
  if (part.data.length > TICKET_LIMITS.maxAttachmentBytes) {
    throw new HttpError(413, 'attachment_too_large', `The logs are ${part.data.length} bytes; at most ${TICKET_LIMITS.maxAttachmentBytes / 1024 / 1024} MB.`, [{ path: 'logs', message: 'The logs must be at most 10 MB.' }]);
  }
  if (part.contentType && essence(part.contentType) !== 'application/json') {
    throw new HttpError(415, 'type_mismatch', `The logs part is sent as "${essence(part.contentType).slice(0, 100)}"; it must be application/json.`, [{ path: 'logs', message: 'The part\'s Content-Type must be application/json.' }]);
  }
  const problem = contentProblem('application/json', part.data);
  if (problem) throw new HttpError(415, 'content_mismatch', `The logs are declared as application/json but ${problem}.`, [{ path: 'logs', message: `The file is not JSON: ${problem}.` }]);
  // The browser redacts before it sends; what the same rules still find, a careless client left
  // in. As with a new ticket's logs (redaction.ts), the secret is replaced and the logs are kept:
  // support asked for them, and refusing would leave the agent nothing to do but send them again.
  const found = redactedText('application/json', part.data);
  if (!found) return { name: part.filename, data: part.data, redacted: 0 };
  return {
    name: part.filename,
    data: found.data,
    redacted: found.total,
    redactionNote: `The service redacted values that looked like secrets, which the client had left in: ${redactionSummary(part.filename ?? 'the logs', found)}.`,
  };
}
