// Fuzzing the intake over real HTTP: tickets with any field replaced by any value, strings with
// lone surrogates and NUL, broken multipart bodies, hostile file names and header values. Whatever
// arrives, the service answers in the contract's error shape with a 4xx that names the field,
// never a 5xx, and stays up. FUZZ_RUNS scales the run (CI runs the default, over 10,000 requests).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { API_KEY, PNG, auth, form, makeTicket, startTestServer, withFiles, type FileInput, type TestServer, SUPPORT_KEY } from '../support/server-harness.js';

// The PostgreSQL pass runs a quarter of it: the parsers are the same code, the storage is what it adds.
const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.TRIAGE_TEST_ENGINE === 'postgres' ? 500 : 2_000));
const counts = { requests: 0, rejected: 0, accepted: 0 };

/** Every answer: below 500, and either a success or `{ error: { code, message } }` (with `fields` when a field is to blame). */
async function checkAnswer(response: Response): Promise<{ status: number; body: any }> {
  counts.requests++;
  const text = await response.text();
  assert.ok(response.status < 500, `a ${response.status} answer: ${text}`);
  const body = text ? JSON.parse(text) : undefined;
  if (response.status >= 400) {
    counts.rejected++;
    assert.equal(typeof body?.error?.code, 'string', `no error code: ${text}`);
    assert.ok(body.error.message.length > 0, `no error message: ${text}`);
    for (const field of body.error.fields ?? []) {
      assert.equal(typeof field.path, 'string');
      assert.ok(field.message.length > 0);
    }
  } else counts.accepted++;
  return { status: response.status, body };
}

/** Strings a careless or hostile client sends: any code point, lone surrogates, NUL and other controls. */
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\r\nX-Injected: 1', '../../etc/passwd', '<script>alert(1)</script>', ''),
  fc.string({ maxLength: 300 }),
);

/** Any JSON value, with hostile strings in it. */
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** Where a value can be put in a ticket: every top-level field and the nested ones. */
const PATHS = [
  'id', 'createdAt', 'summary', 'category', 'observed', 'expected', 'steps', 'impact', 'impact.agentsAffected',
  'impact.agentsTotal', 'impact.interactionsAffectedPercent', 'impact.uniqueTraits', 'impact.frequency', 'workaround',
  'unsupportedPlatformChange', 'coreFunctionAffected', 'abandonment', 'abandonment.ratePercent', 'occurredAt', 'timeZone',
  'currentlyObserved', 'reporter', 'reporter.accountId', 'reporter.login', 'records', 'records.queue', 'records.chatId',
  'environment', 'environment.host', 'environment.url', 'severity', 'severity.suggested', 'severity.chosen',
  'severity.reasons', 'severity.overrideReason', 'sla', 'sla.plan', 'sla.responseDueAt', 'attachments', 'linkedStatusIncident',
];

function setPath(target: Record<string, any>, path: string, value: unknown) {
  const keys = path.split('.');
  let at = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null || Array.isArray(at[key])) at[key] = {};
    at = at[key];
  }
  at[keys.at(-1)!] = value;
}

