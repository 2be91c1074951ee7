// Running the intake in production: health says whether storage answers, readiness tells a load
// balancer when to stop sending, shutdown finishes the requests in flight, and the JSON log has
// one parseable object per request with no secret in it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIntakeApp, startIntakeServer } from '../../server/index.js';
import { ADMIN_KEY, API_KEY, ENGINE, auth, createTestDatabase, form, getJson, makeTicket, postTicket, startTestServer, SUPPORT_KEY, withFiles } from '../support/server-harness.js';

/** A data directory and, on the PostgreSQL pass, a database, for a server built by hand. */
async function storage() {
  const dataDir = await mkdtemp(join(tmpdir(), 'triage-ops-'));
  const database = ENGINE === 'postgres' ? await createTestDatabase() : undefined;
  return {
    dataDir,
    databaseUrl: database?.url,
    async remove() {
      await rm(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}

describe('health and readiness', () => {
  it('answers both without a key while storage answers', async () => {
    const server = await startTestServer();
    try {
      const health = await fetch(`${server.url}/api/health`);
      assert.equal(health.status, 200);
      assert.equal((await health.json()).ok, true);
      const ready = await fetch(`${server.url}/api/ready`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { ready: true, draining: false, storage: { engine: ENGINE, reachable: true } });
    } finally {
      await server.close();
    }
  });

  it('fails readiness once draining, and both checks when storage stops answering', async () => {
    const where = await storage();
    const intake = await createIntakeApp({ ...where, apiKeys: [API_KEY], log: () => undefined });
    try {
      intake.drain();
      const draining = await intake.app.request('/api/ready');
      assert.equal(draining.status, 503);
      assert.deepEqual(await draining.json(), { ready: false, draining: true, storage: { engine: ENGINE, reachable: true } });
      assert.equal((await intake.app.request('/api/health')).status, 200, 'a draining instance is still healthy');

      await intake.store.close();
      const health = await intake.app.request('/api/health');
      assert.equal(health.status, 503);
      const body = await health.json();
      assert.equal(body.ok, false);
      assert.equal(body.error.code, 'storage_unreachable');
      assert.equal((await (await intake.app.request('/api/ready')).json()).storage.reachable, false);
    } finally {
      await where.remove();
    }
  });
});

describe('the app without its Node server', () => {
  // Served by @hono/node-server a body is read from the Node request stream; through
  // app.request() (tests, other runtimes) there is none, and the Request's own stream is read.
  it('takes a ticket with its attachment through app.request()', async () => {
    const where = await storage();
    const intake = await createIntakeApp({ ...where, apiKeys: [API_KEY], supportKeys: [SUPPORT_KEY], log: () => undefined });
    try {
      const files = [{ name: 'console.txt', type: 'text/plain', data: 'TypeError: x is undefined\n', kind: 'logs' as const }];
      const ticket = withFiles(makeTicket(), files);
      const created = await intake.app.request('/api/tickets', {
        method: 'POST',
        body: form(ticket, files),
        headers: { ...auth(), 'idempotency-key': ticket.id },
      });
      assert.equal(created.status, 201);
      const stored = await intake.app.request(`/api/tickets/${ticket.id}`, { headers: auth(SUPPORT_KEY) });
      assert.equal(stored.status, 200);
      assert.equal((await stored.json()).attachments[0].size, files[0]!.data.length);
    } finally {
      await intake.close();
      await where.remove();
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes an upload in flight, refuses new connections, and has committed the ticket', async () => {
    const where = await storage();
    try {
      const running = await startIntakeServer({ ...where, port: 0, apiKeys: [API_KEY], log: () => undefined });
      const ticket = makeTicket();
      const form = new FormData();
      form.append('ticket', JSON.stringify(ticket));
      const encoded = new Response(form);
      const body = Buffer.from(await encoded.arrayBuffer());
      const { port } = new URL(running.url);
      let closing: Promise<void> | undefined;
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const upload = request({ host: '127.0.0.1', port, path: '/api/tickets', method: 'POST', headers: {
          ...auth(), 'idempotency-key': ticket.id, 'content-type': encoded.headers.get('content-type')!, 'content-length': String(body.length),
        } });
        upload.on('response', (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, text }));
        });
        upload.on('error', reject);
        // Half the upload, then the shutdown begins, then the rest of the upload.
        upload.write(body.subarray(0, 100), () => {
          closing = running.close();
          setImmediate(() => {
            fetch(`${running.url}/api/health`).then(
              () => reject(new Error('a new connection was accepted during shutdown')),
              () => upload.end(body.subarray(100)),
            );
          });
        });
      });
      assert.equal(answer.status, 201, answer.text);
      await closing;

      const again = await startTestServer({ dataDir: where.dataDir, databaseUrl: where.databaseUrl });
      try {
        assert.equal((await getJson(`${again.url}/api/tickets/${ticket.id}`)).body.reference, JSON.parse(answer.text).reference);
      } finally {
        await again.stop();
      }
    } finally {
      await where.remove();
    }
  });
});

