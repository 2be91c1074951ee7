// Shared by the delivery browser tests: tickets that pass the schema, real file bytes, the
// plugin's environment, and a way to wait for an outbox entry to reach a state.
import { executeServerCommand } from '@web/test-runner-commands';
import { DeliveryError, type AttachmentBytes, type OutboxEntry, type OutboxService } from '../../src/delivery.js';
import type { AttachmentMeta, Ticket } from '../../src/ticket.js';

export interface IntakeEnv {
  INTAKE_URL: string;
  INTAKE_DIRECT_URL: string;
  INTAKE_KEY: string;
  OSVC_REST_BASE: string;
  OSVC_SESSION_TOKEN: string;
}

// A variable, so the bundler leaves the plugin's virtual module to the browser.
const ENV_MODULE = '/__intake-env.js';
export const loadEnv = async (): Promise<IntakeEnv> => (await import(/* @vite-ignore */ ENV_MODULE)) as IntakeEnv;

export function makeTicket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
    summary: 'Chats from the ABC queue are not routing',
    category: 'chat-routing',
    observed: 'Chats wait in the queue and are never offered.',
    occurredAt: '2026-11-27T04:10:00-05:00',
    timeZone: 'America/New_York',
    severity: { suggested: 1, reasons: ['35 % of chats are not routing.'], chosen: 1 },
    reporter: { accountId: '42', login: 'jdoe', name: 'Jane Doe' },
    records: { queue: 'ABC' },
    ...overrides,
  };
}

/** The ticket declaring exactly these files, as the reporter does. */
export function withFiles(ticket: Ticket, files: AttachmentBytes[], kind: AttachmentMeta['kind'] = 'file'): Ticket {
  return { ...ticket, attachments: files.map((file) => ({ name: file.name, type: file.type, size: file.blob.size, kind })) };
}

/** A real PNG (the service checks magic bytes), drawn on a canvas. */
export async function pngFile(name = 'screen.png', side = 64): Promise<AttachmentBytes> {
  const canvas = new OffscreenCanvas(side, side);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#c0392b';
  context.fillRect(0, 0, side, side);
  context.fillStyle = '#ffffff';
  context.fillRect(side / 4, side / 4, side / 2, side / 2);
  return { name, type: 'image/png', blob: await canvas.convertToBlob({ type: 'image/png' }) };
}

/** A plain-text log of about `bytes` bytes. */
export function logFile(bytes: number, name = 'console.log'): AttachmentBytes {
  const line = `${new Date(0).toISOString()} INFO routing: offer chat to agent 7001 failed, retrying\n`;
  const text = line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
  return { name, type: 'text/plain', blob: new Blob([text], { type: 'text/plain' }) };
}

/** Resolves with the first state of the entry that satisfies `test`; `seen` collects every state. */
export function waitForEntry(
  outbox: OutboxService,
  id: string,
  test: (entry: OutboxEntry) => boolean,
  seen: OutboxEntry[] = [],
): Promise<OutboxEntry> {
  return new Promise((resolve) => {
    let done = false;
    const stop = outbox.watch(id, (entry) => {
      seen.push(entry);
      if (!done && test(entry)) {
        done = true;
        queueMicrotask(() => stop());
        resolve(entry);
      }
    });
  });
}

export const isSent = (entry: OutboxEntry) => entry.delivery.state === 'sent';
export const isFailed = (entry: OutboxEntry) => entry.delivery.state === 'failed';

/** Every record of every object store in the database, with Blob contents read as text. */
export async function dumpDatabase(name: string): Promise<string> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const stores = [...db.objectStoreNames];
  const parts: string[] = [];
  for (const store of stores) {
    const records = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    parts.push(`${store}: ${await serialize(records)}`);
  }
  db.close();
  return parts.join('\n');
}

async function serialize(value: unknown): Promise<string> {
  if (value instanceof Blob) return JSON.stringify(`<blob ${value.type}> ${await value.text()}`);
  if (Array.isArray(value)) return `[${(await Promise.all(value.map(serialize))).join(',')}]`;
  if (value && typeof value === 'object') {
    const fields = await Promise.all(Object.entries(value).map(async ([key, v]) => `${JSON.stringify(key)}:${await serialize(v)}`));
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

// Mocha's hooks are globals in the browser runner; typed here so tests need no @types/mocha.
type Hook = (fn: () => unknown) => void;
const hooks = globalThis as unknown as { before: Hook; after: Hook; beforeEach: Hook; afterEach: Hook };
export const before: Hook = (fn) => hooks.before(fn);
export const after: Hook = (fn) => hooks.after(fn);
export const beforeEach: Hook = (fn) => hooks.beforeEach(fn);
export const afterEach: Hook = (fn) => hooks.afterEach(fn);

/** Asks the test plugin (intake service, fault proxy, OSvC double) to do something. */
export const command = <T = unknown>(name: string, payload?: unknown) => executeServerCommand<T, unknown>(name, payload);

/** The DeliveryError a send was refused with; anything else fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeliveryError) return error;
    throw error;
  }
  throw new Error('expected the send to fail');
}
