// Shared by the intake service's tests: a real server on an ephemeral port over a fresh data
// directory, valid tickets, and multipart uploads built the way the browser outbox builds them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startIntakeServer, type IntakeOptions } from '../../server/index.js';

export const API_KEY = 'test-api-key-0123456789abcdef';
export const ADMIN_KEY = 'test-admin-key-fedcba9876543210';

export interface TestServer {
  url: string;
  dataDir: string;
  logs: string[];
  close(): Promise<void>;
  /** Stops the server; keeps the data directory (restart tests). */
  stop(): Promise<void>;
}

export async function startTestServer(options: Partial<IntakeOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'triage-intake-')));
  const logs: string[] = [];
  const running = await startIntakeServer({
    port: 0,
    apiKeys: [API_KEY],
    adminKeys: [ADMIN_KEY],
    log: (line) => logs.push(line),
    ...options,
    dataDir,
  });
  return {
    url: running.url,
    dataDir,
    logs,
    stop: () => running.close(),
    async close() {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
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

export async function getJson(url: string, key = API_KEY): Promise<{ status: number; body: any; response: Response }> {
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