describe('JSON log', () => {
  it('writes one object per request with method, path, status, duration, client address and the caller label, never a key', async () => {
    const server = await startTestServer({ logFormat: 'json' });
    try {
      const ticket = makeTicket();
      assert.equal((await postTicket(server.url, ticket)).status, 201);
      await fetch(`${server.url}/api/tickets/${ticket.id}?key=${API_KEY}`, { headers: auth(SUPPORT_KEY) });
      await fetch(`${server.url}/api/tickets`, { headers: { authorization: 'Bearer a-wrong-secret-key' } });
      await fetch(`${server.url}/api/tickets/${ticket.id}`, { method: 'PATCH', headers: auth(ADMIN_KEY), body: '{"status":"waiting","reason":"r"}' });
      const entries = server.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.equal(entries.length, 4);
      assert.deepEqual(
        entries.map(({ method, path, status, level, event }) => ({ method, path, status, level, event })),
        [
          { method: 'POST', path: '/api/tickets', status: 201, level: 'info', event: 'request' },
          { method: 'GET', path: `/api/tickets/${ticket.id}`, status: 200, level: 'info', event: 'request' },
          { method: 'GET', path: '/api/tickets', status: 401, level: 'info', event: 'request' },
          { method: 'PATCH', path: `/api/tickets/${ticket.id}`, status: 200, level: 'info', event: 'request' },
        ],
      );
      for (const entry of entries) {
        assert.ok(!Number.isNaN(Date.parse(String(entry.time))));
        assert.equal(typeof entry.ms, 'number');
      }
      for (const entry of entries) assert.equal(entry.client, '127.0.0.1', 'the socket peer, with no proxy trusted');
      assert.match(String(entries[0]!.caller), /^api-[0-9a-f]{8}$/);
      assert.equal(entries[2]!.caller, null);
      const all = server.logs.join('\n');
      for (const secret of [API_KEY, ADMIN_KEY, 'a-wrong-secret-key']) assert.ok(!all.includes(secret), `the log holds ${secret}`);
    } finally {
      await server.close();
    }
  });
});

describe('request log behind a trusted proxy', () => {
  it('names the client the proxy forwarded, not the proxy', async () => {
    const server = await startTestServer({ logFormat: 'json', trustedProxies: ['127.0.0.1', '::1'] });
    try {
      await fetch(`${server.url}/api/tickets`, { headers: { ...auth(SUPPORT_KEY), 'x-forwarded-for': '203.0.113.9' } });
      await fetch(`${server.url}/api/tickets`, { headers: auth(SUPPORT_KEY) });
      const clients = server.logs.map((line) => (JSON.parse(line) as { client: unknown }).client);
      assert.deepEqual(clients, ['203.0.113.9', '127.0.0.1']);
    } finally {
      await server.close();
    }
  });
});
