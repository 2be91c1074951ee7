/**
 * The severity and SLA core: grades a reported problem per the support policy
 * (../shared/seed/support-policy.txt) and computes the response clock.
 * DOM-free, dependency-free (the language and Intl only): it runs in Node 20 and any browser.
 * Names and shapes are a fixed public contract (../shared/contracts/severity.md).
 */
import { addCivilDays, civilDateKey, isValidTimeZone, utcFromFields, wallClockToEpochMs, weekdayOf, zonedParts } from './zoned-time.js';

export { isValidTimeZone, offsetMinutesAt, wallClockToInstant, zonedParts } from './zoned-time.js';
export type { ZonedParts } from './zoned-time.js';

export type Level = 1 | 2 | 3 | 4;

export const SEVERITY_NAMES: Record<Level, string> = {
  1: 'System Outage',
  2: 'Major Impairment',
  3: 'Minor Loss of Service',
  4: 'No Loss of Service',
};

export const LEVELS: readonly Level[] = [1, 2, 3, 4];

export const CATEGORIES = [
  'media-bar-login',
  'interaction-flow',
  'chat-routing',
  'email-routing',
  'voice',
  'chat-abandonment',
  'media-bar-display',
  'other-defect',
  'enhancement',
  'question',
] as const;

export type Category = (typeof CATEGORIES)[number];

export interface SeverityInput {
  category: Category;
  agentsAffected?: number;
  agentsTotal?: number;
  interactionsAffectedPercent?: number;
  workaround?: boolean;
  unsupportedPlatformChange?: boolean;
  coreFunctionAffected?: boolean;
  abandonment?: {
    currentlyObserved: boolean;
    ratePercent: number;
    normalRatePercent: number;
  };
}

export interface SeveritySuggestion {
  level: Level;
  name: string;
  reasons: string[];
}

export type Plan = 'standard' | 'premium';

export interface SupportCalendar {
  timeZone: string;
  days: number[];
  start: string;
  end: string;
  holidays?: string[];
}

export interface Sla {
  responseMinutes: number;
  coverage: '24x7' | 'business-hours';
  updateCadenceMinutes: number | null;
}

export const DEFAULT_CALENDAR: SupportCalendar = {
  timeZone: 'America/New_York',
  days: [1, 2, 3, 4, 5],
  start: '06:00',
  end: '16:00',
};

// ---------------------------------------------------------------------------------------------
// Severity suggestion
// ---------------------------------------------------------------------------------------------

/** The policy's line between a System Outage and a Major Impairment: "30 % or more". */
const OUTAGE_SHARE_PERCENT = 30;

// Percentages typed by people have a few decimals; products like 1.5 x 0.3 pick up binary noise
// (0.44999999999999996). Differences below this many percentage points count as equal, so
// "exactly 50 % above normal" stays a Major Impairment whatever the digits.
const PERCENT_TOLERANCE = 1e-9;

const FIELD_LIST = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

function describeValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkCount(field: string, value: unknown, minimum: 0 | 1): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    const range = minimum === 0 ? '0 or more' : 'more than 0';
    throw new Error(`${field} must be a whole number, ${range} (got ${describeValue(value)}).`);
  }
  return value;
}

function checkPercent(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new Error(`${field} must be a number from 0 to 100 (got ${describeValue(value)}).`);
  }
  return value;
}

function checkFlag(field: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new Error(`${field} must be true or false (got ${describeValue(value)}).`);
  return value;
}

interface CheckedInput {
  category: Category;
  agentsAffected?: number;
  agentsTotal?: number;
  interactionsAffectedPercent?: number;
  workaround: boolean;
  unsupportedPlatformChange: boolean;
  coreFunctionAffected: boolean;
  abandonment?: SeverityInput['abandonment'];
}

