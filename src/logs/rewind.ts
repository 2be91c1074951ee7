/**
 * The rewind buffer: a light recording of what the page did lately, so "Attach logs" can hand
 * over the minutes around an incident without session replay. A host imports it before anything
 * else (embed file `triage-rewind.js`, 2 KB gzip) and it keeps, in memory only:
 * console calls (every level), uncaught errors and unhandled rejections with their stacks, failed
 * fetch and XHR calls (method, URL without query values, status, duration; never bodies or
 * headers), WebSocket opens, errors and closes (never messages), visibility and navigation.
 *
 * It never throws into the host: every patched function is a Proxy of the original (same name,
 * length and prototype; `toString` reads as native code), called with the same `this` and arguments, its return value
 * and exceptions passed through untouched; the recording around it swallows its own failures.
 * The buffer is bounded by entry count and by size, oldest dropped first.
 *
 * A console call costs the host a Proxy call and a slot write: its arguments are kept as they
 * are and written out (then redacted by collect.ts) only when someone collects. So an object
 * logged and changed afterwards reads as it is then, as in DevTools, and the objects of the last
 * `maxEntries` calls stay reachable until their slot is written over.
 */
import type { LogEntry, LogSource, LogWindow } from './sources.js';

// The registry of sources.ts, reached by its symbol rather than imported: the embed file then
// needs no chunk shared with the logs tool (which costs a request and its own gzip overhead).
const SOURCES = Symbol.for('triage-kit.log-sources');

export interface RewindOptions {
  /** Entries kept at most (default 2000). */
  maxEntries?: number;
  /** Characters kept at most across all entries (default 512 KiB). */
  maxChars?: number;
}

export interface Rewind {
  /** The recorded entries inside a window, oldest first. */
  collect(window: LogWindow): LogEntry[];
  clear(): void;
}

type Kind = 'console' | 'error' | 'network' | 'websocket' | 'page';
/**
 * One entry: when, level, kind, a console call's arguments as the host passed them (or a message
 * already written out), what it counts for in the character budget while held, and extra fields.
 */
type Slot = [at: number, level: string, kind: Kind, payload: string | unknown[] | undefined, cost: number, extra?: Record<string, unknown>];

const INSTALLED = Symbol.for('triage-kit.rewind');
const CONSOLE_LEVELS = ['debug', 'log', 'info', 'warn', 'error', 'trace'] as const;
/** What each entry costs on top of its message, in the character budget. */
const ENTRY_OVERHEAD = 64;
/** Characters per entry; how deep and how many keys or items of console arguments are written out. */
const MAX_ENTRY_CHARS = 2000;
const MAX_DEPTH = 3;
const MAX_KEYS = 20;
/** What an argument that is not a string is counted as while it is held, before it is written out. */
const VALUE_ESTIMATE = 16;

/**
 * Starts recording (once per page: a second call, from a second copy of triage-kit too, returns
 * the recorder already running and ignores its options). Registers the 'rewind' log source.
 */
export function installRewind(options: RewindOptions = {}): Rewind {
  const scope = globalThis as { [INSTALLED]?: Rewind };
  return (scope[INSTALLED] ??= createRewind(options));
}

