// Who may call: bearer keys, the CORS allow-list, the rate limit, and keys kept out of logs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_KEY, API_KEY, PNG, auth, expectError, makeTicket, postTicket, startTestServer, withFiles, type TestServer, SUPPORT_KEY } from '../support/server-harness.js';

const ALLOWED = 'https://agent.example.test';

describe('authentication', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('refuses a missing key with 401 and a Bearer challenge', async () => {
    const response = await fetch(`${server.url}/api/tickets`);
    const body = await expectError(response, 401, 'unauthorized');
    assert.match(body.error.message, /Authorization: Bearer/);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
  });

  it('refuses a wrong key, a prefix of the key, the key plus a byte and another scheme', async () => {
    for (const header of [
      'Bearer wrong',
      `Bearer ${API_KEY.slice(0, -1)}`,
      `Bearer ${API_KEY}x`,
      `Basic ${Buffer.from(`u:${API_KEY}`).toString('base64')}`,
      API_KEY,
    ]) {
      await expectError(await fetch(`${server.url}/api/tickets`, { headers: { authorization: header } }), 401, 'unauthorized');
    }
    assert.equal((await fetch(`${server.url}/api/tickets`, { headers: auth(SUPPORT_KEY) })).status, 200);
  });

  it('guards every route but health and readiness: POST, list, reads, changes, attachments, events, signals, unknown routes', async () => {
    const ticket = makeTicket();
    assert.equal((await postTicket(server.url, ticket)).status, 201);
    for (const path of [
      '/api/tickets',
      `/api/tickets/${ticket.id}`,
      `/api/tickets/${ticket.id}/events`,
      `/api/tickets/${ticket.id}/attachments/0`,
      '/api/signals?category=voice',
      '/api/nope',
    ]) {
      await expectError(await fetch(`${server.url}${path}`), 401, 'unauthorized');
    }
    const patch = await fetch(`${server.url}/api/tickets/${ticket.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"status":"resolved","reason":"x"}' });
    await expectError(patch, 401, 'unauthorized');
    for (const open of ['/api/health', '/api/ready']) assert.equal((await fetch(`${server.url}${open}`)).status, 200, open);
    await expectError(await postTicket(server.url, makeTicket(), [], { authorization: 'Bearer nope' }), 401, 'unauthorized');
  });

  it('logs refused requests with their status and no caller', async () => {
    server.logs.length = 0;
    await fetch(`${server.url}/api/tickets`, { headers: { authorization: 'Bearer wrong' } });
    assert.match(server.logs.join('\n'), / GET \/api\/tickets 401 \d+ms 127\.0\.0\.1 -$/m);
    await fetch(`${server.url}/api/tickets`, { headers: auth(SUPPORT_KEY) });
    assert.match(server.logs.join('\n'), / GET \/api\/tickets 200 \d+ms 127\.0\.0\.1 support-[0-9a-f]{8}$/m);
  });

  it('lets only support and admin keys change a ticket', async () => {
    const ticket = makeTicket();
    assert.equal((await postTicket(server.url, ticket)).status, 201);
    const change = (key: string) =>
      fetch(`${server.url}/api/tickets/${ticket.id}`, { method: 'PATCH', headers: { ...auth(key), 'content-type': 'application/json' }, body: JSON.stringify({ status: 'acknowledged', reason: 'seen' }) });
    await expectError(await change(API_KEY), 403, 'forbidden');
    assert.equal((await change(SUPPORT_KEY)).status, 200);
    assert.equal((await change(ADMIN_KEY)).status, 200);
  });

  it('never writes the key or the Authorization header to the log', async () => {
    const captured: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const writeErr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured.push(String(chunk));
      return (writeErr as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
    // This server logs to stdout, as the CLI does.
    const stdoutServer = await startTestServer({ log: undefined });
    try {
      const ticket = makeTicket();
      assert.equal((await postTicket(stdoutServer.url, ticket)).status, 201);
      await fetch(`${stdoutServer.url}/api/tickets/${ticket.id}?key=${API_KEY}`, { headers: auth(SUPPORT_KEY) });
      await fetch(`${stdoutServer.url}/api/tickets`, { headers: { authorization: 'Bearer a-wrong-secret-key' } });
      await fetch(`${stdoutServer.url}/api/tickets/${ticket.id}`, { method: 'PATCH', headers: auth(ADMIN_KEY), body: '{"status":"waiting","reason":"r"}' });
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeErr;
      await stdoutServer.close();
    }
    const output = captured.join('');
    assert.ok(output.includes('POST /api/tickets 201'), 'the request log went to stdout');
    assert.ok(output.includes('PATCH /api/tickets/'), 'the PATCH was logged');
    for (const secret of [API_KEY, ADMIN_KEY, 'a-wrong-secret-key']) {
      assert.ok(!output.toLowerCase().includes(secret.toLowerCase()), `log output contains ${secret}`);
    }
  });
});

describe('CORS allow-list', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ allowedOrigins: [ALLOWED] });
  });
  after(() => server.close());

  it('answers a preflight from an allowed origin with the headers the outbox needs', async () => {
    const response = await fetch(`${server.url}/api/tickets`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key, triage-receipt' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), ALLOWED);
    const allowHeaders = response.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const header of ['authorization', 'content-type', 'idempotency-key', 'triage-receipt']) assert.ok(allowHeaders.includes(header), header);
    assert.ok(response.headers.get('access-control-allow-methods')!.includes('POST'));
    assert.equal(response.headers.get('vary'), 'Origin');
  });

  it('adds CORS headers to real responses from an allowed origin, errors included', async () => {
    const ticket = makeTicket();
    const created = await postTicket(server.url, ticket, [], { origin: ALLOWED });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('access-control-allow-origin'), ALLOWED);
    assert.ok(created.headers.get('access-control-expose-headers')!.includes('Retry-After'));
    const refused = await fetch(`${server.url}/api/tickets`, { headers: { origin: ALLOWED } });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('access-control-allow-origin'), ALLOWED);
  });

  it('lets an allowed origin download an attachment (bytes answered outside the JSON path)', async () => {
    const files = [{ name: 'a.png', type: 'image/png', data: PNG }];
    const ticket = withFiles(makeTicket(), files);
    assert.equal((await postTicket(server.url, ticket, files, { origin: ALLOWED })).status, 201);
    const download = await fetch(`${server.url}/api/tickets/${ticket.id}/attachments/0`, { headers: { ...auth(SUPPORT_KEY), origin: ALLOWED } });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('access-control-allow-origin'), ALLOWED);
    assert.equal(download.headers.get('vary'), 'Origin');
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), PNG);
  });

  it('refuses a disallowed origin with 403, for preflights and requests', async () => {
    const evil = 'https://evil.example.test';
    const preflight = await fetch(`${server.url}/api/tickets`, { method: 'OPTIONS', headers: { origin: evil, 'access-control-request-method': 'POST' } });
    await expectError(preflight, 403, 'origin_not_allowed');
    const ticket = makeTicket();
    const post = await postTicket(server.url, ticket, [], { origin: evil });
    const body = await expectError(post, 403, 'origin_not_allowed');
    assert.match(body.error.message, /evil\.example\.test/);
    assert.equal(post.headers.get('access-control-allow-origin'), null);
    assert.equal((await fetch(`${server.url}/api/tickets/${ticket.id}`, { headers: auth(SUPPORT_KEY) })).status, 404);
    await expectError(await fetch(`${server.url}/api/tickets`, { headers: { ...auth(SUPPORT_KEY), origin: 'null' } }), 403, 'origin_not_allowed');
  });

  it('lets the service own origin through (the served demo is same-origin)', async () => {
    const response = await fetch(`${server.url}/api/tickets`, { headers: { ...auth(SUPPORT_KEY), origin: server.url } });
    assert.equal(response.status, 200);
  });
});

describe('rate limit', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ rateLimit: { perMinute: 3 } });
  });
  after(() => server.close());

  it('answers 429 with Retry-After once a key spent its budget, per key', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await fetch(`${server.url}/api/tickets`, { headers: auth(SUPPORT_KEY) })).status, 200);
    const limited = await fetch(`${server.url}/api/tickets`, { headers: auth(SUPPORT_KEY) });
    const body = await expectError(limited, 429, 'rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 20, String(retryAfter));
    assert.match(body.error.message, /try again in \d+ s/);
    // Another key has its own bucket.
    assert.equal((await fetch(`${server.url}/api/tickets`, { headers: auth(ADMIN_KEY) })).status, 200);
    // Health stays open for monitors.
    assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
  });
});