// Everything is checked up front, whatever rule ends up deciding: a form that sends
// nonsense should hear about it even when the category alone would have settled the level.
function checkSeverityInput(input: unknown): CheckedInput {
  if (!isPlainObject(input)) throw new Error(`input must be an object with at least a category (got ${describeValue(input)}).`);
  const category = input.category;
  if (typeof category !== 'string' || !(CATEGORIES as readonly string[]).includes(category)) {
    throw new Error(`category must be one of ${FIELD_LIST(CATEGORIES)} (got ${describeValue(category)}).`);
  }
  const agentsAffected = checkCount('agentsAffected', input.agentsAffected, 0);
  const agentsTotal = checkCount('agentsTotal', input.agentsTotal, 1);
  if (agentsAffected !== undefined && agentsTotal !== undefined && agentsAffected > agentsTotal) {
    throw new Error(`agentsAffected must not exceed agentsTotal (got ${agentsAffected} of ${agentsTotal}).`);
  }
  const interactionsAffectedPercent =
    input.interactionsAffectedPercent === undefined
      ? undefined
      : checkPercent('interactionsAffectedPercent', input.interactionsAffectedPercent);

  // Abandonment figures sent with another category are checked but do not count: the contract
  // ties rule 3 to the category, and the other categories are graded by their impact share.
  let abandonment: CheckedInput['abandonment'];
  if (input.abandonment !== undefined) {
    const given = input.abandonment;
    if (!isPlainObject(given)) throw new Error(`abandonment must be an object (got ${describeValue(given)}).`);
    const currentlyObserved = given.currentlyObserved;
    if (typeof currentlyObserved !== 'boolean') {
      throw new Error(`abandonment.currentlyObserved must be true or false (got ${describeValue(currentlyObserved)}).`);
    }
    abandonment = {
      currentlyObserved,
      ratePercent: checkPercent('abandonment.ratePercent', given.ratePercent),
      normalRatePercent: checkPercent('abandonment.normalRatePercent', given.normalRatePercent),
    };
  }

  return {
    category: category as Category,
    agentsAffected,
    agentsTotal,
    interactionsAffectedPercent,
    workaround: checkFlag('workaround', input.workaround) ?? false,
    unsupportedPlatformChange: checkFlag('unsupportedPlatformChange', input.unsupportedPlatformChange) ?? false,
    // The contract's default: a defect stops core work unless the reporter says it does not.
    // Only 'other-defect' reads it; the other core categories are core work by definition.
    coreFunctionAffected: checkFlag('coreFunctionAffected', input.coreFunctionAffected) ?? true,
    abandonment,
  };
}

/** A percentage for a sentence: at most two decimals, trailing zeros dropped. */
function formatPercent(value: number): string {
  return String(Number(value.toFixed(2)));
}

/**
 * A computed share for a sentence, rounded to one decimal, except that rounding never moves it
 * across the 30 % line: 29.96 % must not read "30 %" next to "less than 30 %".
 */
function formatShare(percent: number): string {
  const rounded = Math.round(percent * 10) / 10;
  if (percent < OUTAGE_SHARE_PERCENT && rounded >= OUTAGE_SHARE_PERCENT) {
    return String(Math.floor(percent * 100) / 100);
  }
  return String(rounded);
}

function decide(level: Level, reasons: string[]): SeveritySuggestion {
  return { level, name: SEVERITY_NAMES[level], reasons };
}

/** Rule 3: a rising chat abandon rate. */
function abandonmentLevel(abandonment: CheckedInput['abandonment']): { level: 1 | 2; reason: string } {
  if (!abandonment) {
    // The category itself says the rate is rising; without figures the policy's default holds.
    return {
      level: 2,
      reason: 'The chat abandon rate is rising but no rates were given: a rising abandon rate is a Major Impairment unless it is happening now and more than 50 % above normal.',
    };
  }
  const { currentlyObserved, ratePercent, normalRatePercent } = abandonment;
  const threshold = 1.5 * normalRatePercent;
  const rates = `The chat abandon rate is ${formatPercent(ratePercent)} % against a normal ${formatPercent(normalRatePercent)} %`;
  const aboveThreshold = ratePercent > threshold + PERCENT_TOLERANCE;
  if (!currentlyObserved) {
    return {
      level: 2,
      reason: `${rates}, but it is not happening now: an abandonment problem that is not currently observed is a Major Impairment.`,
    };
  }
  if (aboveThreshold) {
    return {
      level: 1,
      reason: `${rates}, happening now: more than 50 % above normal (over ${formatPercent(threshold)} %) is a System Outage.`,
    };
  }
  return {
    level: 2,
    reason: `${rates}: not more than 50 % above normal (${formatPercent(threshold)} % or less) is a Major Impairment.`,
  };
}

