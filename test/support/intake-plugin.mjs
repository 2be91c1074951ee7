// web-test-runner plugin: the delivery tests talk to the REAL intake service (server/dist), started
// here with a fresh data directory, behind a small proxy that forwards the real bytes and can be
// told to fail, hold or refuse connections. It also starts the OSvC REST double. Browser tests
// import their addresses from `/__intake-env.js` and steer faults with `executeServerCommand`.
//
// Commands (payload in braces):
//   intake-fail { status, times = 1, retryAfter?, code?, message?, fields? }  answer ticket POSTs with status
//   intake-delay { ms, times = 1 }    hold ticket POSTs before forwarding (to make senders overlap)
//   intake-slow { ms, times = 1 }     read ticket uploads slowly (a pause of ms per received chunk)
//   intake-down / intake-up           stop / resume listening: connections are refused meanwhile
//   intake-reset-faults               clear all of the above and the request log
//   intake-requests { id? }           ticket POSTs that reached the proxy (for one Idempotency-Key)
//   intake-count { id }               tickets with that id the service stored (asked through its API)
//   intake-support { method, path, body? }  support's side (the admin key, never in the browser): { status, body }
//   module-fail { path, times = 1, status = 503 }  answer the next requests for this file of the
//                                     test server with status (the server of the page's code gone for
//                                     a moment); clears the browser's cache and answers how many of
//                                     the previous fault's were left unmet
//   storage-quota { origin, bytes | null }  shrink Chromium's storage quota for an unused origin (CDP)
//   osvc-requests / osvc-reset / osvc-fail { status, times, body? } / osvc-next-request-after { ms }
import { createServer, request as httpRequest } from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startOsvcRestDouble } from './osvc-rest-double.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVER_ENTRY = join(ROOT, 'server', 'dist', 'server', 'index.js');
const INTAKE_KEY = 'test-intake-key';
const ADMIN_KEY = 'test-admin-key';
const TICKETS_PATH = '/api/tickets';