describe('intake fuzzing', () => {
  let server: TestServer;
  // 256 MB of zeros compresses to about 256 KB; the service must never inflate what it stores.
  // Made before the server starts: compressing takes seconds on a busy machine.
  let gzipBomb: ReturnType<typeof gzipSync>;
  before(async () => {
    gzipBomb = gzipSync(Buffer.alloc(256 * 1024 * 1024), { level: 9 });
    // A rate limit far above the run, so every request reaches the parsers.
    server = await startTestServer({ rateLimit: { perMinute: 1_000_000 } });
  });
  after(async () => {
    console.log(`# fuzz: ${counts.requests} requests, ${counts.rejected} rejected with a 4xx, ${counts.accepted} accepted, 0 answered 5xx`);
    await server.close();
  });

  it('answers a ticket with any field replaced by any value with a 2xx or a 4xx naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...PATHS), anyValue), { minLength: 1, maxLength: 3 }), async (edits) => {
        const ticket = makeTicket() as Record<string, any>;
        for (const [path, value] of edits) setPath(ticket, path, value);
        const id = typeof ticket.id === 'string' && /^[\x21-\x7e]{1,200}$/.test(ticket.id) ? ticket.id : crypto.randomUUID();
        const response = await fetch(`${server.url}/api/tickets`, {
          method: 'POST',
          body: form(ticket),
          headers: { ...auth(), 'idempotency-key': id },
        });
        const { status, body } = await checkAnswer(response);
        if (status === 400 && body.error.code === 'invalid_ticket') assert.ok(body.error.fields?.length > 0, 'a refused ticket names its fields');
      }),
      { numRuns: Math.ceil(RUNS * 3.5) },
    );
  });

  it('stores strings with NUL and every code point exactly as sent, or refuses them by name', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString.filter((s) => s.trim().length > 0 && s.length <= 200), async (text) => {
        const ticket = makeTicket({ summary: text, observed: text, reporter: { login: text.slice(0, 200) } });
        const response = await fetch(`${server.url}/api/tickets`, {
          method: 'POST',
          body: form(ticket),
          headers: { ...auth(), 'idempotency-key': ticket.id },
        });
        const { status } = await checkAnswer(response);
        if (status !== 201) return;
        const stored = await fetch(`${server.url}/api/tickets/${ticket.id}`, { headers: auth(SUPPORT_KEY) });
        const { body } = await checkAnswer(stored);
        // JSON carries lone surrogates as escapes; what came back is what went in.
        assert.equal(JSON.stringify(body.summary), JSON.stringify(text));
        assert.equal(JSON.stringify(body.observed), JSON.stringify(text));
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it('answers any multipart body, boundary and content type with a 4xx', async () => {
    const part = fc.record({
      name: fc.oneof(fc.constantFrom('ticket', 'attachment', ''), hostileString),
      filename: fc.option(hostileString, { nil: undefined }),
      type: fc.option(fc.oneof(fc.constantFrom('application/json', 'image/png', 'text/plain', 'application/gzip'), hostileString), { nil: undefined }),
      data: fc.oneof(fc.uint8Array({ maxLength: 200 }), hostileString.map((s) => new TextEncoder().encode(s))),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(part, { maxLength: 4 }),
        fc.oneof(fc.constant('fuzzboundary'), fc.string({ minLength: 1, maxLength: 80 })),
        fc.oneof(fc.constant('multipart/form-data; boundary='), fc.constantFrom('text/plain', 'multipart/form-data', 'application/json', '')),
        fc.boolean(),
        async (parts, boundary, contentType, closeProperly) => {
          const chunks: Uint8Array[] = [];
          const enc = new TextEncoder();
          for (const p of parts) {
            const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
            chunks.push(enc.encode(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`), p.data, enc.encode('\r\n'));
          }
          if (closeProperly) chunks.push(enc.encode(`--${boundary}--\r\n`));
          const type = contentType.endsWith('=') ? contentType + boundary : contentType;
          const response = await fetch(`${server.url}/api/tickets`, {
            method: 'POST',
            body: Buffer.concat(chunks),
            headers: { ...auth(), 'idempotency-key': crypto.randomUUID(), ...(type && /^[\x20-\x7e]*$/.test(type) ? { 'content-type': type } : {}) },
          });
          const { status } = await checkAnswer(response);
          assert.ok(status >= 400, 'no valid ticket part, so nothing is stored');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('stores hostile file names only in their safe form', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString.filter((s) => s.length > 0), async (name) => {
        const files: FileInput[] = [{ name, type: 'text/plain', data: 'a line of log' }];
        const ticket = withFiles(makeTicket(), files);
        const body = new FormData();
        body.append('ticket', JSON.stringify(ticket));
        body.append('attachment', new Blob(['a line of log'], { type: 'text/plain' }), name);
        const response = await fetch(`${server.url}/api/tickets`, { method: 'POST', body, headers: { ...auth(), 'idempotency-key': ticket.id } });
        const { status } = await checkAnswer(response);
        if (status !== 201) return;
        const download = await fetch(`${server.url}/api/tickets/${ticket.id}/attachments/0`, { headers: auth(SUPPORT_KEY) });
        counts.requests++;
        assert.equal(download.status, 200);
        const disposition = download.headers.get('content-disposition') ?? '';
        assert.doesNotMatch(disposition, /[\r\n\u0000]/);
        assert.doesNotMatch(disposition.replace(/filename\*=UTF-8''[^;]*/, ''), /\.\.\/|\\/);
        assert.equal(await download.text(), 'a line of log');
      }),
      { numRuns: Math.ceil(RUNS / 10) },
    );
  });

  it('answers hostile header values (key, idempotency key, origin) with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, async (key, idem) => {
        // fetch refuses CR/LF in headers itself, so those go over a raw socket below.
        const printable = (s: string) => s.replace(/[^\x20-\x7e]/g, '');
        const ticket = makeTicket();
        const response = await fetch(`${server.url}/api/tickets`, {
          method: 'POST',
          body: form(ticket),
          headers: { authorization: `Bearer ${printable(key) || 'x'}`, 'idempotency-key': printable(idem), origin: `http://${printable(key)}.example` },
        });
        const { status } = await checkAnswer(response);
        assert.ok(status === 401 || status === 403 || status === 400, `expected a refusal, got ${status}`);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('does not let a CR/LF in a header split the answer', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.write(`GET /api/tickets/x HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${API_KEY}\r\nTriage-Receipt: a\rSet-Cookie: evil=1\r\nConnection: close\r\n\r\n`);
    });
    counts.requests++;
    const status = Number(raw.split(' ')[1]);
    assert.ok(status >= 400 && status < 500, raw.slice(0, 200));
    assert.doesNotMatch(raw, /^set-cookie: evil/im);
  });

  it('stores a gzip bomb in a log attachment as bytes without inflating it', async () => {
    const bomb = gzipBomb;
    const files: FileInput[] = [{ name: 'logs.ndjson.gz', type: 'application/gzip', data: bomb, kind: 'logs' }];
    const ticket = withFiles(makeTicket(), files);
    const before = process.memoryUsage().rss;
    const body = new FormData();
    body.append('ticket', JSON.stringify(ticket));
    body.append('attachment', new Blob([bomb], { type: 'application/gzip' }), 'logs.ndjson.gz');
    const { status } = await checkAnswer(await fetch(`${server.url}/api/tickets`, { method: 'POST', body, headers: { ...auth(), 'idempotency-key': ticket.id } }));
    assert.equal(status, 201);
    const download = await fetch(`${server.url}/api/tickets/${ticket.id}/attachments/0`, { headers: auth(SUPPORT_KEY) });
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), bomb);
    assert.ok(process.memoryUsage().rss - before < 128 * 1024 * 1024, 'the service did not inflate the archive');
  });

  it('refuses wrong magic bytes for every image type', async () => {
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'application/zip', 'application/gzip']) {
      const files: FileInput[] = [{ name: 'x.bin', type, data: PNG.subarray(1) }];
      const ticket = withFiles(makeTicket(), files);
      const body = new FormData();
      body.append('ticket', JSON.stringify(ticket));
      body.append('attachment', new Blob([PNG.subarray(1)], { type }), 'x.bin');
      const { status, body: answer } = await checkAnswer(await fetch(`${server.url}/api/tickets`, { method: 'POST', body, headers: { ...auth(), 'idempotency-key': ticket.id } }));
      assert.equal(status, 415, `${type}: ${JSON.stringify(answer)}`);
      assert.match(answer.error.message, /signature|not/);
    }
  });

  for (const framing of ['content-length', 'chunked'] as const) {
    it(`answers an 80 MB upload with 413 to a client that keeps sending (${framing})`, async () => {
      // node:http reports EPIPE if the service closes before it stops writing; the service reads and
      // discards up to a bound so every client sees the 413 rather than a broken pipe.
      const url = new URL(server.url);
      const total = 80 * 1024 * 1024;
      const answer = await new Promise<string>((resolve) => {
        const headers: Record<string, string> = { authorization: `Bearer ${API_KEY}`, 'idempotency-key': crypto.randomUUID(), 'content-type': 'multipart/form-data; boundary=x' };
        if (framing === 'content-length') headers['content-length'] = String(total);
        const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/api/tickets', headers }, (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve(`${res.statusCode} ${text}`));
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve(`error ${error.code}`));
        const chunk = Buffer.alloc(1024 * 1024, 0x61);
        let sent = 0;
        const pump = () => {
          while (sent < total) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      });
      counts.requests++;
      assert.match(answer, /^413 .*request_too_large/);
    });
  }

  it('answers support\'s routes, joins and logs answers of issue 12 with any body with a 2xx or a 4xx naming the field', async () => {
    const ticket = makeTicket();
    const created = await fetch(`${server.url}/api/tickets`, { method: 'POST', body: form(ticket), headers: { ...auth(), 'idempotency-key': ticket.id } });
    const { receipt } = await created.json();
    const support = { ...auth(SUPPORT_KEY), 'content-type': 'application/json' };
    const incident = await (await fetch(`${server.url}/api/incidents`, { method: 'POST', headers: support, body: JSON.stringify({ title: 't', workaround: 'w', category: 'chat-routing' }) })).json();
    await fetch(`${server.url}/api/incidents/${incident.id}/tickets`, { method: 'POST', headers: support, body: JSON.stringify({ ticketIds: [ticket.id] }) });
    const request = await (await fetch(`${server.url}/api/tickets/${ticket.id}/log-requests`, { method: 'POST', headers: support, body: JSON.stringify({ from: '2026-12-01T19:00:00Z', to: '2026-12-01T20:00:00Z' }) })).json();
    const routes: Array<{ method: string; path: string; fields: string[]; key?: string }> = [
      { method: 'PATCH', path: `/api/tickets/${ticket.id}`, fields: ['status', 'severity', 'reason', 'regradeReason'] },
      { method: 'POST', path: `/api/tickets/${ticket.id}/updates`, fields: ['kind', 'text'] },
      { method: 'POST', path: `/api/tickets/${ticket.id}/log-requests`, fields: ['from', 'to', 'note'] },
      { method: 'POST', path: '/api/incidents', fields: ['title', 'workaround', 'category', 'queue', 'site', 'statusIncidentId'] },
      { method: 'PATCH', path: `/api/incidents/${incident.id}`, fields: ['status', 'title', 'workaround'] },
      { method: 'POST', path: `/api/incidents/${incident.id}/tickets`, fields: ['ticketIds'] },
      { method: 'POST', path: `/api/incidents/${incident.id}/updates`, fields: ['text'] },
      { method: 'POST', path: `/api/incidents/${incident.id}/join`, fields: ['agent', 'site', 'queue'], key: API_KEY },
    ];
    const good: Record<string, fc.Arbitrary<unknown>> = {
      status: fc.constantFrom('acknowledged', 'closed', 'confirmed', 'resolved'), severity: fc.constantFrom(1, 2, 3, 4), regradeReason: fc.constantFrom('bcp-in-place', 'more-agents', 'other'),
      kind: fc.constantFrom('response', 'update'), category: fc.constantFrom('chat-routing', 'voice'), from: fc.constant('2026-12-01T19:00:00Z'), to: fc.constant('2026-12-01T19:30:00Z'),
      ticketIds: fc.constant([ticket.id]), agent: fc.record({ login: hostileString }, { requiredKeys: [] }),
    };
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: routes.length - 1 }),
        fc.oneof(
          { weight: 6, arbitrary: fc.dictionary(fc.constantFrom('status', 'severity', 'reason', 'regradeReason', 'kind', 'text', 'from', 'to', 'note', 'title', 'workaround', 'category', 'queue', 'site', 'statusIncidentId', 'ticketIds', 'agent'), fc.oneof(anyValue, fc.constant('ok'))) },
          { weight: 1, arbitrary: anyValue },
        ),
        fc.boolean(),
        async (index, body, wellFormed) => {
          const route = routes[index]!;
          const value = wellFormed && body && typeof body === 'object' && !Array.isArray(body)
            ? { ...Object.fromEntries(route.fields.filter((f) => good[f]).map((f) => [f, fc.sample(good[f]!, 1)[0]])), ...body }
            : body;
          const text = JSON.stringify(value) ?? 'not json';
          const response = await fetch(`${server.url}${route.path}`, {
            method: route.method,
            headers: { ...auth(route.key ?? SUPPORT_KEY), 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
            body: wellFormed ? text : text.slice(0, Math.max(0, text.length - 1)),
          });
          const answer = await checkAnswer(response);
          if (answer.status === 201 && route.path.endsWith('/updates')) assert.equal(answer.body.text, (value as { text: string }).text, 'stored as given');
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
    // The logs answer: any part, type and bytes; the follow views with hostile headers and queries.
    await fc.assert(
      fc.asyncProperty(hostileString, fc.constantFrom('logs', 'attachment', 'ticket'), fc.constantFrom('application/json', 'text/plain', ''), fc.oneof(hostileString, fc.json()), async (name, part, type, data) => {
        const body = new FormData();
        body.append(part, new Blob([data], type ? { type } : {}), name || 'x');
        await checkAnswer(await fetch(`${server.url}/api/log-requests/${request.id}/logs`, { method: 'POST', body, headers: { ...auth(), 'triage-receipt': receipt, 'idempotency-key': crypto.randomUUID() } }));
      }),
      { numRuns: Math.ceil(RUNS / 8) },
    );
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, async (rawCursor, rawSite) => {
        // A URL carries UTF-8: a lone surrogate reaches the service as U+FFFD (encodeURIComponent would throw).
        const [cursor, site] = [rawCursor, rawSite].map((text) => Buffer.from(text, 'utf8').toString('utf8')) as [string, string];
        await checkAnswer(await fetch(`${server.url}/api/tickets?sort=due&cursor=${encodeURIComponent(cursor)}`, { headers: auth(SUPPORT_KEY) }));
        await checkAnswer(await fetch(`${server.url}/api/signals?category=chat-routing&site=${encodeURIComponent(site)}`, { headers: auth() }));
        const id = encodeURIComponent(cursor) || 'x';
        await checkAnswer(await fetch(`${server.url}/api/incidents/${id}`, { headers: { ...auth(), 'triage-receipt': 'r' } }));
        await checkAnswer(await fetch(`${server.url}/api/tickets/${id}`, { headers: { ...auth(), 'triage-receipt': 'r' } }));
        await checkAnswer(await fetch(`${server.url}/api/tickets/${id}/updates`, { method: 'POST', headers: { ...auth(SUPPORT_KEY), 'content-type': 'application/json' }, body: '{"kind":"update","text":"x"}' }));
        await checkAnswer(await fetch(`${server.url}/api/log-requests/${id}/logs`, { method: 'POST', headers: { ...auth(), 'triage-receipt': 'r', 'idempotency-key': crypto.randomUUID() } }));
        await checkAnswer(await fetch(`${server.url}/api/incidents/${id}/join`, { method: 'POST', headers: { ...auth(), 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }, body: '{}' }));
      }),
      { numRuns: Math.ceil(RUNS / 10) },
    );
  });

  it('counted over 10,000 requests at the default size', () => {
    assert.ok(counts.requests >= Math.min(10_000, RUNS * 5), `${counts.requests} requests`);
  });
});