/**
 * Rule 4: how much of the contact center a core-function problem reaches.
 * Decisions where the contract is silent:
 * - the agent share counts only when both agentsAffected and agentsTotal are given; several
 *   agents without a population still make a Major Impairment ("more than one agent");
 * - interactionsAffectedPercent 0 says no interactions are affected, so it is not "any share";
 * - agentsAffected 0 (or 0 %) with nothing else is a Minor Loss of Service, like no figures at
 *   all: the reporter still says something is broken, and the contract's last branch is 3.
 */
function impactLevel(input: CheckedInput): { level: 1 | 2 | 3; reasons: string[] } {
  const { agentsAffected, agentsTotal, interactionsAffectedPercent: interactions } = input;
  const agentShareKnown = agentsAffected !== undefined && agentsTotal !== undefined;
  const agentPercent = agentShareKnown ? (agentsAffected / agentsTotal) * 100 : undefined;
  const agentSentence = agentShareKnown
    ? `${agentsAffected} of ${agentsTotal} agents (${formatShare(agentPercent!)} %) are affected`
    : undefined;

  // Integer arithmetic for the agent share, so 3 of 10 is exactly 30 % and never 29.999...
  const agentsReachOutage = agentShareKnown && agentsAffected * 100 >= agentsTotal * OUTAGE_SHARE_PERCENT;
  const interactionsReachOutage = interactions !== undefined && interactions >= OUTAGE_SHARE_PERCENT;
  if (agentsReachOutage || interactionsReachOutage) {
    const reasons: string[] = [];
    if (agentsReachOutage) reasons.push(`${agentSentence}: 30 % or more is a System Outage.`);
    if (interactionsReachOutage) {
      reasons.push(`${formatPercent(interactions)} % of interactions are affected: 30 % or more is a System Outage.`);
    }
    return { level: 1, reasons };
  }

  const reasons: string[] = [];
  if (agentsAffected !== undefined && agentsAffected > 1) {
    reasons.push(
      agentShareKnown
        ? `${agentSentence}: more than one agent but less than 30 % is a Major Impairment.`
        : // Without the population the share is unknown; several agents is already more than
          // "one agent", so the contract's second branch applies.
          `${agentsAffected} agents are affected (the total number of agents was not given): more than one agent is a Major Impairment.`,
    );
  }
  // 0 % means no interactions are affected, which is not "any share".
  if (interactions !== undefined && interactions > 0) {
    reasons.push(`${formatPercent(interactions)} % of interactions are affected: any share under 30 % is a Major Impairment.`);
  }
  if (reasons.length > 0) return { level: 2, reasons };

  if (agentsAffected === 1) {
    const share = agentShareKnown ? ` (1 of ${agentsTotal}, ${formatShare(agentPercent!)} %)` : '';
    return { level: 3, reasons: [`Only one agent is affected${share}: a problem for a single agent is a Minor Loss of Service.`] };
  }
  if (agentsAffected === 0 || interactions === 0) {
    return {
      level: 3,
      reasons: ['No agents or interactions are reported as affected: without a measurable impact this is a Minor Loss of Service.'],
    };
  }
  return {
    level: 3,
    reasons: [
      'No impact figures were given: without them this is a Minor Loss of Service. Give the number of agents or the share of interactions affected if more than one agent is hit.',
    ],
  };
}