export function intakePlugin() {
  /** @type {{ intake?: { url: string, close(): Promise<void> }, proxy?: Awaited<ReturnType<typeof startFaultProxy>>, osvc?: import('./osvc-rest-double.d.mts').OsvcRestDouble, dataDir?: string, sessionToken: string, quotaSession?: { send(method: string, params: object): Promise<unknown>, detach(): Promise<void> }, origin?: string, missing?: string }} */
  const state = { sessionToken: `osvc-session-${randomUUID()}` };

  const need = (what) => {
    if (state.missing) throw new Error(state.missing);
    if (!state[what]) throw new Error(`The ${what} of the intake plugin is not running.`);
    return state[what];
  };

  return {
    name: 'triage-intake',

    async serverStart({ config }) {
      state.origin = `http://${config.hostname ?? 'localhost'}:${config.port}`;
      state.osvc = await startOsvcRestDouble({ sessionToken: state.sessionToken, allowedOrigin: state.origin });
      if (!existsSync(SERVER_ENTRY)) {
        // Suites that never import the env module (components) still run; delivery suites fail with this.
        state.missing = `The intake service is not built: ${SERVER_ENTRY} is missing. Run \`npm run build\` first.`;
        console.warn(`[triage-intake] ${state.missing}`);
        return;
      }
      const { startIntakeServer } = await import(pathToFileURL(SERVER_ENTRY).href);
      state.dataDir = mkdtempSync(join(tmpdir(), 'triage-intake-wtr-'));
      state.intake = await startIntakeServer({
        port: 0,
        dataDir: state.dataDir,
        apiKeys: [INTAKE_KEY],
        adminKeys: [ADMIN_KEY],
        allowedOrigins: [state.origin],
        rateLimit: { perMinute: 10_000 },
        log: () => undefined,
      });
      state.proxy = await startFaultProxy(state.intake.url);
    },

    async serverStop() {
      await state.proxy?.close();
      await state.intake?.close();
      await state.osvc?.close();
      if (state.dataDir) rmSync(state.dataDir, { recursive: true, force: true });
    },

    serve(context) {
      if (context.path !== '/__intake-env.js') return undefined;
      if (state.missing) return `throw new Error(${JSON.stringify(state.missing)});`;
      const env = {
        INTAKE_URL: state.proxy?.url ?? null,
        INTAKE_DIRECT_URL: state.intake?.url ?? null,
        INTAKE_KEY,
        OSVC_REST_BASE: state.osvc?.restBase ?? null,
        OSVC_SESSION_TOKEN: state.sessionToken,
      };
      return Object.entries(env)
        .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
        .join('\n');
    },

    async executeCommand({ command, payload = {}, session }) {
      switch (command) {
        case 'intake-fail':
          need('proxy').fail(payload);
          return true;
        case 'intake-delay':
          need('proxy').delay(payload.ms, payload.times ?? 1);
          return true;
        case 'intake-slow':
          need('proxy').slow(payload.ms, payload.times ?? 1);
          return true;
        case 'intake-down':
          await need('proxy').down();
          return true;
        case 'intake-up':
          await need('proxy').up();
          return true;
        case 'intake-reset-faults':
          await need('proxy').reset();
          return true;
        case 'intake-requests':
          return need('proxy').posts(payload.id);
        case 'intake-count':
          return countStored(need('intake').url, payload.id);
        case 'intake-support':
          return asSupport(need('intake').url, payload);
        case 'module-fail': {
          // The test runner serves files for a year of caching: without a clear, a file an earlier
          // test page loaded would come from the browser's cache and never meet the fault.
          const page = session.browser.getPage?.(session.id);
          if (!page) throw new Error('module-fail needs the Chrome launcher (CDP).');
          const cdp = await page.createCDPSession();
          await cdp.send('Network.clearBrowserCache');
          await cdp.detach();
          const left = moduleFaults.get(payload.path)?.times ?? 0;
          moduleFaults.set(payload.path, { times: payload.times ?? 1, status: payload.status ?? 503 });
          return left;
        }
        case 'osvc-requests':
          return need('osvc').requests();
        case 'osvc-reset':
          need('osvc').reset();
          return true;
        case 'osvc-fail':
          need('osvc').fail(payload.status, payload.times ?? 1, payload.body);
          return true;
        case 'osvc-next-request-after':
          need('osvc').setNextRequestAfter(payload.ms);
          return true;
        case 'storage-quota': {
          // Chromium drops the override when its DevTools session ends, so one stays open until reset,
          // and applies it only to an origin that has not used storage yet in this browser.
          await state.quotaSession?.detach().catch(() => undefined);
          state.quotaSession = undefined;
          if (payload.bytes == null) return true;
          const page = session.browser.getPage?.(session.id);
          if (!page) throw new Error('storage-quota needs the Chrome launcher (CDP).');
          state.quotaSession = await page.createCDPSession();
          await state.quotaSession.send('Storage.overrideQuotaForOrigin', { origin: payload.origin, quotaSize: payload.bytes });
          return true;
        }
        default:
          return undefined;
      }
    },
  };
}

/** Files of the test server the next requests of which fail (module-fail): path -> { times, status }. */
const moduleFaults = new Map();

/**
 * Koa middleware for the test server's `middleware` list: it runs before the dev server's own
 * (its transform cache too), so a file told to fail fails even when it was served before.
 */
export async function moduleFaultMiddleware(ctx, next) {
  const fault = moduleFaults.get(ctx.path);
  if (!fault?.times) return next();
  fault.times--;
  // The test runner marks even this cacheable for a year: the next module-fail clears the cache.
  ctx.status = fault.status;
  ctx.body = 'unavailable (module-fail)';
}

/** One call of support's API with the admin key, kept on this side so the browser never holds it. */
async function asSupport(intakeUrl, { method = 'GET', path, body }) {
  const response = await fetch(`${intakeUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_KEY}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: the text itself
  }
  return { status: response.status, body: parsed };
}

/** How many stored tickets carry this id, by walking the service's own list (newest first). */
async function countStored(intakeUrl, id) {
  let count = 0;
  let cursor = '';
  for (;;) {
    const response = await fetch(`${intakeUrl}${TICKETS_PATH}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      headers: { Authorization: `Bearer ${ADMIN_KEY}` },
    });
    if (!response.ok) throw new Error(`The intake service answered ${response.status} to the ticket list.`);
    const page = await response.json();
    count += page.items.filter((item) => item.id === id).length;
    if (!page.nextCursor) return count;
    cursor = page.nextCursor;
  }
}

