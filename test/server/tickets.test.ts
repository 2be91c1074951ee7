// Creating, replaying and reading tickets over real HTTP against real storage (a SQLite file, or
// a PostgreSQL database on the second pass).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  API_KEY, PNG, auth, expectError, getJson, makeTicket, postTicket, startTestServer, withFiles, type TestServer, SUPPORT_KEY } from '../support/server-harness.js';

const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('POST /api/tickets', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('stores a new ticket and answers 201 with id, reference, status, receivedAt and related', async () => {
    const files = [
      { name: 'screen.png', type: 'image/png', data: PNG, kind: 'screenshot' as const },
      { name: 'console.txt', type: 'text/plain', data: 'TypeError: x is undefined\n', kind: 'logs' as const },
    ];
    const ticket = withFiles(makeTicket(), files);
    const response = await postTicket(server.url, ticket, files);
    assert.equal(response.status, 201);
    const body = await response.json();
    assert.deepEqual(Object.keys(body).sort(), ['id', 'receipt', 'receivedAt', 'reference', 'related', 'status']);
    assert.match(body.receipt, /^[A-Za-z0-9_-]{43}$/, '256 random bits, base64url');
    assert.equal(body.id, ticket.id);
    assert.match(body.reference, /^TK-\d{6}$/);
    assert.equal(body.status, 'new');
    assert.ok(!Number.isNaN(Date.parse(body.receivedAt)));
    assert.deepEqual(body.related, { reports: 0, agents: 0, minutes: 60, otherReports: 0, otherAgents: 0 });

    const stored = await getJson(`${server.url}/api/tickets/${ticket.id}`);
    assert.equal(stored.status, 200);
    assert.equal(stored.body.summary, ticket.summary);
    assert.equal(stored.body.reference, body.reference);
    assert.equal(stored.body.status, 'new');
    assert.equal(stored.body.receivedAt, body.receivedAt);
    assert.deepEqual(stored.body.records, { queue: 'ABC' });
    assert.equal(stored.body.attachments.length, 2);
    assert.equal(stored.body.attachments[0].sha256, sha(PNG));
    assert.equal(stored.body.attachments[0].size, PNG.length);
    assert.equal(stored.body.attachments[1].kind, 'logs');

    const download = await fetch(`${server.url}${stored.body.attachments[0].href}`, { headers: auth(SUPPORT_KEY) });
    assert.equal(download.status, 200);
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), PNG);
  });

  it('stores only what the schema knows: a token a client adds by mistake is not kept', async () => {
    const careless = { ...makeTicket(), sessionToken: 'Session s3cr3t-osvc-token', reporter: { login: 'ana', password: 'hunter2' } };
    assert.equal((await postTicket(server.url, careless as ReturnType<typeof makeTicket>, [])).status, 201);
    const stored = await getJson(`${server.url}/api/tickets/${careless.id}`);
    assert.equal(stored.body.reporter.login, 'ana');
    assert.equal(stored.body.sessionToken, undefined);
    assert.equal(stored.body.reporter.password, undefined);
    const rows = JSON.stringify(await server.sql('SELECT * FROM tickets WHERE id = ?', careless.id));
    assert.ok(rows.includes(careless.id));
    assert.ok(!rows.includes('s3cr3t-osvc-token') && !rows.includes('hunter2'), 'the database holds a secret');
  });

  it('redacts secrets a client left in its logs, keeps the ticket and says so in its history', async () => {
    const lines = [
      { at: '2026-12-01T20:10:01.000Z', level: 'info', message: 'GET /services/rest/connect/v1.4/incidents Authorization: Basic YWdlbnQ6czNjcjN0LXBhc3M=' },
      { at: '2026-12-01T20:10:02.000Z', level: 'warn', message: 'renewing', session_token: 'osvc-s3ss10n-7f3a9c' },
      { at: '2026-12-01T20:10:03.000Z', level: 'error', message: 'login failed: password=hunter2-agent for jdoe, ticket 261127-000431' },
    ];
    const ndjson = lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
    const files = [
      { name: 'logs.ndjson.gz', type: 'application/gzip', data: new Uint8Array(gzipSync(ndjson)), kind: 'logs' as const },
      { name: 'console.txt', type: 'text/plain', data: 'Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0\n', kind: 'file' as const },
    ];
    const listed = withFiles(makeTicket(), files);
    const [logsMeta, textMeta] = listed.attachments as Record<string, unknown>[];
    const ticket = { ...listed, attachments: [{ ...logsMeta, logs: { from: lines[0]!.at, to: lines[2]!.at, entries: 3, errors: 1, redacted: 0 } }, textMeta] };

    const response = await postTicket(server.url, ticket, files);
    assert.equal(response.status, 201, 'a ticket is never refused for what the service can redact');
    const stored = await getJson(`${server.url}/api/tickets/${ticket.id}`);
    const [logs, text] = stored.body.attachments;
    const logsBytes = new Uint8Array(await (await fetch(`${server.url}${logs.href}`, { headers: auth(SUPPORT_KEY) })).arrayBuffer());
    const kept = gunzipSync(logsBytes).toString('utf8');
    for (const secret of ['YWdlbnQ6czNjcjN0LXBhc3M=', 'osvc-s3ss10n-7f3a9c', 'hunter2-agent']) assert.ok(!kept.includes(secret), `the stored logs hold ${secret}`);
    assert.match(kept, /Authorization: Basic \[REDACTED:authorization\]/);
    assert.match(kept, /"session_token":"\[REDACTED:session\]"/);
    assert.match(kept, /password=\[REDACTED:password\] for jdoe, ticket 261127-000431/, 'what is no secret stays as it was');
    assert.equal(kept.split('\n').filter(Boolean).length, 3);
    assert.equal(logs.size, logsBytes.length, 'the ticket describes the file it holds');
    assert.equal(logs.sha256, sha(logsBytes));
    assert.equal(logs.logs.redacted, 3);
    const textBytes = await (await fetch(`${server.url}${text.href}`, { headers: auth(SUPPORT_KEY) })).text();
    assert.equal(textBytes, 'Authorization: Bearer [REDACTED:authorization]\n');

    const { body: history } = await getJson(`${server.url}/api/tickets/${ticket.id}/events`);
    assert.equal(history.events[0].type, 'created');
    assert.match(history.events[0].reason, /redacted .*3 in logs\.ndjson\.gz \(authorization, password, session\); 1 in console\.txt \(authorization\)/);

    const replay = await postTicket(server.url, ticket, files);
    assert.equal(replay.status, 200, 'the same upload redacts the same: a replay, not a conflict');
  });

  it('keeps logs the browser already redacted byte for byte, and records no redaction', async () => {
    const ndjson = `${JSON.stringify({ at: '2026-12-01T20:10:01.000Z', message: 'Authorization: Bearer [REDACTED:authorization]', sessionId: '[REDACTED:session]' })}\n`;
    const data = new Uint8Array(gzipSync(ndjson));
    const files = [{ name: 'logs.ndjson.gz', type: 'application/gzip', data, kind: 'logs' as const }];
    const ticket = withFiles(makeTicket(), files);
    assert.equal((await postTicket(server.url, ticket, files)).status, 201);
    const stored = await getJson(`${server.url}/api/tickets/${ticket.id}`);
    assert.equal(stored.body.attachments[0].sha256, sha(data));
    const { body: history } = await getJson(`${server.url}/api/tickets/${ticket.id}/events`);
    assert.equal(history.events[0].reason, null);
  });

  it('keeps the blob under its sha256: on disk beside SQLite, in the database with PostgreSQL', async () => {
    const files = [{ name: 'a.png', type: 'image/png', data: PNG }];
    const ticket = withFiles(makeTicket(), files);
    assert.equal((await postTicket(server.url, ticket, files)).status, 201);
    const hash = sha(PNG);
    const stored =
      server.engine === 'sqlite'
        ? await readFile(join(server.dataDir, 'blobs', hash.slice(0, 2), hash.slice(2)))
        : (await server.sql<{ data: Buffer }>('SELECT data FROM blobs WHERE sha256 = ?', hash))[0]!.data;
    assert.deepEqual(new Uint8Array(stored), PNG);
  });

  it('answers a replay of the same content with 200 and the same body', async () => {
    const files = [{ name: 'a.png', type: 'image/png', data: PNG }];
    const ticket = withFiles(makeTicket(), files);
    const first = await postTicket(server.url, ticket, files);
    assert.equal(first.status, 201);
    // Key order does not change the content: the hash is over canonical JSON.
    const reordered = Object.fromEntries(Object.entries(ticket).reverse()) as typeof ticket;
    const again = await postTicket(server.url, reordered, files);
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), await first.json());
  });

  it('refuses the same key with different content with 409 and keeps the first ticket', async () => {
    const ticket = makeTicket();
    assert.equal((await postTicket(server.url, ticket)).status, 201);
    await expectError(await postTicket(server.url, { ...ticket, summary: 'Something else' }), 409, 'idempotency_conflict');
    const files = [{ name: 'a.txt', type: 'text/plain', data: 'other bytes' }];
    await expectError(await postTicket(server.url, withFiles(ticket, files), files), 409, 'idempotency_conflict');
    const stored = await getJson(`${server.url}/api/tickets/${ticket.id}`);
    assert.equal(stored.body.summary, ticket.summary);
  });

  it('creates exactly one ticket from 20 concurrent duplicates', async () => {
    const files = [{ name: 'a.png', type: 'image/png', data: PNG }];
    const ticket = withFiles(makeTicket(), files);
    const responses = await Promise.all(Array.from({ length: 20 }, () => postTicket(server.url, ticket, files)));
    const statuses = responses.map((r) => r.status).sort((a, b) => a - b);
    assert.deepEqual(statuses, [...Array(19).fill(200), 201]);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    assert.equal(new Set(bodies.map((b) => b.reference)).size, 1);
    for (const [table, column] of [['tickets', 'id'], ['attachments', 'ticket_id'], ['events', 'ticket_id']] as const) {
      const [{ n }] = (await server.sql<{ n: number }>(`SELECT CAST(count(*) AS integer) AS n FROM ${table} WHERE ${column} = ?`, ticket.id)) as [{ n: number }];
      assert.equal(n, 1, `one row in ${table}`);
    }
  });

  it('requires the Idempotency-Key header and says so', async () => {
    const ticket = makeTicket();
    const missing = await fetch(`${server.url}/api/tickets`, {
      method: 'POST',
      headers: auth(),
      body: (() => {
        const f = new FormData();
        f.append('ticket', JSON.stringify(ticket));
        return f;
      })(),
    });
    const body = await expectError(missing, 400, 'idempotency_key_required');
    assert.match(body.error.message, /Idempotency-Key/);
    const mismatch = await postTicket(server.url, ticket, [], { 'idempotency-key': makeTicket().id });
    const wrong = await expectError(mismatch, 400, 'idempotency_key_mismatch');
    assert.match(wrong.error.message, /ticket\.id/);
  });

  it('lists every invalid field with the shared schema words', async () => {
    const ticket = makeTicket({
      summary: '',
      category: 'printer-jam',
      impact: { agentsAffected: 50, agentsTotal: 10 },
      severity: { suggested: 1, reasons: [], chosen: 3 },
    });
    const body = await expectError(await postTicket(server.url, ticket), 400, 'validation_failed');
    const paths = body.error.fields.map((f: { path: string }) => f.path);
    assert.ok(paths.includes('summary'), paths.join());
    assert.ok(paths.includes('category'), paths.join());
    assert.ok(paths.includes('impact.agentsAffected'), paths.join());
    assert.ok(paths.includes('severity.overrideReason'), paths.join());
    const summary = body.error.fields.find((f: { path: string }) => f.path === 'summary');
    assert.equal(summary.message, 'Summary is required.');
  });

  it('sanitises attachment file names and keeps the extension', async () => {
    const long = `${'x'.repeat(250)}.png`;
    const files = [
      { name: '../../etc/\u0000pass\u202ewd.png', type: 'image/png', data: PNG },
      { name: 'C:\\Users\\jane\\shot.png', type: 'image/png', data: PNG },
      { name: long, type: 'image/png', data: PNG },
      { name: '...', type: 'text/plain', data: 'x' },
    ];
    const ticket = withFiles(makeTicket(), files);
    assert.equal((await postTicket(server.url, ticket, files)).status, 201);
    const stored = await getJson(`${server.url}/api/tickets/${ticket.id}`);
    const names = stored.body.attachments.map((a: { name: string }) => a.name);
    assert.equal(names[0], 'passwd.png');
    assert.equal(names[1], 'shot.png');
    assert.equal(names[2].length, 100);
    assert.ok(names[2].endsWith('.png'));
    assert.equal(names[3], 'attachment.txt');
  });

  it('serves attachments as downloads with the stored type, a safe file name and nosniff', async () => {
    const files = [{ name: 'Ünïcode "quoted"; name.txt', type: 'text/plain', data: '<script>alert(1)</script>' }];
    const ticket = withFiles(makeTicket(), files);
    assert.equal((await postTicket(server.url, ticket, files)).status, 201);
    const response = await fetch(`${server.url}/api/tickets/${ticket.id}/attachments/0`, { headers: auth(SUPPORT_KEY) });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const disposition = response.headers.get('content-disposition')!;
    assert.ok(disposition.startsWith('attachment; '), disposition);
    assert.ok(disposition.includes(`filename="_n_code _quoted__ name.txt"`), disposition);
    assert.ok(disposition.includes(`filename*=UTF-8''%C3%9Cn%C3%AFcode%20%22quoted%22%3B%20name.txt`), disposition);
    assert.equal(await response.text(), '<script>alert(1)</script>');
    await expectError(await fetch(`${server.url}/api/tickets/${ticket.id}/attachments/1`, { headers: auth(SUPPORT_KEY) }), 404, 'not_found');
    await expectError(await fetch(`${server.url}/api/tickets/${ticket.id}/attachments/x`, { headers: auth(SUPPORT_KEY) }), 404, 'not_found');
  });

  it('answers 404 for an unknown ticket', async () => {
    await expectError(await fetch(`${server.url}/api/tickets/${makeTicket().id}`, { headers: auth(SUPPORT_KEY) }), 404, 'not_found');
    await expectError(await fetch(`${server.url}/api/tickets/${makeTicket().id}/events`, { headers: auth(SUPPORT_KEY) }), 404, 'not_found');
  });

  it('reports health without a key', async () => {
    const response = await fetch(`${server.url}/api/health`);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.ok, true);
    const { version } = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
    assert.equal(body.version, version);
    void API_KEY;
  });
});