/**
 * Suggests a severity per the support policy, with the reasons a person can check.
 * Rules, first that decides wins (../shared/contracts/severity.md):
 * 1. enhancement / question -> 4; 2. unsupported platform change -> 4 whatever the impact;
 * 3. chat abandonment -> 1 when happening now and more than 50 % above normal, else 2;
 * 4. core categories by impact share: >= 30 % -> 1, several agents or any interactions -> 2, else 3;
 * 5. media-bar display problems and defects that spare core work -> 3;
 * 6. a level 1 with a workaround / business-continuity plan in place is regraded to 2.
 * Throws an Error naming the field when the input is invalid.
 */
export function suggestSeverity(input: SeverityInput): SeveritySuggestion {
  const checked = checkSeverityInput(input);
  const { category } = checked;

  if (category === 'enhancement') {
    return decide(4, ['An enhancement request does not take away any service: No Loss of Service.']);
  }
  if (category === 'question') {
    return decide(4, ['A question or request for information does not take away any service: No Loss of Service.']);
  }
  if (checked.unsupportedPlatformChange) {
    return decide(4, [
      'The problem follows a platform change the vendor does not support (for example an ACD upgrade to an unsupported version): it is No Loss of Service whatever the impact, and support for the new platform is a roadmap item.',
    ]);
  }

  let level: Level;
  let reasons: string[];
  if (category === 'chat-abandonment') {
    const outcome = abandonmentLevel(checked.abandonment);
    level = outcome.level;
    reasons = [outcome.reason];
  } else if (category === 'media-bar-display') {
    // Rule 4 covers core categories only: a readable, working media bar is a Minor Loss of
    // Service even when every agent sees the display problem.
    return decide(3, ['A display problem while the media bar stays readable and usable is a Minor Loss of Service, however many agents see it.']);
  } else if (category === 'other-defect' && !checked.coreFunctionAffected) {
    return decide(3, ['The defect does not stop core work: a Minor Loss of Service, however many agents see it.']);
  } else {
    const outcome = impactLevel(checked);
    level = outcome.level;
    reasons = outcome.reasons;
  }

  if (level === 1 && checked.workaround) {
    return decide(2, [
      ...reasons,
      'A workaround or business-continuity plan is in place, so the System Outage is regraded to a Major Impairment (the policy allows severity 1 to become 2 once operations continue).',
    ]);
  }
  return decide(level, reasons);
}

// ---------------------------------------------------------------------------------------------
// SLA and the response clock
// ---------------------------------------------------------------------------------------------

const RESPONSE_MINUTES: Record<Level, number> = { 1: 30, 2: 120, 3: 360, 4: 1440 };
const PLANS: readonly Plan[] = ['standard', 'premium'];

function checkLevel(level: unknown): Level {
  if (!(LEVELS as readonly unknown[]).includes(level)) {
    throw new Error(`level must be 1, 2, 3 or 4 (got ${describeValue(level)}).`);
  }
  return level as Level;
}

function checkPlan(plan: unknown): Plan {
  if (plan === undefined) return 'standard';
  if (!(PLANS as readonly unknown[]).includes(plan)) {
    throw new Error(`plan must be 'standard' or 'premium' (got ${describeValue(plan)}).`);
  }
  return plan as Plan;
}

/**
 * The response SLA of a level under a plan. Standard: 24x7 for level 1 only; premium: 24x7 for
 * levels 1-3; everything else runs on business hours.
 */
export function slaFor(level: Level, plan: Plan = 'standard'): Sla {
  const checkedLevel = checkLevel(level);
  const checkedPlan = checkPlan(plan);
  const roundTheClock = checkedPlan === 'premium' ? checkedLevel <= 3 : checkedLevel === 1;
  return {
    responseMinutes: RESPONSE_MINUTES[checkedLevel],
    coverage: roundTheClock ? '24x7' : 'business-hours',
    // The policy asks for hourly updates on outages only; other levels update "when material
    // updates are made", which has no clock.
    updateCadenceMinutes: checkedLevel === 1 ? 60 : null,
  };
}

