/**
 * The BUI double's file server, as a service worker: answers requests under
 * `<scope>AgentWeb/extensions/` from the files the double's Add-In Manager unpacked from an
 * uploaded zip (kept in Cache Storage), as BUI serves an add-in from the site's own origin.
 * Everything else goes to the network untouched. Registered as a module worker.
 */
import { ADDIN_CACHE } from './cache-name.js';

const worker = self as unknown as {
  registration: { scope: string };
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: string, listener: (event: any) => void): void;
};

worker.addEventListener('install', () => void worker.skipWaiting());
worker.addEventListener('activate', (event) => event.waitUntil(worker.clients.claim()));
worker.addEventListener('fetch', (event) => {
  const request: Request = event.request;
  const prefix = new URL('AgentWeb/extensions/', worker.registration.scope).href;
  if (request.method !== 'GET' || !request.url.startsWith(prefix)) return;
  event.respondWith(
    caches
      .open(ADDIN_CACHE)
      .then((cache) => cache.match(request.url, { ignoreSearch: true }))
      .then((found) => found ?? new Response('No installed add-in has this file.', { status: 404, headers: { 'Content-Type': 'text/plain' } })),
  );
});
