/**
 * "Attach logs": every registered log source asked for the incident window, the entries kept
 * only inside it, redacted, sorted by time, written as NDJSON (one JSON object a line) and
 * gzipped with the browser's CompressionStream. The caller gets the file, a summary for the
 * agent (and for the attachment's meta) and a preview of the redacted lines.
 */
import { createRedactor, type RedactOptions, type RedactionCounts } from './redact.js';
import { logSources, type LogEntry, type LogLine, type LogSource } from './sources.js';

export interface CollectOptions {
  /** When the incident happened: the window starts `marginMinutes` before it. Defaults to now. */
  occurredAt?: Date | string;
  /** Minutes before occurredAt the window starts (default 15). */
  marginMinutes?: number;
  /** An explicit window, for an administrator collecting a period they choose; wins over occurredAt. */
  from?: Date | string;
  to?: Date | string;
  /** "Now", for the end of the window (tests). */
  now?: Date;
  redaction?: RedactOptions;
  /** Sources to ask (default: every registered one). */
  sources?: readonly LogSource[];
  /** How long one source may take before it is skipped and reported (default 5 s). */
  sourceTimeoutMs?: number;
  /** Entries kept at most, newest kept (default 20,000). */
  maxEntries?: number;
  /** Lines in the preview (default 50, the newest). */
  previewLines?: number;
}

export interface LogsSummary {
  /** The window asked for, ISO 8601. */
  from: string;
  to: string;
  entries: number;
  /** Entries at level error or fatal (or critical). */
  errors: number;
  /** The first and last entry's times, when there is any entry. */
  first?: string;
  last?: string;
  /** Size of the gzipped file and of the NDJSON inside it, in bytes. */
  bytes: number;
  rawBytes: number;
  /** Values replaced by redaction, in total and per kind. */
  redacted: number;
  redactedByKind: RedactionCounts;
  /** Sources that answered, and those that failed (with why). */
  sources: string[];
  failedSources: { name: string; reason: string }[];
  /** Entries dropped over maxEntries (the oldest). */
  dropped: number;
}

export interface CollectedLogs {
  file: File;
  summary: LogsSummary;
  /** The newest redacted entries as readable lines ('12:04:05.123 error [rewind] message'). */
  preview: string[];
}

const ERROR_LEVELS = new Set(['error', 'fatal', 'critical']);
const DEFAULT_MARGIN_MINUTES = 15;

/** The window from occurredAt minus the margin (or an explicit one) to now; throws a clear error on bad input. */
export function logWindow(options: Pick<CollectOptions, 'occurredAt' | 'marginMinutes' | 'from' | 'to' | 'now'> = {}): { from: Date; to: Date } {
  const now = options.now ?? new Date();
  const margin = options.marginMinutes ?? DEFAULT_MARGIN_MINUTES;
  if (!Number.isFinite(margin) || margin < 0) throw new RangeError(`The log margin must be a number of minutes of 0 or more, not ${options.marginMinutes}.`);
  const to = options.to !== undefined ? instant(options.to, 'to') : now;
  const from =
    options.from !== undefined
      ? instant(options.from, 'from')
      : new Date((options.occurredAt !== undefined ? instant(options.occurredAt, 'occurredAt') : now).getTime() - margin * 60_000);
  if (from.getTime() > to.getTime()) throw new RangeError(`The log window starts (${from.toISOString()}) after it ends (${to.toISOString()}).`);
  return { from, to };
}

function instant(value: Date | string, name: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`The log window's ${name} is not a date and time: ${String(value)}.`);
  return date;
}

/** Asks every source, keeps the window, redacts, writes NDJSON and gzips it. */
export async function collectLogs(options: CollectOptions = {}): Promise<CollectedLogs> {
  const window = logWindow(options);
  const sources = options.sources ?? logSources();
  const redactor = createRedactor(options.redaction);
  const answered: string[] = [];
  const failedSources: LogsSummary['failedSources'] = [];
  const timeout = options.sourceTimeoutMs ?? 5000;

  const batches = await Promise.all(
    sources.map(async (source) => {
      try {
        const entries = await withTimeout(Promise.resolve().then(() => source.collect({ from: new Date(window.from), to: new Date(window.to) })), timeout, source.name);
        if (!Array.isArray(entries)) throw new TypeError(`collect() returned ${typeof entries}, not a list of entries`);
        answered.push(source.name.slice(0, 100));
        return entries.map((entry) => [source.name, entry] as const);
      } catch (error) {
        failedSources.push({ name: source.name, reason: redactor.text(error instanceof Error ? error.message : String(error)) });
        return [];
      }
    }),
  );

  const from = window.from.getTime();
  const to = window.to.getTime();
  let kept: { at: number; entry: LogEntry }[] = [];
  for (const [name, raw] of batches.flat()) {
    const entry = normalise(raw, name);
    const at = entry ? Date.parse(entry.time) : NaN;
    if (entry && at >= from && at <= to) kept.push({ at, entry });
  }
  kept.sort((a, b) => a.at - b.at);
  const maxEntries = options.maxEntries ?? 20_000;
  const dropped = Math.max(0, kept.length - maxEntries);
  if (dropped) kept = kept.slice(dropped);

  const entries = kept.map(({ entry }) => redactor.value(entry));
  const ndjson = entries.map((entry) => JSON.stringify(entry)).join('\n') + (entries.length ? '\n' : '');
  const raw = new TextEncoder().encode(ndjson);
  const gzipped = await gzip(raw);
  const name = `triage-logs-${stamp(window.from)}-${stamp(window.to)}.ndjson.gz`;
  const file = new File([gzipped], name, { type: 'application/gzip' });

  const summary: LogsSummary = {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    entries: entries.length,
    errors: entries.filter((entry) => ERROR_LEVELS.has(entry.level.toLowerCase())).length,
    first: entries[0]?.time,
    last: entries[entries.length - 1]?.time,
    bytes: file.size,
    rawBytes: raw.byteLength,
    redacted: redactor.total,
    redactedByKind: { ...redactor.counts },
    sources: answered,
    failedSources,
    dropped,
  };
  const previewLines = options.previewLines ?? 50;
  const preview = entries.slice(Math.max(0, entries.length - previewLines)).map(previewLine);
  return { file, summary, preview };
}

/** A source's entry in the file's shape, or undefined when it has no usable time. */
function normalise(raw: LogLine, sourceName: string): LogEntry | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const at = Date.parse(String(raw.time));
  if (Number.isNaN(at)) return undefined;
  return {
    ...raw,
    time: new Date(at).toISOString(),
    level: typeof raw.level === 'string' && raw.level ? raw.level : 'info',
    message: cut(typeof raw.message === 'string' ? raw.message : String(raw.message ?? '')),
    source: typeof raw.source === 'string' && raw.source ? raw.source : sourceName,
  };
}

/** A source's message at most this long, so one runaway entry cannot fill the file. */
const MAX_MESSAGE = 10_000;
const cut = (message: string) => (message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message);

function previewLine(entry: LogEntry): string {
  const message = entry.message.length > 300 ? `${entry.message.slice(0, 300)}…` : entry.message;
  return `${entry.time.slice(11, 23)} ${entry.level} [${entry.source}] ${message.replace(/\s*\n\s*/g, ' ⏎ ')}`;
}

const stamp = (date: Date) => date.toISOString().slice(0, 16).replace(/[-:]/g, '');

async function gzip(bytes: Uint8Array): Promise<Blob> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).blob();
}

function withTimeout<T>(work: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The log source "${name}" did not answer within ${ms} ms.`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