const WALL_CLOCK = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' naming a day that exists (no 2026-02-30). */
function isRealCivilDate(value: unknown): boolean {
  const match = typeof value === 'string' ? CIVIL_DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(utcFromFields(year, month, day));
  return date.getUTCMonth() + 1 === month && date.getUTCDate() === day;
}

// '24:00' is accepted as an end, so a calendar can cover a whole day ('00:00'-'24:00').
function parseWallClock(field: string, value: unknown): { hour: number; minute: number } {
  const match = typeof value === 'string' ? WALL_CLOCK.exec(value) : null;
  if (!match) {
    throw new Error(`${field} must be a wall-clock time 'HH:MM' from '00:00' to '24:00', such as '06:00' (got ${describeValue(value)}).`);
  }
  return { hour: Number(match[1] ?? match[3]), minute: Number(match[2] ?? match[4]) };
}

/** A support calendar with every field checked, as the business-hours clock uses it. */
interface CheckedCalendar {
  calendar: SupportCalendar;
  days: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
  start: { hour: number; minute: number };
  end: { hour: number; minute: number };
}

function checkCalendar(partial: unknown): CheckedCalendar {
  if (partial !== undefined && !isPlainObject(partial)) {
    throw new Error(`calendar must be an object (got ${describeValue(partial)}).`);
  }
  // A field left undefined (a form that did not fill it) takes the default, like a missing one.
  const given = partial ?? {};
  const pick = <K extends keyof SupportCalendar>(key: K): SupportCalendar[K] | undefined =>
    given[key] === undefined ? DEFAULT_CALENDAR[key] : (given[key] as SupportCalendar[K]);

  const timeZone = pick('timeZone');
  if (!isValidTimeZone(timeZone)) {
    throw new Error(`calendar.timeZone must be an IANA time zone such as 'America/New_York' (got ${describeValue(timeZone)}).`);
  }
  const start = parseWallClock('calendar.start', pick('start'));
  const end = parseWallClock('calendar.end', pick('end'));
  if (start.hour * 60 + start.minute >= end.hour * 60 + end.minute) {
    throw new Error(`calendar.start must be before calendar.end (got ${String(pick('start'))} to ${String(pick('end'))}).`);
  }

  const days = pick('days');
  if (!Array.isArray(days) || days.length === 0 || !days.every((day) => Number.isInteger(day) && day >= 0 && day <= 6)) {
    throw new Error(`calendar.days must be a non-empty list of weekdays from 0 (Sunday) to 6 (Saturday) (got ${JSON.stringify(days)}).`);
  }

  const holidays = pick('holidays') ?? [];
  if (!Array.isArray(holidays)) throw new Error(`calendar.holidays must be a list of 'YYYY-MM-DD' dates (got ${describeValue(holidays)}).`);
  holidays.forEach((holiday, index) => {
    if (!isRealCivilDate(holiday)) throw new Error(`calendar.holidays[${index}] must be a real date 'YYYY-MM-DD' (got ${describeValue(holiday)}).`);
  });

  return {
    calendar: { timeZone, days: [...days], start: pick('start')!, end: pick('end')!, holidays: [...holidays] },
    days: new Set(days),
    holidays: new Set(holidays),
    start,
    end,
  };
}

/**
 * The support calendar a partial one stands for, checked: defaults filled in (6am-4pm
 * America/New_York, Monday-Friday), and an Error naming the field when something is wrong.
 */
export function resolveCalendar(calendar?: Partial<SupportCalendar>): SupportCalendar {
  return checkCalendar(calendar).calendar;
}

function isDate(value: unknown): value is Date {
  // Not instanceof: a Date made in another frame (OSvC hosts add-ins in iframes) is still a Date.
  return Object.prototype.toString.call(value) === '[object Date]';
}

