/**
 * Log sources: anything on the page that keeps logs of its own (the rewind buffer, a media bar, an
 * OSvC extension, a CTI client) registers here, and "Attach logs" asks each one for the incident
 * window. The registry lives on globalThis under a shared symbol, because the rewind buffer loads
 * before everything else and a host may load two copies of triage-kit: both must see one list.
 */

/** One log line as a source hands it over (a host adapter's own line type fits as it is). */
export interface LogLine {
  /** ISO 8601 instant. */
  time: string;
  /** 'debug', 'info', 'warn', 'error'... as the source names it; 'error' and 'fatal' count as errors. */
  level: string;
  message: string;
  /** Defaults to the source's name. */
  source?: string;
}

/** A log line with whatever else its source keeps: extra fields travel into the attached file as they are. */
export interface LogEntry extends LogLine {
  [extra: string]: unknown;
}

export interface LogWindow {
  from: Date;
  to: Date;
}

export interface LogSource {
  /** Shown in the summary and recorded on the attachment ('rewind', 'media-bar', 'cti'). */
  name: string;
  /** The entries between from and to (entries outside are dropped anyway). May be async. */
  collect(window: LogWindow): readonly LogLine[] | Promise<readonly LogLine[]>;
}

// rewind.ts reaches the same set by this symbol.
const REGISTRY = Symbol.for('triage-kit.log-sources');

function registry(): Set<LogSource> {
  const scope = globalThis as { [REGISTRY]?: Set<LogSource> };
  return (scope[REGISTRY] ??= new Set());
}

/** Adds a source for every collection on this page; call the result to remove it again. */
export function registerLogSource(source: LogSource): () => void {
  if (typeof source?.name !== 'string' || !source.name || typeof source.collect !== 'function') {
    throw new TypeError('A log source needs a name and a collect() function.');
  }
  const sources = registry();
  sources.add(source);
  return () => void sources.delete(source);
}

/** The sources registered now, in the order they were added. */
export function logSources(): LogSource[] {
  return [...registry()];
}
