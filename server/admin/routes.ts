/**
 * The support team's pages: sign in with an admin key, list and filter tickets, read one with its
 * attachments and history, change status or severity with a reason.
 * Every POST is checked for a same-origin source and carries the session's token, so another site
 * cannot drive the forms. Markup is in pages.ts, sessions in session.ts, styles in admin.css.
 */
import type { Context, Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { CATEGORIES } from '../../src/severity.js';
import { HttpError } from '../errors.js';

import { STATUSES, type BlobStore, type TicketStore } from '../storage/types.js';
import type { KeyRing, RateLimiter } from '../auth.js';
import type { Env } from '../app.js';
import { attachmentResponse, requireAttachment } from '../views.js';
import { bodyOf, readBody } from '../multipart.js';
import { html } from '../html.js';
import { Sessions, requireSameOrigin, sameToken } from './session.js';
import { changeNotice, detailPage, listPage, loginForm, page, webhooksPage } from './pages.js';
import type { Notifier } from '../webhooks.js';
import { slaOf, type ClockConfig } from '../clock.js';
import { dueQueue, parseIncident, parseLogRequest, parseTicketChange, parseUpdate } from '../loop.js';
import { categoryName, whenText } from './pages.js';
import { fromWallClock, loopForms } from './loop-pages.js';
import { randomUUID } from 'node:crypto';
import type { TicketRow } from '../storage/types.js';

export interface AdminDeps {
  store: TicketStore;
  blobs: BlobStore;
  keys: KeyRing;
  now: () => Date;
  secureCookies: boolean;
  /** Sign-in attempts per client address; admin keys set by hand may be guessable. */
  loginLimiter: RateLimiter;
  webhooks: Notifier;
  /** Whether any webhook endpoint is configured (the deliveries page says so otherwise). */
  webhooksConfigured: boolean;
  /** The SLA clock's plan and calendar (../clock.ts). */
  clock: ClockConfig;
}

const PAGE_SIZE = 50;
// Read once: the stylesheet ships beside this module (the build copies it).
const ADMIN_CSS = readFileSync(new URL('./admin.css', import.meta.url), 'utf8');

// The brand's dark square with a white check, drawn without script or style.
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1d2330"/>' +
  '<path d="M4 8.5l2.5 2.5L12 5.5" fill="none" stroke="#fff" stroke-width="2"/></svg>';

export function mountAdmin(app: Hono<Env>, deps: AdminDeps): void {
  const sessions = new Sessions(deps.now, deps.secureCookies);
  const { store, blobs } = deps;

  for (const path of ['/admin', '/admin/*']) {
    app.use(path, async (c, next) => {
      c.header('Cache-Control', 'no-store');
      await next();
    });
  }

  app.get('/admin/admin.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(ADMIN_CSS);
  });

  // The tab's icon, so a browser's icon request gets an answer (an image, which the CSP's img-src allows).
  app.get('/admin/favicon.svg', (c) => {
    c.header('Content-Type', 'image/svg+xml');
    c.header('Cache-Control', 'max-age=86400');
    return c.body(FAVICON);
  });

  app.get('/admin/login', (c) => c.html(page('Sign in', loginForm()).value));

  app.post('/admin/login', async (c) => {
    requireSameOrigin(c);
    const wait = deps.loginLimiter.take(`login:${c.get('client')}`);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.html(page('Sign in', loginForm(`Too many attempts. Try again in ${wait} seconds.`)).value, 429);
    }
    const form = await readForm(c);
    const caller = deps.keys.identify(form.get('key') ?? '');
    if (!caller || caller.role !== 'admin') {
      return c.html(page('Sign in', loginForm('That key is not an admin key.')).value, 401);
    }
    sessions.start(c, caller.label);
    return c.redirect('/admin', 303);
  });

  app.post('/admin/logout', async (c) => {
    requireSameOrigin(c);
    sessions.end(c);
    return c.redirect('/admin/login', 303);
  });

  app.get('/admin', async (c) => {
    const session = sessions.of(c);
    if (!session) return c.redirect('/admin/login', 303);
    const filter = {
      status: pick(c.req.query('status'), STATUSES),
      category: pick(c.req.query('category'), CATEGORIES),
      severity: pick(c.req.query('severity'), ['1', '2', '3', '4'] as const),
    };
    if (c.req.query('sort') === 'due') {
      const queue = (await dueQueue(deps, { ...filter, severity: filter.severity ? Number(filter.severity) : undefined })).slice(0, PAGE_SIZE * 2);
      return c.html(page('Due queue', listPage(queue.map((e) => e.row), filter, undefined, new Map(queue.map((e) => [e.row.id, e.sla])), 'due'), session).value);
    }
    const before = Number(c.req.query('before'));
    const rows = await store.list({
      status: filter.status,
      category: filter.category,
      severity: filter.severity ? Number(filter.severity) : undefined,
      beforeSeq: Number.isInteger(before) && before > 0 ? before : undefined,
      limit: PAGE_SIZE + 1,
    });
    const shown = rows.slice(0, PAGE_SIZE);
    const older = rows.length > PAGE_SIZE ? shown[shown.length - 1]!.seq : undefined;
    const clocks = await store.loop.clocksOf(shown.map((row) => row.id));
    const slas = new Map(shown.map((row) => [row.id, slaOf(row, clocks.get(row.id), deps.clock, deps.now())]));
    return c.html(page('Tickets', listPage(shown, filter, older, slas), session).value);
  });

  const ticketPage = async (c: Context<Env>, id: string, error?: string) => {
    const session = sessions.of(c)!;
    const row = (await store.getTicket(id))!;
    const history = await store.eventsOf(row.id);
    const notice = error ? undefined : changeNotice(history, c.req.query('changed'));
    const body = detailPage(row, await store.attachmentsOf(row.id), history, session, error, notice, await loopOf(row, session));
    return c.html(page(row.reference, body, session).value, error ? 400 : 200);
  };

  /** The SLA on the service's clock and the loop's forms for one ticket. */
  const loopOf = async (row: TicketRow, session: NonNullable<ReturnType<Sessions['of']>>) => {
    const ticket = JSON.parse(row.document) as { records?: { queue?: string }; reporter?: { site?: string } };
    const [clock, updates, requests, incident, open] = await Promise.all([
      store.loop.clockOf(row.id), store.loop.updatesOf(row.id), store.loop.logRequestsOf([row.id]), store.loop.incidentOfTicket(row.id),
      store.loop.incidents({ status: 'confirmed', limit: 50 }),
    ]);
    const now = deps.now();
    return {
      sla: slaOf(row, clock, deps.clock, now),
      forms: loopForms({
        base: `/admin/tickets/${encodeURIComponent(row.id)}`, session, updates, requests, incident, open, category: row.category,
        queue: ticket.records?.queue, site: ticket.reporter?.site, now, timeZone: deps.clock.calendar.timeZone, when: whenText, categoryName,
      }),
    };
  };

  /** A form post on one ticket: same origin, a session, its token; `act` answers the event ids it recorded. */
  const ticketForm = (path: string, act: (row: TicketRow, form: URLSearchParams, by: string) => Promise<number[]>) =>
    app.post(`/admin/tickets/:id/${path}`, async (c) => {
      requireSameOrigin(c);
      const session = sessions.of(c);
      if (!session) return c.redirect('/admin/login', 303);
      const row = await store.getTicket(c.req.param('id'));
      if (!row) return c.html(page('Not found', html`<p>No ticket with this id.</p>`, session).value, 404);
      const form = await readForm(c);
      if (!sameToken(form.get('csrf') ?? '', session.csrf)) {
        return c.html(page('Refused', html`<p>This form is out of date. Reload the ticket and try again.</p>`, session).value, 403);
      }
      let events: number[];
      try {
        events = await act(row, form, session.label);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        return ticketPage(c, row.id, (error.fields ?? []).map((f) => f.message).join(' ') || error.message);
      }
      if (events.length) deps.webhooks.committed();
      return c.redirect(`/admin/tickets/${encodeURIComponent(row.id)}?changed=${events.length ? events.join(',') : 'none'}`, 303);
    });

  const latestEvent = async (ticketId: string) => (await store.eventsOf(ticketId)).at(-1)!.id;

  ticketForm('updates', async (row, form, by) => {
    const update = parseUpdate({ kind: form.get('kind') ?? undefined, text: form.get('text') ?? undefined });
    await store.loop.postUpdate(row.id, { id: randomUUID(), kind: update.kind, body: update.text }, { by, at: deps.now().toISOString() }, deps.webhooks.updated);
    return [await latestEvent(row.id)];
  });

  ticketForm('log-requests', async (row, form, by) => {
    const zone = deps.clock.calendar.timeZone;
    const from = fromWallClock(form.get('from') ?? '', zone) ?? form.get('from');
    const to = fromWallClock(form.get('to') ?? '', zone) ?? form.get('to');
    const request = parseLogRequest({ from, to, note: form.get('note') || undefined });
    await store.loop.createLogRequest({ id: randomUUID(), ticketId: row.id, ...request }, { by, at: deps.now().toISOString() }, deps.webhooks.updated);
    return [await latestEvent(row.id)];
  });

  ticketForm('incident', async (row, form, by) => {
    const at = deps.now().toISOString();
    let incidentId = form.get('incidentId') ?? '';
    if (!incidentId) {
      const input = parseIncident({
        title: form.get('title') ?? undefined, workaround: form.get('workaround') ?? undefined, category: form.get('category') ?? undefined,
        queue: form.get('queue') || undefined, site: form.get('site') || undefined, statusIncidentId: form.get('statusIncidentId') || undefined,
      });
      incidentId = (await store.loop.createIncident({
        id: randomUUID(), title: input.title, workaround: input.workaround, category: input.category, queue: input.queue, site: input.site,
        status_incident_id: input.statusIncidentId, created_at: at, created_by: by,
      })).id;
    }
    const linked = await store.loop.linkTickets(incidentId, [row.id], { by, at }, deps.webhooks.updated);
    if (!linked) throw new HttpError(400, 'validation_failed', 'No incident with this id.', [{ path: 'incidentId', message: 'Choose one of the confirmed incidents.' }]);
    return [await latestEvent(row.id)];
  });

  /** A form post of a signed-in admin that is not about one ticket: same origin, a session, its token. */
  const adminForm = <P extends string>(path: P, act: (c: Context<Env, P>, form: URLSearchParams, session: NonNullable<ReturnType<Sessions['of']>>) => Promise<Response>) =>
    app.post(path, async (c) => {
      requireSameOrigin(c);
      const session = sessions.of(c);
      if (!session) return c.redirect('/admin/login', 303);
      const form = await readForm(c);
      if (!sameToken(form.get('csrf') ?? '', session.csrf)) {
        return c.html(page('Refused', html`<p>This form is out of date. Reload the page and try again.</p>`, session).value, 403);
      }
      return act(c, form, session);
    });

  adminForm('/admin/incidents/:id/resolve', async (c, form, session) => {
    const changed = c.req.param('id').length <= 100 ? await store.loop.changeIncident(c.req.param('id'), { status: 'resolved' }, deps.now().toISOString()) : undefined;
    if (!changed) return c.html(page('Not found', html`<p>No incident with this id.</p>`, session).value, 404);
    // Back to the ticket the form was on, and only to an admin ticket page.
    const back = form.get('ticket') ?? '';
    return c.redirect(/^\/admin\/tickets\/[^/?#]+$/.test(back) ? back : '/admin', 303);
  });

  app.get('/admin/tickets/:id', async (c) => {
    const session = sessions.of(c);
    if (!session) return c.redirect('/admin/login', 303);
    const row = await store.getTicket(c.req.param('id'));
    if (!row) return c.html(page('Not found', html`<p>No ticket with this id.</p>`, session).value, 404);
    return ticketPage(c, row.id);
  });

  // The ticket page confirms what changed: the redirected GET reads the events named here.
  ticketForm('change', async (row, form, by) => {
    const change = parseTicketChange({
      status: form.get('status') || undefined,
      severity: form.get('severity') ? Number(form.get('severity')) : undefined,
      reason: form.get('reason') ?? '',
      regradeReason: form.get('regradeReason') || undefined,
    }, row);
    const events = await store.loop.changeTicket(row.id, change, { by, at: deps.now().toISOString(), reason: change.reason }, deps.webhooks.updated);
    return (events ?? []).map((event) => event.id);
  });

  app.get('/admin/webhooks', async (c) => {
    const session = sessions.of(c);
    if (!session) return c.redirect('/admin/login', 303);
    const deliveries = await store.listDeliveries(PAGE_SIZE * 2);
    return c.html(page('Webhooks', webhooksPage(deliveries, session, deps.webhooksConfigured, c.req.query('retried')), session).value);
  });

  adminForm('/admin/webhooks/:id/retry', async (c, _form, session) => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || !(await store.retryDelivery(id, deps.now().toISOString()))) {
      return c.html(page('Not found', html`<p>No undelivered webhook with this id.</p>`, session).value, 404);
    }
    deps.webhooks.committed();
    return c.redirect(`/admin/webhooks?retried=${id}`, 303);
  });

  app.get('/admin/tickets/:id/attachments/:index', async (c) => {
    if (!sessions.of(c)) return c.redirect('/admin/login', 303);
    const row = await store.getTicket(c.req.param('id'));
    if (!row) throw new HttpError(404, 'not_found', 'No ticket with this id.');
    return attachmentResponse(blobs, await requireAttachment(store, row.id, c.req.param('index')));
  });
}

async function readForm(c: Context<Env>): Promise<URLSearchParams> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new HttpError(415, 'unsupported_media_type', 'Send the form as application/x-www-form-urlencoded.');
  }
  return new URLSearchParams((await readBody(bodyOf(c), 64 * 1024)).toString('utf8'));
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}