describe('durability', () => {
  it('clears half-written temp files of a previous run at start', async () => {
    const first = await startTestServer();
    await first.stop();
    await mkdir(join(first.dataDir, 'tmp'), { recursive: true });
    await writeFile(join(first.dataDir, 'tmp', 'abc.partial'), 'half a screenshot');
    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      await assert.rejects(stat(join(first.dataDir, 'tmp', 'abc.partial')));
    } finally {
      await second.close();
    }
  });

  it('keeps tickets and attachment bytes across a restart on the same data directory', async () => {
    const first = await startTestServer();
    const files = [
      { name: 'screen.png', type: 'image/png', data: PNG },
      { name: 'log.json', type: 'application/json', data: '{"level":"error"}' },
    ];
    const ticket = withFiles(makeTicket(), files);
    const created = await (await postTicket(first.url, ticket, files)).json();
    await first.stop();

    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      const stored = await getJson(`${second.url}/api/tickets/${ticket.id}`);
      assert.equal(stored.status, 200);
      assert.equal(stored.body.reference, created.reference);
      assert.equal(stored.body.summary, ticket.summary);
      const png = await fetch(`${second.url}/api/tickets/${ticket.id}/attachments/0`, { headers: auth(SUPPORT_KEY) });
      assert.deepEqual(new Uint8Array(await png.arrayBuffer()), PNG);
      const json = await fetch(`${second.url}/api/tickets/${ticket.id}/attachments/1`, { headers: auth(SUPPORT_KEY) });
      assert.equal(await json.text(), '{"level":"error"}');
      // The replay after a restart is still recognised, and the next ticket gets the next reference.
      assert.equal((await postTicket(second.url, ticket, files)).status, 200);
      const next = await (await postTicket(second.url, makeTicket())).json();
      assert.equal(Number(next.reference.slice(3)), Number(created.reference.slice(3)) + 1);
    } finally {
      await second.close();
    }
  });
});

