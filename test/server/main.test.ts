// The CLI behind `npm start`: configuration from the environment, keys generated once and kept,
// graceful shutdown on SIGTERM.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE, createTestDatabase, makeTicket } from '../support/server-harness.js';

interface Cli {
  url: string;
  output: () => string;
  stop(): Promise<number | null>;
}

const running = new Set<ReturnType<typeof spawn>>();
// On the PostgreSQL pass the CLI stores in a database of its own per data directory.
const databases = new Map<string, Awaited<ReturnType<typeof createTestDatabase>>>();

async function startCli(env: Record<string, string>): Promise<Cli> {
  let databaseUrl = '';
  if (ENGINE === 'postgres' && env.TRIAGE_DATA_DIR) {
    if (!databases.has(env.TRIAGE_DATA_DIR)) databases.set(env.TRIAGE_DATA_DIR, await createTestDatabase());
    databaseUrl = databases.get(env.TRIAGE_DATA_DIR)!.url;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', TRIAGE_API_KEY: '', TRIAGE_SUPPORT_KEY: '', TRIAGE_ADMIN_KEY: '', TRIAGE_KEYS_FILE: '', TRIAGE_DATABASE_URL: databaseUrl, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      // The banner is complete once the data line is out.
      const match = /intake service on (http:\/\/\S+)[\s\S]*\n  data /.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => reject(new Error(`the CLI exited with ${code}: ${output}`)));
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

const keyIn = (output: string, what: 'API' | 'support' | 'admin') => new RegExp(`${what}\\s+\\S+\\s+key: (\\S+)`).exec(output)![1]!;

/** Runs a one-shot command of the CLI (backup, restore, maintain) to its end. */
function runCommand(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { env: { ...process.env, TRIAGE_DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('CLI (server/main.ts)', () => {
  after(async () => {
    for (const child of running) child.kill('SIGKILL');
    for (const database of databases.values()) await database.drop();
  });

  it('generates keys once, keeps them in keys.json (0600) across restarts, and shuts down cleanly', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'triage-cli-'));
    try {
      const first = await startCli({ TRIAGE_DATA_DIR: dataDir });
      const apiKey = keyIn(first.output(), 'API');
      const supportKey = keyIn(first.output(), 'support');
      const adminKey = keyIn(first.output(), 'admin');
      assert.equal(new Set([apiKey, supportKey, adminKey]).size, 3);
      const ticket = makeTicket();
      const body = new FormData();
      body.append('ticket', JSON.stringify(ticket));
      const created = await fetch(`${first.url}/api/tickets`, { method: 'POST', body, headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': ticket.id } });
      assert.equal(created.status, 201);
      const { receipt } = (await created.json()) as { receipt: string };
      assert.match(first.output(), /\/admin\s+key: /);
      assert.equal(await first.stop(), 0);
      assert.match(first.output(), /SIGTERM: closing the server and the database/);
      // The request log line has no key in it.
      assert.match(first.output(), /POST \/api\/tickets 201/);
      assert.equal(first.output().split(apiKey).length - 1, 1, 'the API key is printed once, at start, and never logged');

      const file = join(dataDir, 'keys.json');
      assert.equal((await stat(file)).mode & 0o777, 0o600);
      assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { apiKey, supportKey, adminKey });

      const second = await startCli({ TRIAGE_DATA_DIR: dataDir });
      try {
        assert.equal(keyIn(second.output(), 'API'), apiKey);
        assert.equal(keyIn(second.output(), 'support'), supportKey);
        const ownByReceipt = await fetch(`${second.url}/api/tickets/${ticket.id}`, { headers: { authorization: `Bearer ${apiKey}`, 'triage-receipt': receipt } });
        assert.equal(ownByReceipt.status, 200);
        assert.equal((await fetch(`${second.url}/api/tickets`, { headers: { authorization: `Bearer ${apiKey}` } })).status, 403);
        const stored = await fetch(`${second.url}/api/tickets/${ticket.id}`, { headers: { authorization: `Bearer ${supportKey}` } });
        assert.equal(stored.status, 200);
        const health = await fetch(`${second.url}/api/health`);
        assert.deepEqual(await health.json(), { ok: true, version: '0.1.0' });
      } finally {
        assert.equal(await second.stop(), 0);
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('backs up a running service and restores the backup into a new data directory', { skip: ENGINE === 'postgres' ? 'pg_dump backs up PostgreSQL' : false }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'triage-cli-'));
    const keys = { TRIAGE_API_KEY: 'cli-api-key-0123456789', TRIAGE_SUPPORT_KEY: 'cli-support-key-0123456789', TRIAGE_ADMIN_KEY: 'cli-admin-key-0123456789' };
    try {
      const cli = await startCli({ TRIAGE_DATA_DIR: join(dataDir, 'live'), ...keys });
      const ticket = makeTicket();
      const body = new FormData();
      body.append('ticket', JSON.stringify(ticket));
      const created = await fetch(`${cli.url}/api/tickets`, { method: 'POST', body, headers: { authorization: `Bearer ${keys.TRIAGE_API_KEY}`, 'idempotency-key': ticket.id } });
      assert.equal(created.status, 201);
      const saved = await runCommand(['backup', join(dataDir, 'backup')], { TRIAGE_DATA_DIR: join(dataDir, 'live') });
      assert.equal(saved.code, 0, saved.output);
      assert.match(saved.output, /backup in .*the SQLite database and 0 attachment blobs/);
      assert.equal(await cli.stop(), 0);

      const restored = await runCommand(['restore', join(dataDir, 'backup')], { TRIAGE_DATA_DIR: join(dataDir, 'restored') });
      assert.equal(restored.code, 0, restored.output);
      assert.match(restored.output, /restored into .*: 1 tickets/);
      const again = await startCli({ TRIAGE_DATA_DIR: join(dataDir, 'restored'), ...keys });
      try {
        const stored = await fetch(`${again.url}/api/tickets/${ticket.id}`, { headers: { authorization: `Bearer ${keys.TRIAGE_SUPPORT_KEY}` } });
        assert.equal((await stored.json()).summary, ticket.summary);
      } finally {
        assert.equal(await again.stop(), 0);
      }
      const unknown = await runCommand(['bakup'], { TRIAGE_DATA_DIR: join(dataDir, 'live') });
      assert.notEqual(unknown.code, 0);
      assert.match(unknown.output, /Unknown command "bakup"/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('uses keys, a labelled keys file and allowed origins from the environment', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'triage-cli-'));
    try {
      const keysFile = join(dataDir, 'team-keys.json');
      await writeFile(keysFile, JSON.stringify([
        { key: 'jane-admin-key-0123456789', label: 'ops-jane', role: 'admin' },
        { key: 'sam-support-key-0123456789', label: 'desk-sam', role: 'support' },
      ]));
      const cli = await startCli({
        TRIAGE_DATA_DIR: dataDir,
        TRIAGE_API_KEY: 'env-api-key-0123456789',
        TRIAGE_SUPPORT_KEY: 'env-support-key-0123456789',
        TRIAGE_ADMIN_KEY: 'env-admin-key-0123456789',
        TRIAGE_KEYS_FILE: keysFile,
        TRIAGE_ALLOWED_ORIGINS: 'https://a.example.test, https://b.example.test',
      });
      try {
        assert.equal(keyIn(cli.output(), 'API'), 'env-api-key-0123456789');
        const ticket = makeTicket();
        const body = new FormData();
        body.append('ticket', JSON.stringify(ticket));
        const created = await fetch(`${cli.url}/api/tickets`, {
          method: 'POST',
          body,
          headers: { authorization: 'Bearer env-api-key-0123456789', 'idempotency-key': ticket.id, origin: 'https://b.example.test' },
        });
        assert.equal(created.status, 201);
        assert.equal(created.headers.get('access-control-allow-origin'), 'https://b.example.test');
        const changed = await fetch(`${cli.url}/api/tickets/${ticket.id}`, {
          method: 'PATCH',
          headers: { authorization: 'Bearer jane-admin-key-0123456789', 'content-type': 'application/json' },
          body: JSON.stringify({ status: 'acknowledged', reason: 'seen' }),
        });
        assert.equal((await changed.json()).changes[0].by, 'ops-jane');
        const bySupport = await fetch(`${cli.url}/api/tickets/${ticket.id}`, {
          method: 'PATCH',
          headers: { authorization: 'Bearer sam-support-key-0123456789', 'content-type': 'application/json' },
          body: JSON.stringify({ status: 'resolved', reason: 'fixed' }),
        });
        assert.equal((await bySupport.json()).changes[0].by, 'desk-sam', 'a support key from the keys file may change tickets');
        const envSupport = await fetch(`${cli.url}/api/tickets`, { headers: { authorization: 'Bearer env-support-key-0123456789' } });
        assert.equal(envSupport.status, 200);
        const config = await (await fetch(`${cli.url}/demo/config.json`)).json();
        assert.equal(config.apiKey, 'env-api-key-0123456789');
        await assert.rejects(stat(join(dataDir, 'keys.json')), 'no keys are generated when all three are given');
      } finally {
        assert.equal(await cli.stop(), 0);
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start with a trusted proxy that is no address, naming the variable', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'triage-cli-'));
    try {
      await assert.rejects(startCli({ TRIAGE_DATA_DIR: dataDir, TRIAGE_TRUSTED_PROXIES: '10.0.0.0/8, lb.example.test' }), /TRIAGE_TRUSTED_PROXIES: Trusted proxy "lb\.example\.test"/);
      await assert.rejects(startCli({ TRIAGE_DATA_DIR: dataDir, TRIAGE_PROXY_HEADER: 'x-real-ip' }), /TRIAGE_PROXY_HEADER must be/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start with an invalid keys file, naming the problem', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'triage-cli-'));
    try {
      const keysFile = join(dataDir, 'bad.json');
      await writeFile(keysFile, JSON.stringify([{ key: 'short', role: 'admin' }]));
      await assert.rejects(startCli({ TRIAGE_DATA_DIR: dataDir, TRIAGE_KEYS_FILE: keysFile }), /\[0\]\.key must be a string of 16 characters or more/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
