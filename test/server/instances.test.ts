// Two intake processes on one PostgreSQL database, as behind a load balancer: the same ticket sent
// to both at once is stored once, references stay unique, correlation counts the reports either
// instance took, and when one is killed mid-upload the other keeps serving and takes the retry.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_KEY, API_KEY, SUPPORT_KEY, ENGINE, PNG, createTestDatabase, getJson, makeTicket, postTicket, withFiles } from '../support/server-harness.js';

interface Instance {
  url: string;
  child: ChildProcess;
  exited: Promise<unknown>;
}

async function startInstance(databaseUrl: string, dataDir: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', TRIAGE_DATA_DIR: dataDir, TRIAGE_DATABASE_URL: databaseUrl, TRIAGE_API_KEY: API_KEY, TRIAGE_SUPPORT_KEY: SUPPORT_KEY, TRIAGE_ADMIN_KEY: ADMIN_KEY, TRIAGE_KEYS_FILE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /intake service on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`the instance exited with ${code}: ${output}`)));
  });
  return { url, child, exited };
}

/** A multipart body for one ticket with a PNG attachment, as bytes. */
async function uploadBytes(ticket: ReturnType<typeof makeTicket>): Promise<{ body: Buffer; type: string }> {
  const form = new FormData();
  form.append('ticket', JSON.stringify(ticket));
  form.append('attachment', new Blob([PNG], { type: 'image/png' }), 'screen.png');
  const encoded = new Response(form);
  return { body: Buffer.from(await encoded.arrayBuffer()), type: encoded.headers.get('content-type')! };
}

describe('two instances on one PostgreSQL database', { skip: ENGINE !== 'postgres' && 'needs TRIAGE_TEST_ENGINE=postgres' }, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dirs: string[];
  let a: Instance;
  let b: Instance;

  before(async () => {
    database = await createTestDatabase();
    dirs = [await mkdtemp(join(tmpdir(), 'triage-a-')), await mkdtemp(join(tmpdir(), 'triage-b-'))];
    // Started together: both migrate the empty database, once.
    [a, b] = await Promise.all([startInstance(database.url, dirs[0]!), startInstance(database.url, dirs[1]!)]);
  });
  after(async () => {
    for (const instance of [a, b]) instance?.child.kill('SIGKILL');
    await Promise.all([a?.exited, b?.exited]);
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    await database?.drop();
  });

  it('stores a ticket sent to both instances at once exactly once, and answers every copy alike', async () => {
    const files = [{ name: 'screen.png', type: 'image/png', data: PNG }];
    const ticket = withFiles(makeTicket(), files);
    const responses = await Promise.all(Array.from({ length: 16 }, (_, i) => postTicket(i % 2 ? a.url : b.url, ticket, files)));
    assert.deepEqual(responses.map((r) => r.status).sort(), [...Array(15).fill(200), 201].sort());
    const bodies = await Promise.all(responses.map((r) => r.text()));
    assert.equal(new Set(bodies).size, 1, 'every answer is the stored one, byte for byte');
    const list = await getJson(`${a.url}/api/tickets?limit=100`);
    assert.equal(list.body.items.filter((item: { id: string }) => item.id === ticket.id).length, 1);
    const events = await getJson(`${b.url}/api/tickets/${ticket.id}/events`);
    assert.equal(events.body.events.length, 1, 'one created event');
  });

  it('gives tickets taken by either instance unique references', async () => {
    const tickets = Array.from({ length: 20 }, () => makeTicket());
    const responses = await Promise.all(tickets.map((ticket, i) => postTicket(i % 2 ? a.url : b.url, ticket)));
    assert.deepEqual(new Set(responses.map((r) => r.status)), new Set([201]));
    const references = (await Promise.all(responses.map((r) => r.json()))).map((body) => body.reference as string);
    assert.equal(new Set(references).size, 20);
    for (const reference of references) assert.match(reference, /^TK-\d{6}$/);
  });

  it('correlates reports across instances: each sees the agents the other took', async () => {
    const queue = `Q-${Date.now()}`;
    const first = makeTicket({ category: 'voice', records: { queue }, reporter: { accountId: 'acct-a', login: 'ann' } });
    const second = makeTicket({ category: 'voice', records: { queue }, reporter: { accountId: 'acct-b', login: 'bob' } });
    assert.equal((await postTicket(a.url, first)).status, 201);
    const answer = await (await postTicket(b.url, second)).json();
    assert.deepEqual(answer.related, { reports: 1, agents: 1, minutes: 60, otherReports: 1, otherAgents: 1 });
    const signals = await getJson(`${a.url}/api/signals?category=voice&queue=${queue}`);
    assert.deepEqual([signals.body.reports, signals.body.agents], [2, 2]);
  });

  it('keeps serving on one instance while the other is killed mid-upload, and takes the retry', async () => {
    const ticket = withFiles(makeTicket(), [{ name: 'screen.png', type: 'image/png', data: PNG }]);
    const { body, type } = await uploadBytes(ticket);
    const { port } = new URL(a.url);
    // Half the upload reaches A, then A dies before it could answer.
    const cut = new Promise<Error>((resolve, reject) => {
      const upload = request({ host: '127.0.0.1', port, path: '/api/tickets', method: 'POST', headers: {
        authorization: `Bearer ${API_KEY}`, 'idempotency-key': ticket.id, 'content-type': type, 'content-length': String(body.length),
      } });
      upload.on('response', (response) => reject(new Error(`A answered ${response.statusCode} to half an upload`)));
      upload.on('error', resolve);
      upload.write(body.subarray(0, body.length >> 1), () => {
        a.child.kill('SIGKILL');
      });
    });
    // Requests to B in flight while A dies all succeed.
    const during = Array.from({ length: 5 }, () => postTicket(b.url, makeTicket()));
    assert.match((await cut).message, /socket hang up|ECONNRESET|EPIPE/);
    await a.exited;
    assert.deepEqual((await Promise.all(during)).map((r) => r.status), [201, 201, 201, 201, 201]);
    assert.equal((await getJson(`${b.url}/api/tickets/${ticket.id}`)).status, 404, 'the cut upload left no ticket behind');

    // The outbox retries the same ticket; the load balancer sends it to B.
    const retry = await postTicket(b.url, ticket, [{ name: 'screen.png', type: 'image/png', data: PNG }]);
    assert.equal(retry.status, 201);
    const stored = await getJson(`${b.url}/api/tickets/${ticket.id}`);
    assert.equal(stored.body.attachments[0].size, PNG.length);
    const download = await fetch(`${b.url}${stored.body.attachments[0].href}`, { headers: { authorization: `Bearer ${SUPPORT_KEY}` } });
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), PNG);
    const health = await fetch(`${b.url}/api/health`);
    assert.equal(health.status, 200);
  });
});
