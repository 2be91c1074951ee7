/**
 * Turning values into words and back for the reporter: string templates, wall-clock readings in
 * a zone, durations, sizes. Intl only, so every number and date reads in the agent's locale.
 */
import { wallClockToInstant, zonedParts, offsetMinutesAt, isValidTimeZone } from './zoned-time.js';

/**
 * Replaces `{name}` placeholders; unknown names stay visible so a broken catalog shows.
 * One filler for the core's reasons (./severity.ts re-exports it) and every catalog's words alike.
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `new Formatter(locale, options)` (an Intl constructor), built once per kind, locale and options. Building one costs Chromium
 * here about a millisecond (it loads the locale's data), and opening the form words dozens of
 * counts, sizes and dates: built on every call, they were the reporter's largest cost on open
 * after the first render itself (bench/open-latency.bench.ts).
 */
const formatters: Record<string, object> = {};
export const intl = <T extends object, O extends object>(Formatter: new (locale: string, options?: O) => T, locale: string, options?: O): T =>
  (formatters[Formatter.name + locale + JSON.stringify(options)] ??= new Formatter(locale, options)) as T;

/** The 'YYYY-MM-DDTHH:MM' an `<input type="datetime-local">` shows for an instant in a zone. */
export function toLocalInput(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The instant a `datetime-local` reading means in a zone, as ISO 8601 with that zone's offset
 * ('2026-12-01T15:30:00-05:00'), so the ticket keeps the agent's wall clock readable.
 * A reading skipped by a daylight-saving change resolves to the change itself; a repeated one
 * to its first occurrence (the severity core's rule). Undefined when the reading or zone is invalid.
 */
export function instantFromLocalInput(value: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match || !isValidTimeZone(timeZone)) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  return isoWithOffset(wallClockToInstant(year, month, day, hour, minute, timeZone), timeZone);
}

/** ISO 8601 of an instant written with a zone's offset at that instant. */
export function isoWithOffset(date: Date, timeZone: string): string {
  const offset = offsetMinutesAt(date, timeZone);
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "Tue, Dec 1, 3:30 PM EST" in the agent's locale, read in a given zone. */
export function formatDateTime(date: Date, locale: string, timeZone: string): string {
  return intl(Intl.DateTimeFormat, locale, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
}

const unit = (locale: string, name: string, value: number) =>
  intl(Intl.NumberFormat, locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);

/** A span as its two largest units, rounded down to the minute: "1 hr 30 min", "2 days 3 hr". */
export function formatDuration(ms: number, locale: string): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const parts: [string, number][] = [
    ['day', Math.floor(minutes / 1440)],
    ['hour', Math.floor((minutes % 1440) / 60)],
    ['minute', minutes % 60],
  ];
  const shown = parts.filter(([, n]) => n > 0).slice(0, 2);
  return shown.length ? shown.map(([name, n]) => unit(locale, name, n)).join(' ') : unit(locale, 'minute', 0);
}

/** File sizes in the largest unit that keeps the number at or above one: "10 MB", "512 kB". */
export function formatBytes(bytes: number, locale: string): string {
  const [name, size] =
    bytes >= 1024 * 1024 ? ['megabyte', bytes / 1024 / 1024] : bytes >= 1024 ? ['kilobyte', bytes / 1024] : ['byte', bytes];
  return intl(Intl.NumberFormat, locale, { style: 'unit', unit: name, maximumFractionDigits: 1 }).format(size);
}

/** Every IANA zone the runtime knows, for the time-zone picker; the agent's own one when Intl cannot list them. */
export function timeZones(fallback: string): string[] {
  const zones = Intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes(fallback) ? zones : [fallback, ...zones];
}

/** The forms of a counted phrase by plural category; `other` is always there, `{n}` is the count. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** A counted phrase as the locale's plural rules word it ("1 agent", "2 agents"), the count in its digits. */
export function plural(forms: Plural, n: number, locale: string): string {
  return fill(forms[intl(Intl.PluralRules, locale).select(n)] ?? forms.other, { n: intl(Intl.NumberFormat, locale).format(n) });
}

/** "in 20 seconds", "in 3 minutes": a moment ahead as a span from now, which moves when redrawn. */
export function relativeTime(ms: number, locale: string): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const format = intl(Intl.RelativeTimeFormat, locale, { numeric: 'auto' });
  return seconds < 60 ? format.format(seconds, 'second') : format.format(Math.round(seconds / 60), 'minute');
}

/** A zone in words, "Eastern Time, New York", rather than its IANA id; the id when Intl cannot name it. */
export function zoneName(timeZone: string, locale: string, at = new Date()): string {
  try {
    const name = intl(Intl.DateTimeFormat, locale, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
    const city = timeZone.split('/').pop()!.replace(/_/g, ' ');
    return name ? (timeZone.includes('/') ? `${name}, ${city}` : name) : timeZone;
  } catch {
    return timeZone;
  }
}