const MS_PER_MINUTE = 60_000;
const MAX_CREATED_MS = 8e15;
/** How long the clock looks for an open business day before it calls the calendar unusable. */
const MAX_DAYS_WITHOUT_COVERAGE = 3 * 366;

/**
 * Spends `minutes` of coverage from `fromMs` on, day by day in the calendar's zone. Each day's
 * window is resolved from wall clock to instants for that very date, so the offset follows
 * daylight saving; readings that a transition skips or repeats resolve as in wallClockToInstant
 * (a skipped opening time opens at the transition; a repeated one opens at its first occurrence).
 */
function spendBusinessMinutes(fromMs: number, minutes: number, checked: CheckedCalendar): number {
  const { timeZone } = checked.calendar;
  let remainingMs = minutes * MS_PER_MINUTE;
  const date = zonedParts(fromMs, timeZone);
  let civil = { year: date.year, month: date.month, day: date.day };
  let daysWithoutCoverage = 0;
  for (;;) {
    const open =
      checked.days.has(weekdayOf(civil.year, civil.month, civil.day)) &&
      !checked.holidays.has(civilDateKey(civil.year, civil.month, civil.day));
    let covered = false;
    if (open) {
      const windowStart = wallClockToEpochMs(civil.year, civil.month, civil.day, checked.start.hour, checked.start.minute, timeZone);
      const windowEnd = wallClockToEpochMs(civil.year, civil.month, civil.day, checked.end.hour, checked.end.minute, timeZone);
      const from = Math.max(fromMs, windowStart);
      if (from < windowEnd) {
        covered = true;
        if (remainingMs <= windowEnd - from) return from + remainingMs;
        remainingMs -= windowEnd - from;
      }
    }
    daysWithoutCoverage = covered ? 0 : daysWithoutCoverage + 1;
    if (daysWithoutCoverage > MAX_DAYS_WITHOUT_COVERAGE) {
      throw new Error(
        `calendar has no business hours in the 3 years after ${civilDateKey(civil.year, civil.month, civil.day)} (${timeZone}): check calendar.days and calendar.holidays.`,
      );
    }
    civil = addCivilDays(civil.year, civil.month, civil.day, 1);
  }
}

/**
 * When the response to a ticket of this level is due. A 24x7 level adds absolute minutes; a
 * business-hours level counts only minutes inside the calendar's windows (the clock stops
 * outside coverage, on days not in `days` and on holidays). Throws an Error naming the field
 * when the date, level, plan or calendar is invalid.
 */
export function responseDueAt(
  createdAt: Date,
  level: Level,
  options: { plan?: Plan; calendar?: Partial<SupportCalendar> } = {},
): Date {
  if (!isDate(createdAt) || Number.isNaN(createdAt.getTime())) {
    throw new Error(`createdAt must be a valid Date (got ${isDate(createdAt) ? 'an invalid Date' : describeValue(createdAt)}).`);
  }
  // JavaScript dates end 8.64e15 ms either side of 1970; keeping well inside leaves room for the
  // due time (even a calendar open one minute a week) and for the day walk's Intl readings.
  if (Math.abs(createdAt.getTime()) > MAX_CREATED_MS) {
    throw new Error(`createdAt is too far from today for a due time to be computed (got ${createdAt.toISOString()}).`);
  }
  if (!isPlainObject(options)) throw new Error(`options must be an object (got ${describeValue(options)}).`);
  const sla = slaFor(checkLevel(level), checkPlan(options.plan));
  // The calendar is checked even when a 24x7 level ignores it, so a bad configuration shows at
  // once rather than on the first business-hours ticket.
  const calendar = checkCalendar(options.calendar);
  const created = createdAt.getTime();
  const due =
    sla.coverage === '24x7'
      ? created + sla.responseMinutes * MS_PER_MINUTE
      : spendBusinessMinutes(created, sla.responseMinutes, calendar);
  return new Date(due);
}