describe('GET /api/tickets', () => {
  let server: TestServer;
  const ids: string[] = [];
  before(async () => {
    server = await startTestServer();
    const plan = [
      { category: 'chat-routing', chosen: 1 },
      { category: 'voice', chosen: 2 },
      { category: 'chat-routing', chosen: 2 },
      { category: 'question', chosen: 4 },
      { category: 'chat-routing', chosen: 1 },
    ];
    for (const { category, chosen } of plan) {
      const ticket = makeTicket({ category, severity: { suggested: chosen, reasons: [], chosen } });
      assert.equal((await postTicket(server.url, ticket)).status, 201);
      ids.push(ticket.id);
    }
  });
  after(() => server.close());

  it('pages newest first with a cursor until every ticket was seen once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const { status, body } = await getJson(`${server.url}/api/tickets${query}`);
      assert.equal(status, 200);
      assert.ok(body.items.length <= 2);
      seen.push(...body.items.map((item: { id: string }) => item.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...ids].reverse());
  });

  it('filters by category, severity and status', async () => {
    const routing = await getJson(`${server.url}/api/tickets?category=chat-routing`);
    assert.deepEqual(routing.body.items.map((i: { id: string }) => i.id), [ids[4], ids[2], ids[0]]);
    const sev1 = await getJson(`${server.url}/api/tickets?category=chat-routing&severity=1`);
    assert.deepEqual(sev1.body.items.map((i: { id: string }) => i.id), [ids[4], ids[0]]);
    assert.equal(sev1.body.items[0].summary, 'Chats from the ABC queue are not routing');
    const resolved = await getJson(`${server.url}/api/tickets?status=resolved`);
    assert.deepEqual(resolved.body.items, []);
    const fresh = await getJson(`${server.url}/api/tickets?status=new&limit=100`);
    assert.equal(fresh.body.items.length, 5);
    assert.equal(fresh.body.nextCursor, null);
  });

  it('refuses invalid list parameters with the field named', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=abc', 'limit'],
      ['cursor=garbage', 'cursor'],
      ['status=open', 'status'],
      ['severity=5', 'severity'],
      ['category=printer', 'category'],
    ]) {
      const body = await expectError(await fetch(`${server.url}/api/tickets?${query}`, { headers: auth(SUPPORT_KEY) }), 400, 'validation_failed');
      assert.equal(body.error.fields[0].path, field, query);
    }
  });
});

