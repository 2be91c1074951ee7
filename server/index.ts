/**
 * The reference intake service, as a library: start it on a port (tests, the web-test-runner
 * plugin, the CLI in main.ts) or take the Hono app itself.
 */
import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createIntakeApp, type IntakeApp, type IntakeOptions } from './app.js';

export { createIntakeApp, VERSION, type IntakeOptions, type IntakeApp } from './app.js';
export { MIGRATIONS, SCHEMA_VERSION, migrate, openDatabase } from './storage/sqlite.js';
export { backup, restore, maintain, BLOB_GRACE_MS, type MaintenanceResult } from './maintenance.js';
export { formatReference, type TicketStore, type BlobStore } from './storage/types.js';
export type { KeyEntry, Role } from './auth.js';

export interface RunningIntake {
  /** `http://host:port`, no trailing slash. */
  url: string;
  /** Applies the retention and collects unreferenced blobs now. */
  maintain: IntakeApp['maintain'];
  close(): Promise<void>;
}

export async function startIntakeServer(options: IntakeOptions): Promise<RunningIntake> {
  const intake = await createIntakeApp(options);
  const host = options.host ?? '127.0.0.1';
  const server = createAdaptorServer({
    fetch: intake.app.fetch,
    hostname: host,
    // Leave the process's global Request/Response alone: tests and tools share it.
    overrideGlobalObjects: false,
    serverOptions: {
      // Node answers oversized headers with 431 itself; keep the cap modest.
      maxHeaderSize: 16 * 1024,
      requestTimeout: 120_000,
      headersTimeout: 30_000,
      // Longer than any client keeps an idle connection (undici 4 s, proxies 60 s): when the
      // service closed first, a request sent on that socket at the same moment failed as a reset,
      // which a POST is never retried after.
      keepAliveTimeout: 65_000,
    },
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    maintain: () => intake.maintain(),
    close() {
      // Graceful: no new connections, requests in flight finish (up to the grace period), idle
      // keep-alive connections close as soon as their request is done, then the storage closes.
      closing ??= new Promise<void>((resolve) => {
        intake.drain();
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        const grace = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
        server.close(() => {
          clearInterval(idle);
          clearTimeout(grace);
          intake.close().then(resolve, resolve);
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