function createRewind({ maxEntries = 2000, maxChars = 512 * 1024 }: RewindOptions): Rewind {
  // A ring of slots, each allocated on its first use and written over ever after: `size` entries ending just before `next`,
  // the oldest overwritten first. A console call is the host's hot path (thousands a minute on a
  // CTI desktop), so it only keeps its arguments as they are and the time: writing them out, and
  // the redaction after it, happen when someone collects. Rare entries (network, errors, page)
  // are written out at once, as a string message.
  const slots: Slot[] = [];
  let next = 0;
  let size = 0;
  let chars = 0;
  let busy = false;
  // The clock, read once per task (until the next microtask checkpoint): Date.now() costs
  // Chromium here 350 ns, more than all the rest of a console call's recording. So the entries
  // of one task share its first entry's time, and a task that logs over a long computation dates
  // its later entries up to that task's length early.
  let clock: number | undefined;
  const expire = () => (clock = undefined);

  /**
   * Keeps one entry, dropping the oldest past either cap. A message counts its length; held
   * console arguments count their strings' length and a flat estimate for anything else, and
   * collect() holds what it hands over to the character budget exactly, once it is written out.
   */
  function record(level: string, payload: string | unknown[], kind: Kind = 'console', extra?: Record<string, unknown>): void {
    let cost = ENTRY_OVERHEAD;
    if (typeof payload === 'string') cost += (payload = cut(payload)).length;
    else for (const value of payload) cost += typeof value === 'string' ? value.length : VALUE_ESTIMATE;
    const slot = (slots[next] ??= [] as unknown as Slot);
    if (size === maxEntries) chars -= slot[4];
    else size++;
    slot[0] = clock ??= (queueMicrotask(expire), Date.now());
    slot[1] = level;
    slot[2] = kind;
    slot[3] = payload;
    slot[5] = extra;
    chars += slot[4] = cost;
    if (++next === maxEntries) next = 0;
    while (chars > maxChars && size > 1) {
      const oldest = slots[(next - size-- + maxEntries) % maxEntries]!;
      chars -= oldest[4];
      oldest[3] = oldest[5] = undefined;
    }
  }

  /**
   * Records without ever throwing, and without recording what recording itself may log. The
   * arguments are passed on rather than closed over, so a patched call allocates no closure.
   */
  function safely<A, B, R>(work: (a: A, b: B) => R, a?: A, b?: B): R | undefined {
    if (busy) return;
    busy = true;
    try {
      return work(a!, b!);
    } catch {
      // The host's call goes on whatever happened here.
    } finally {
      busy = false;
    }
  }

  function describe(value: unknown, depth: number, seen: object[]): string {
    if (typeof value === 'string') return depth ? JSON.stringify(cut(value)) : cut(value);
    if (typeof value === 'function') return `[Function ${value.name}]`;
    if (!value || typeof value !== 'object') return String(value);
    // V8's stack starts with the name and message; other engines' stacks do not.
    if (value instanceof Error) return value.stack?.includes(value.message) ? value.stack : `${value}\n${value.stack}`;
    if (seen.includes(value)) return '[Circular]';
    const list = Array.isArray(value);
    if (depth >= MAX_DEPTH) return list ? '[…]' : '{…}';
    if ((value as Node).nodeName) return `<${(value as Node).nodeName}>`;
    seen.push(value);
    // An array's items, or an object's keys.
    const keys: unknown[] = list ? value : Object.keys(value);
    const items = keys.slice(0, MAX_KEYS);
    const parts = items.map((item) =>
      list ? describe(item, depth + 1, seen) : `${JSON.stringify(item)}:${describe((value as Record<string, unknown>)[item as string], depth + 1, seen)}`,
    );
    seen.pop();
    const more = keys.length - items.length;
    if (more > 0) parts.push(`…${more} more`);
    return list ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
  }

  const text = (values: readonly unknown[]) => values.map((value) => describe(value, 0, [])).join(' ');

  /**
   * Replaces owner[key] with a Proxy that calls `around` first; `around` may return an after-hook,
   * which sees the result and returns what the caller gets (the same result, or a promise settling
   * exactly like it).
   */
  function patch<T>(owner: object | undefined, key: string, around: (self: any, args: any[]) => ((result: T) => T | void) | void): void {
    const target = owner as Record<string, unknown> | undefined;
    const original = target?.[key];
    if (typeof original !== 'function') return;
    target![key] = new Proxy(original, {
      apply(fn, self, args) {
        const after = safely(around, self, args);
        const result = Reflect.apply(fn, self, args) as T;
        return (after && safely(after, result)) ?? result;
      },
    });
  }

  const g = globalThis as any;

  for (const level of CONSOLE_LEVELS) patch(g.console, level, (_self, args) => record(level, args));
  patch(g.console, 'assert', (_self, [ok, ...args]) => {
    if (!ok) record('error', ['Assertion failed', ...args]);
  });

  const failed = (method: string, url: string, status: number, began: number, why?: string) =>
    record('error', `${method} ${url} ${why ?? status}`, 'network', { method, url, status, durationMs: Math.round(performance.now() - began) });

  patch<Promise<Response>>(g, 'fetch', (_self, [input, init]) => {
    const began = performance.now();
    const method = String(init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const url = bare(input instanceof Request ? input.url : String(input));
    // A promise settling like the host's, rather than a handler on it: a rejection nobody
    // handles must still reach the host's 'unhandledrejection' listeners.
    return (reply) =>
      reply.then(
        (response) => {
          // Network errors reject; a resolved status 0 is an opaque (no-cors) answer, not a failure.
          safely(() => response.status >= 400 && failed(method, url, response.status, began));
          return response;
        },
        (error) => {
          safely(() => failed(method, url, 0, began, String(error)));
          throw error;
        },
      );
  });

  // Timed from open(), which a page calls right before send(): one patch instead of two.
  const requests = new WeakMap<XMLHttpRequest, [method: string, url: string, began: number]>();
  function onLoadEnd(this: XMLHttpRequest) {
    const [method, url, began] = requests.get(this)!;
    if (!this.status || this.status >= 400) safely(() => failed(method, url, this.status, began, this.status ? undefined : 'failed'));
  }
  patch(g.XMLHttpRequest?.prototype, 'open', (self: XMLHttpRequest, [method, url]) => {
    if (!requests.has(self)) self.addEventListener('loadend', onLoadEnd);
    requests.set(self, [String(method).toUpperCase(), bare(String(url)), performance.now()]);
  });

  if (typeof g.WebSocket === 'function') {
    g.WebSocket = new Proxy(g.WebSocket, {
      construct(target, args, newTarget) {
        const socket: WebSocket = Reflect.construct(target, args, newTarget);
        safely(() => {
          const url = bare(String(args[0]));
          for (const type of ['open', 'error', 'close']) {
            socket.addEventListener(type, (event) =>
              safely(() => {
                const { code, wasClean } = event as CloseEvent;
                const level = type === 'error' ? 'error' : wasClean === false ? 'warn' : 'info';
                record(level, `WebSocket ${type} ${url}${code ? ` code ${code}` : ''}`, 'websocket', { url, code, wasClean });
              }),
            );
          }
        });
        return socket;
      },
    });
  }

  if (typeof window === 'object') {
    const pageEntry = (what: string) => record('info', `Page ${what} ${bare(location.href)}`, 'page');
    const page = (what: string) => safely(pageEntry, what);
    window.addEventListener('error', (event) =>
      safely(() => record('error', event.error instanceof Error ? [event.error] : `${event.message} ${bare(event.filename)}:${event.lineno}`, 'error')),
    );
    window.addEventListener('unhandledrejection', (event) => safely(() => record('error', ['Unhandled rejection:', event.reason], 'error')));
    document.addEventListener('visibilitychange', () => page(document.visibilityState));
    for (const name of ['popstate', 'hashchange', 'pagehide', 'online', 'offline']) window.addEventListener(name, () => page(name));
    // The after-hook already runs guarded, where page() would see itself as recording and skip.
    for (const key of ['pushState', 'replaceState']) patch(history, key, () => () => pageEntry(key));
    const navigation = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
    page(navigation?.type ?? 'loaded');
  }

  const rewind: Rewind = {
    collect({ from, to }) {
      // Newest first, so the character budget keeps the newest entries, as the ring does.
      const out: LogEntry[] = [];
      let budget = maxChars;
      busy = true; // A host getter or toString that logs while being written out is not recorded.
      for (let i = 1; i <= size; i++) {
        const [at, level, kind, payload, , extra] = slots[(next - i + maxEntries) % maxEntries]!;
        if (at < +from || at > +to) continue;
        try {
          const message = typeof payload === 'string' ? payload : text(payload!);
          if ((budget -= message.length + ENTRY_OVERHEAD) < 0) break;
          out.unshift({ time: new Date(at).toISOString(), level, message, source: 'rewind', kind, ...extra });
        } catch {
          // Arguments that throw while read (a host getter) are left out, as they always were.
        }
      }
      busy = false;
      return out;
    },
    clear() {
      slots.length = 0;
      size = chars = 0; // The ring may start anywhere.
    },
  };
  ((globalThis as { [SOURCES]?: Set<LogSource> })[SOURCES] ??= new Set()).add({ name: 'rewind', collect: rewind.collect });
  return rewind;
}

const cut = (text: string) => (text.length > MAX_ENTRY_CHARS ? text.slice(0, MAX_ENTRY_CHARS) + '…' : text);

/** A URL without credentials, query values or fragment: 'https://x.example/a?ticket&page'. */
export function bare(url: string): string {
  try {
    const parsed = new URL(url, globalThis.document?.baseURI);
    // A data: URL's "path" is its content.
    if (parsed.protocol === 'data:') return 'data:';
    const keys = [...parsed.searchParams.keys()];
    return parsed.origin + parsed.pathname + (keys.length ? `?${keys.join('&')}` : '');
  } catch {
    return url.split(/[?#]/)[0]!;
  }
}
