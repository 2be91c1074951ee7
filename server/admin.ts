import type { Hono } from 'hono';
import type { Env } from './app.js';
import type { BlobStore } from './blobs.js';
import type { TicketStore } from './db.js';
import type { KeyRing } from './auth.js';

export interface AdminDeps {
  store: TicketStore;
  blobs: BlobStore;
  keys: KeyRing;
  now: () => Date;
  secureCookies: boolean;
}

export function mountAdmin(_app: Hono<Env>, _deps: AdminDeps): void {}