describe('attachments in a shared directory', () => {
  it('keeps the bytes in the configured directory, where another instance on the same storage reads them', async () => {
    const shared = await mkdtemp(join(tmpdir(), 'triage-shared-'));
    const first = await startTestServer({ attachmentsDir: shared });
    try {
      const files = [{ name: 'screen.png', type: 'image/png', data: PNG }];
      const ticket = withFiles(makeTicket(), files);
      assert.equal((await postTicket(first.url, ticket, files)).status, 201);
      const hash = sha(PNG);
      assert.deepEqual(new Uint8Array(await readFile(join(shared, 'blobs', hash.slice(0, 2), hash.slice(2)))), PNG);
      await assert.rejects(stat(join(first.dataDir, 'blobs')), 'nothing in the private data directory');
      if (first.engine === 'postgres') assert.deepEqual(await first.sql('SELECT sha256 FROM blobs'), [], 'nothing in the database');
      await first.stop();

      // The same storage and shared directory, another instance's own data directory.
      const second = await startTestServer({ attachmentsDir: shared, databaseUrl: first.databaseUrl, dataDir: first.engine === 'sqlite' ? first.dataDir : undefined });
      try {
        const download = await fetch(`${second.url}/api/tickets/${ticket.id}/attachments/0`, { headers: auth(SUPPORT_KEY) });
        assert.equal(download.status, 200);
        assert.deepEqual(new Uint8Array(await download.arrayBuffer()), PNG);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
      await rm(shared, { recursive: true, force: true });
    }
  });
});
