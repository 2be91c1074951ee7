/**
 * A small ring of log lines a host adapter keeps so its messages can travel with a report.
 * Its `logSource` has the plain shape the log capture takes (`registerLogSource`), so adapters
 * need nothing from src/logs/ to offer one.
 */

export interface HostLogLine {
  /** ISO 8601 instant. */
  time: string;
  level: string;
  message: string;
  source?: string;
}

export interface HostLogSource {
  name: string;
  /** The kept lines whose time falls inside the window (both ends included), oldest first. */
  collect(window: { from: Date; to: Date }): Promise<HostLogLine[]>;
}

export interface LogBuffer {
  add(level: string, message: string, at?: Date): void;
  readonly logSource: HostLogSource;
}

/** Keeps the newest `max` lines; older ones fall off so a long shift cannot grow memory. */
export function createLogBuffer(name: string, max = 500): LogBuffer {
  const lines: HostLogLine[] = [];
  return {
    add(level, message, at = new Date()) {
      lines.push({ time: at.toISOString(), level, message, source: name });
      if (lines.length > max) lines.splice(0, lines.length - max);
    },
    logSource: {
      name,
      async collect({ from, to }) {
        const start = from.getTime();
        const end = to.getTime();
        return lines.filter((line) => {
          const at = Date.parse(line.time);
          return at >= start && at <= end;
        }).map((line) => ({ ...line }));
      },
    },
  };
}
