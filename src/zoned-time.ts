/**
 * Wall-clock arithmetic in IANA time zones with nothing but `Intl.DateTimeFormat`, so the
 * severity core stays dependency-free in Node 20 and every browser (no Temporal yet).
 *
 * Every conversion reads numbers from `formatToParts` (never parses a formatted string) with
 * `hourCycle: 'h23'`, because `hour12: false` prints midnight as "24" in some engines.
 */

export const MS_PER_DAY = 86_400_000;

/** A wall-clock reading in one zone. `month` is 1..12, `weekday` 0 = Sunday .. 6 = Saturday. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** How the core names a valid zone in its errors, here and for calendar.timeZone. */
export const IANA_ZONE = "an IANA time zone such as 'America/New_York'";

// Building a formatter costs far more than using one, and the business-hours clock asks for
// several readings per day it walks, so one formatter per zone lives for the page's lifetime.
const formatters = new Map<string, Intl.DateTimeFormat>();
const NUMERIC = 'numeric';

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        era: 'short',
        year: NUMERIC,
        month: NUMERIC,
        day: NUMERIC,
        hour: NUMERIC,
        minute: NUMERIC,
        second: NUMERIC,
      });
    } catch {
      throw new RangeError(`timeZone must be ${IANA_ZONE} (got ${JSON.stringify(timeZone)}).`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * True when the runtime knows this IANA time zone (e.g. 'Europe/London', 'Etc/GMT+5'). ECMA-402
 * makes the formatter refuse any other name, blank ones included.
 */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  try {
    return typeof timeZone === 'string' && !!formatterFor(timeZone);
  } catch {
    return false;
  }
}

/**
 * Milliseconds since the epoch for a wall-clock reading taken as if it were UTC. Fields past
 * their range carry over (minute 360 is 06:00, hour 24 the next midnight), as in `Date.UTC`.
 * `Date.UTC` maps years 0..99 to 1900..1999, so those go through `setUTCFullYear`.
 */
export function utcFromFields(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (year >= 0 && year < 100) {
    const date = new Date(ms);
    return date.setUTCFullYear(date.getUTCFullYear() - 1900);
  }
  return ms;
}

function partsAt(epochMs: number, timeZone: string): Omit<ZonedParts, 'weekday'> {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let beforeCommonEra = false;
  for (const { type, value } of formatterFor(timeZone).formatToParts(epochMs)) {
    if (type in fields) fields[type as keyof typeof fields] = Number(value);
    else if (type === 'era') beforeCommonEra = value[0] === 'B';
  }
  // 'en-US' counts years before the common era as 1 BC, 2 BC...; astronomical years are 0, -1...
  if (beforeCommonEra) fields.year = 1 - fields.year;
  return fields;
}

/** The wall-clock reading of an instant in a zone. */
export function zonedParts(date: Date | number, timeZone: string): ZonedParts {
  const fields = partsAt(+date, timeZone);
  return { ...fields, weekday: new Date(utcFromFields(fields.year, fields.month, fields.day)).getUTCDay() };
}

/** The zone's UTC offset at an instant, in milliseconds (New York in winter: -18 000 000). */
function offsetMsAt(epochMs: number, timeZone: string): number {
  // The formatter has whole-second resolution, so compare against the instant's whole second.
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const p = partsAt(wholeSecond, timeZone);
  return utcFromFields(p.year, p.month, p.day, p.hour, p.minute, p.second) - wholeSecond;
}

/** The zone's UTC offset at an instant, in minutes (New York in winter: -300). */
export function offsetMinutesAt(date: Date | number, timeZone: string): number {
  return offsetMsAt(+date, timeZone) / 60_000;
}

/** 'YYYY-MM-DD' for a civil date, the form support calendars list holidays in. */
export function civilDateKey(year: number, month: number, day: number): string {
  const yyyy = String(Math.abs(year)).padStart(4, '0');
  return `${year < 0 ? '-' : ''}${yyyy}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `civilDateKey` of the civil date whose UTC midnight is `utcMs` (as utcFromFields gives it). */
export function civilDateKeyAt(utcMs: number): string {
  const date = new Date(utcMs);
  return civilDateKey(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/**
 * The instant a zone's wall clock reads year-month-day hour:minute.
 *
 * Daylight-saving transitions make a wall-clock reading missing or repeated. The answer is always
 * the EARLIEST instant at which the clock reads the given time or later:
 * - in a gap (New York 2026-03-08 02:30 never happens) it is the transition itself
 *   (03:00 EDT = 07:00Z), so a business window [start, end) holds exactly the instants whose
 *   reading falls inside it;
 * - in an overlap (New York 2026-11-01 01:30 happens twice) it is the first occurrence (EDT).
 * hour 24 with minute 0 means the end of that day (midnight of the next one).
 *
 * It assumes at most one offset change within a day either side of the reading, true of every
 * zone in use today.
 */
export function wallClockToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  return new Date(wallClockToEpochMs(utcFromFields(year, month, day, hour, minute), timeZone));
}

/**
 * `wallClockToInstant` for a reading given as the epoch milliseconds it would be in UTC
 * (utcFromFields), so the day walk adds minutes to a day instead of taking dates apart.
 */
export function wallClockToEpochMs(wallAsUtc: number, timeZone: string): number {
  const offsetBefore = offsetMsAt(wallAsUtc - MS_PER_DAY, timeZone);
  const offsetAfter = offsetMsAt(wallAsUtc + MS_PER_DAY, timeZone);
  const withBefore = wallAsUtc - offsetBefore;
  if (offsetBefore === offsetAfter) return withBefore;

  const withAfter = wallAsUtc - offsetAfter;
  const beforeFits = offsetMsAt(withBefore, timeZone) === offsetBefore;
  const afterFits = offsetMsAt(withAfter, timeZone) === offsetAfter;
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter); // overlap: first occurrence
  if (beforeFits) return withBefore;
  if (afterFits) return withAfter;

  // A gap: the reading is skipped. Between the two candidates the offset switches from the old
  // one to the new one exactly once; the first instant on the new offset is the transition.
  let onOldOffset = Math.min(withBefore, withAfter);
  let onNewOffset = Math.max(withBefore, withAfter);
  while (onNewOffset - onOldOffset > 1000) {
    const middle = Math.floor((onOldOffset + onNewOffset) / 2000) * 1000;
    if (middle <= onOldOffset) break;
    if (offsetMsAt(middle, timeZone) === offsetBefore) onOldOffset = middle;
    else onNewOffset = middle;
  }
  return onNewOffset;
}
