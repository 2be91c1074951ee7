// Shared by the intake service's tests: a real server on an ephemeral port over fresh storage,
// valid tickets, and multipart uploads built the way the browser outbox builds them.
//
// The storage and API suites run once per engine: on SQLite by default, and on PostgreSQL when
// TRIAGE_TEST_ENGINE=postgres (scripts/test-node.mjs does that when TRIAGE_TEST_DATABASE_URL
// names a server). Each test server then gets a database of its own, dropped with it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startIntakeServer, type IntakeOptions } from '../../server/index.js';

export type Engine = 'sqlite' | 'postgres';
export const ENGINE: Engine = process.env.TRIAGE_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
/** `postgres://...` of a server where tests may create and drop databases; undefined without one. */
export const TEST_DATABASE_URL = process.env.TRIAGE_TEST_DATABASE_URL || undefined;
if (ENGINE === 'postgres' && !TEST_DATABASE_URL) {
  throw new Error('TRIAGE_TEST_ENGINE=postgres needs TRIAGE_TEST_DATABASE_URL=postgres://user@host:port/postgres.');
}

/** A new, empty database on the test server; `drop()` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('No TRIAGE_TEST_DATABASE_URL to create a test database on.');
  const name = `triage_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

// A restart test starts a second server on the first one's data directory: on PostgreSQL it
// must find the first one's database too.
const databaseOf = new Map<string, { url: string; drop(): Promise<void> }>();

/** The browsers' key (role api): submits, reads its own ticket by receipt, asks for signals. */
export const API_KEY = 'test-api-key-0123456789abcdef';
/** Role support: lists, reads and downloads every ticket, changes them. */
export const SUPPORT_KEY = 'test-support-key-5566778899aabb';
export const ADMIN_KEY = 'test-admin-key-fedcba9876543210';

export interface TestServer {
  url: string;
  engine: Engine;
  dataDir: string;
  /** The PostgreSQL database the server uses, if it does. */
  databaseUrl?: string;
  logs: string[];
  /** Rows of a query on the server's storage, read directly (`?` placeholders on both engines). */
  sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T[]>;
  /** Runs the retention and the blob collection now. */
  maintain(): Promise<{ ticketsDeleted: number; blobsCollected: number }>;
  close(): Promise<void>;
  /** Stops the server; keeps the data directory and database (restart tests). */
  stop(): Promise<void>;
}

export async function startTestServer(options: Partial<IntakeOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'triage-intake-')));
  let database = databaseOf.get(dataDir);
  if (ENGINE === 'postgres' && !database && options.databaseUrl === undefined) {
    database = await createTestDatabase();
    databaseOf.set(dataDir, database);
  }
  const databaseUrl = options.databaseUrl ?? database?.url;
  const logs: string[] = [];
  const running = await startIntakeServer({
    port: 0,
    apiKeys: [API_KEY],
    supportKeys: [SUPPORT_KEY],
    adminKeys: [ADMIN_KEY],
    log: (line) => logs.push(line),
    // A test that leaves an upload hanging should not hold its server's shutdown for long.
    shutdownGraceMs: 2000,
    ...options,
    databaseUrl,
    dataDir,
  });
  return {
    url: running.url,
    engine: databaseUrl ? 'postgres' : 'sqlite',
    dataDir,
    databaseUrl,
    logs,
    sql: (query, ...params) => (databaseUrl ? pgRows(databaseUrl, query, params) : sqliteRows(join(dataDir, 'intake.sqlite'), query, params)),
    maintain: () => running.maintain(),
    stop: () => running.close(),
    async close() {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
      databaseOf.delete(dataDir);
      await database?.drop();
    },
  };
}

async function sqliteRows<T>(file: string, query: string, params: unknown[]): Promise<T[]> {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function pgRows<T>(url: string, query: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let n = 0;
    return (await client.query(query.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
  } finally {
    await client.end();
  }
}

export type TicketInput = Record<string, unknown> & { id: string; createdAt: string; summary: string };

export function makeTicket(overrides: Record<string, unknown> = {}): TicketInput {
  return {
    id: randomUUID(),
    createdAt: '2026-12-01T20:30:00.000Z',
    summary: 'Chats from the ABC queue are not routing',
    category: 'chat-routing',
    occurredAt: '2026-12-01T20:10:00-05:00',
    timeZone: 'America/New_York',
    severity: { suggested: 1, reasons: ['35 % of chats are not routing.'], chosen: 1 },
    reporter: { accountId: '42', login: 'jdoe', name: 'Jane Doe' },
    records: { queue: 'ABC' },
    ...overrides,
  };
}

export interface FileInput {
  name: string;
  type: string;
  data: Uint8Array | string;
  kind?: 'screenshot' | 'logs' | 'file';
}

/** A ticket whose `attachments` metadata matches the files. */
export function withFiles(ticket: TicketInput, files: FileInput[]): TicketInput {
  return {
    ...ticket,
    attachments: files.map((f) => ({ name: f.name, type: f.type, size: bytes(f.data).length, kind: f.kind ?? 'file' })),
  };
}

export const bytes = (data: Uint8Array | string): Uint8Array<ArrayBuffer> =>
  typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);

export function form(ticket: unknown, files: FileInput[] = []): FormData {
  const body = new FormData();
  body.append('ticket', JSON.stringify(ticket));
  for (const file of files) body.append('attachment', new Blob([bytes(file.data)], { type: file.type }), file.name);
  return body;
}

export function postTicket(
  url: string,
  ticket: TicketInput,
  files: FileInput[] = [],
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}/api/tickets`, {
    method: 'POST',
    body: form(ticket, files),
    headers: { authorization: `Bearer ${API_KEY}`, 'idempotency-key': ticket.id, ...headers },
  });
}

export const auth = (key = API_KEY) => ({ authorization: `Bearer ${key}` });

/** A GET as support by default: reading tickets is not the browser key's right. */
export async function getJson(url: string, key = SUPPORT_KEY): Promise<{ status: number; body: any; response: Response }> {
  const response = await fetch(url, { headers: auth(key) });
  return { status: response.status, body: await response.json(), response };
}

/** A real 1x1 PNG. */
export const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
);

export async function expectError(response: Response, status: number, code?: string): Promise<any> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  const body = JSON.parse(text);
  if (typeof body?.error?.message !== 'string') throw new Error(`not the contract's error shape: ${text}`);
  if (code && body.error.code !== code) throw new Error(`expected error code ${code}, got ${body.error.code}: ${text}`);
  return body;
}