/**
 * A forwarding proxy whose faults the tests steer; its port stays the same across down/up.
 * `keepHost`: forward the browser's Host header, so a service that builds URLs from it (the demo's
 * config.json) names the proxy, and the page's calls come back through it (end-to-end tests).
 */
export async function startFaultProxy(targetUrl, { keepHost = false } = {}) {
  const target = new URL(targetUrl);
  let failures = { times: 0 };
  let lateAnswers = { ms: 0, times: 0 };
  let holds = { ms: 0, times: 0 };
  let slowReads = { ms: 0, times: 0 };
  /** @type {{ key: string | undefined, at: number }[]} */
  let posts = [];

  const corsFor = (req) =>
    req.headers.origin
      ? { 'Access-Control-Allow-Origin': req.headers.origin, 'Access-Control-Expose-Headers': 'Retry-After', Vary: 'Origin' }
      : {};

  const forward = (req, res, pauseMs = 0, answerAfterMs = 0) => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: keepHost ? req.headers.host : target.host },
      },
      (answer) => {
        const reply = () => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        };
        if (answerAfterMs) setTimeout(reply, answerAfterMs);
        else reply();
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json', ...corsFor(req) });
      res.end(JSON.stringify({ error: { code: 'bad_gateway', message: 'The proxy could not reach the intake service.' } }));
    });
    if (!pauseMs) return req.pipe(upstream);
    // Backpressure the browser sees: it can only send as fast as we read.
    req.on('data', (chunk) => {
      req.pause();
      upstream.write(chunk);
      setTimeout(() => req.resume(), pauseMs);
    });
    req.on('end', () => upstream.end());
  };

  const server = createServer((req, res) => {
    const isTicketPost = req.method === 'POST' && (req.url ?? '').split('?')[0] === TICKETS_PATH;
    if (!isTicketPost) return forward(req, res);
    posts.push({ key: req.headers['idempotency-key'], at: Date.now() });
    if (failures.times > 0) {
      failures.times -= 1;
      const { status, retryAfter, code, message, fields } = failures;
      // Read the whole upload first, as a real server would, so the browser sees an answer, not a reset.
      req.resume();
      req.on('end', () => {
        const headers = { 'Content-Type': 'application/json', ...corsFor(req) };
        if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
        res.writeHead(status, headers);
        res.end(JSON.stringify({ error: { code: code ?? 'injected', message: message ?? `A ${status} the test asked for.`, fields } }));
      });
      return;
    }
    if (slowReads.times > 0) {
      slowReads.times -= 1;
      return forward(req, res, slowReads.ms);
    }
    if (lateAnswers.times > 0) {
      lateAnswers.times -= 1;
      return forward(req, res, 0, lateAnswers.ms);
    }
    if (holds.times > 0) {
      holds.times -= 1;
      setTimeout(() => forward(req, res), holds.ms);
      return;
    }
    forward(req, res);
  });

  const listen = (port) =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve(undefined);
      });
    });
  const stop = () =>
    new Promise((resolve) => {
      if (!server.listening) return resolve(undefined);
      server.close(() => resolve(undefined));
      server.closeAllConnections();
    });

  await listen(0);
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    fail(options) {
      failures = { ...options, times: options.times ?? 1 };
    },
    delay(ms, times) {
      holds = { ms, times };
    },
    slow(ms, times) {
      slowReads = { ms, times };
    },
    /** The service handles the next `times` ticket POSTs at once; their answers reach the browser `ms` later. */
    answerLate(ms, times) {
      lateAnswers = { ms, times };
    },
    down: stop,
    async up() {
      if (!server.listening) await listen(port);
    },
    async reset() {
      failures = { times: 0 };
      holds = { ms: 0, times: 0 };
      slowReads = { ms: 0, times: 0 };
      lateAnswers = { ms: 0, times: 0 };
      posts = [];
      await this.up();
    },
    posts: (key) => (key === undefined ? posts.length : posts.filter((post) => post.key === key).length),
    close: stop,
  };
}
