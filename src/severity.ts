/**
 * The severity and SLA core: grades a reported problem per the support policy
 * (../shared/seed/support-policy.txt) and computes the response clock.
 * DOM-free, dependency-free (the language and Intl only): it runs in Node 20 and any browser.
 * Names and shapes are a fixed public contract (../shared/contracts/severity.md).
 */
import { civilDateKeyAt, IANA_ZONE, isValidTimeZone, MS_PER_DAY, utcFromFields, wallClockToEpochMs, zonedParts } from './zoned-time.js';
import { DEFAULT_CALENDAR } from './calendar.js';
import { CATEGORIES, type Category } from './categories.js';
import { fill } from './format.js';

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

export { CATEGORIES, type Category };

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

/**
 * Why a suggestion came out as it did, one English sentence per reason, with `{name}`
 * placeholders for the figures. The one copy of the text: `reasons` are these templates filled,
 * and the reporter's catalog (src/strings.ts `reasons`) defaults to this table, so a host or a
 * translation replaces a sentence by its key.
 */
export const REASONS = {
  question: 'A question or request for information does not take away any service: No Loss of Service.',
  enhancement: 'An enhancement request does not take away any service: No Loss of Service.',
  unsupportedPlatform:
    'The problem follows a platform change the vendor does not support (for example an ACD upgrade to an unsupported version): it is No Loss of Service whatever the impact, and support for the new platform is a roadmap item.',
  abandonNoRates: 'The chat abandon rate is rising but no rates were given: a Major Impairment unless it is happening now and more than 50 % above normal.',
  abandonNotNow: 'The chat abandon rate is {rate} % against a normal {normal} %, but it is not happening now: a Major Impairment.',
  abandonOutage: 'The chat abandon rate is {rate} % against a normal {normal} %, happening now: more than 50 % above normal (over {threshold} %) is a System Outage.',
  abandonMajor: 'The chat abandon rate is {rate} % against a normal {normal} %: not more than 50 % above normal ({threshold} % or less) is a Major Impairment.',
  outageAgents: '{agents} of {total} agents ({share} %) are affected: 30 % or more is a System Outage.',
  outageInteractions: '{percent} % of interactions are affected: 30 % or more is a System Outage.',
  majorAgents: '{agents} of {total} agents ({share} %) are affected: more than one agent but less than 30 % is a Major Impairment.',
  majorAgentsNoTotal: '{agents} agents are affected (the total number of agents was not given): more than one agent is a Major Impairment.',
  majorInteractions: '{percent} % of interactions are affected: any share under 30 % is a Major Impairment.',
  oneAgent: 'Only one agent is affected: a problem for a single agent is a Minor Loss of Service.',
  oneAgentOfTotal: 'Only one agent is affected (1 of {total}, {share} %): a problem for a single agent is a Minor Loss of Service.',
  noImpact: 'No agents or interactions are reported as affected: a Minor Loss of Service.',
  noFigures:
    'No impact figures were given: a Minor Loss of Service. Give the number of agents or the share of interactions affected if more than one agent is hit.',
  displayOnly: 'A display problem while the media bar stays readable and usable is a Minor Loss of Service, however many agents see it.',
  notCoreWork: 'The defect does not stop core work: a Minor Loss of Service, however many agents see it.',
  workaroundRegrade:
    'A workaround or business-continuity plan is in place, so the System Outage is regraded to a Major Impairment (the policy allows severity 1 to become 2 once operations continue).',
};

export type ReasonKey = keyof typeof REASONS;

/**
 * One reason as data: the REASONS key and the figures for its placeholders. The figures are
 * numbers already rounded the way the English sentence shows them (percentages to at most two
 * decimals, an agent share to one), so `String(value)` is what the sentence says and another
 * language can format them with `Intl.NumberFormat` for its locale.
 */
export interface ReasonExplanation {
  key: ReasonKey;
  values: Record<string, number>;
}

export interface SeveritySuggestion {
  level: Level;
  name: string;
  reasons: string[];
  /** The same reasons as data, in the same order: `fill(REASONS[key], values)` is `reasons[i]`. */
  explanations: ReasonExplanation[];
}

// The template filler the reasons are made with; callers fill a translated REASONS template with it.
export { fill };

export const PLANS = ['standard', 'premium'] as const;
export type Plan = (typeof PLANS)[number];

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

export { DEFAULT_CALENDAR };

// ---------------------------------------------------------------------------------------------
// Severity suggestion
// ---------------------------------------------------------------------------------------------

/** The policy's line between a System Outage and a Major Impairment: "30 % or more". */
const OUTAGE_SHARE_PERCENT = 30;

// Percentages typed by people have a few decimals; products like 1.5 x 0.3 pick up binary noise
// (0.44999999999999996). Differences below this many percentage points count as equal, so
// "exactly 50 % above normal" stays a Major Impairment whatever the digits.
const PERCENT_TOLERANCE = 1e-9;

function describeValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every refusal of the core has one shape: the field first, what it must be, what came instead. */
function fail(field: string, rule: string, got: string): never {
  throw new Error(`${field} must ${rule} (got ${got}).`);
}

function check(field: string, ok: boolean, rule: string, value: unknown): void {
  if (!ok) fail(field, rule, describeValue(value));
}

function checkCount(input: Record<string, unknown>, field: string, minimum: 0 | 1): number | undefined {
  const value = input[field] as number | undefined;
  if (value !== undefined) check(field, Number.isInteger(value) && value >= minimum, `be a whole number, ${minimum ? 'more than 0' : '0 or more'}`, value);
  return value;
}

function checkPercent(field: string, value: unknown): number {
  // NaN and the infinities fail one of the comparisons.
  check(field, typeof value === 'number' && value >= 0 && value <= 100, 'be a number from 0 to 100', value);
  return value as number;
}

function checkFlag(field: string, value: unknown, fallback?: boolean): boolean {
  if (value === undefined && fallback !== undefined) return fallback;
  check(field, typeof value === 'boolean', 'be true or false', value);
  return value as boolean;
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
  check('input', isPlainObject(input), 'be an object with at least a category', input);
  const given = input as Record<string, unknown>;
  const { category, interactionsAffectedPercent, abandonment } = given;
  if (!CATEGORIES.includes(category as Category)) {
    fail('category', `be one of ${CATEGORIES.map((value) => `'${value}'`).join(', ')}`, describeValue(category));
  }
  const agentsAffected = checkCount(given, 'agentsAffected', 0);
  const agentsTotal = checkCount(given, 'agentsTotal', 1);
  if (agentsAffected! > agentsTotal!) fail('agentsAffected', 'not exceed agentsTotal', `${agentsAffected} of ${agentsTotal}`);

  // Abandonment figures sent with another category are checked but do not count: the contract
  // ties rule 3 to the category, and the other categories are graded by their impact share.
  let rates: CheckedInput['abandonment'];
  if (abandonment !== undefined) {
    check('abandonment', isPlainObject(abandonment), 'be an object', abandonment);
    const { currentlyObserved, ratePercent, normalRatePercent } = abandonment as Record<string, unknown>;
    rates = {
      currentlyObserved: checkFlag('abandonment.currentlyObserved', currentlyObserved),
      ratePercent: checkPercent('abandonment.ratePercent', ratePercent),
      normalRatePercent: checkPercent('abandonment.normalRatePercent', normalRatePercent),
    };
  }

  return {
    category: category as Category,
    agentsAffected,
    agentsTotal,
    interactionsAffectedPercent:
      interactionsAffectedPercent === undefined ? undefined : checkPercent('interactionsAffectedPercent', interactionsAffectedPercent),
    workaround: checkFlag('workaround', given.workaround, false),
    unsupportedPlatformChange: checkFlag('unsupportedPlatformChange', given.unsupportedPlatformChange, false),
    // The contract's default: a defect stops core work unless the reporter says it does not.
    // Only 'other-defect' reads it; the other core categories are core work by definition.
    coreFunctionAffected: checkFlag('coreFunctionAffected', given.coreFunctionAffected, true),
    abandonment: rates,
  };
}

/** A percentage for a sentence: at most two decimals (printed without trailing zeros). */
function roundPercent(value: number): number {
  return Number(value.toFixed(2));
}

/**
 * A computed share for a sentence, rounded to one decimal, except that rounding never moves it
 * across the 30 % line: 29.96 % must not read "30 %" next to "less than 30 %".
 */
function roundShare(percent: number): number {
  const rounded = Math.round(percent * 10) / 10;
  return percent < OUTAGE_SHARE_PERCENT && rounded >= OUTAGE_SHARE_PERCENT ? Math.floor(percent * 100) / 100 : rounded;
}

type Grade = [Level, ReasonExplanation[]];

const explain = (key: ReasonKey, values: Record<string, number> = {}): ReasonExplanation => ({ key, values });

/** Rule 3: a rising chat abandon rate. */
function gradeAbandonment(abandonment: CheckedInput['abandonment']): Grade {
  // The category itself says the rate is rising; without figures the policy's default holds.
  if (!abandonment) return [2, [explain('abandonNoRates')]];
  const { currentlyObserved, ratePercent, normalRatePercent } = abandonment;
  const rates = { rate: roundPercent(ratePercent), normal: roundPercent(normalRatePercent) };
  if (!currentlyObserved) return [2, [explain('abandonNotNow', rates)]];
  const withThreshold = { ...rates, threshold: roundPercent(1.5 * normalRatePercent) };
  return ratePercent > 1.5 * normalRatePercent + PERCENT_TOLERANCE
    ? [1, [explain('abandonOutage', withThreshold)]]
    : [2, [explain('abandonMajor', withThreshold)]];
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
function gradeImpact({ agentsAffected: agents = -1, agentsTotal, interactionsAffectedPercent: interactions = -1 }: CheckedInput): Grade {
  // -1 stands for "not given": no comparison below counts it as an impact.
  const shareKnown = agents >= 0 && agentsTotal !== undefined;
  const share = shareKnown ? roundShare((agents / agentsTotal) * 100) : 0;
  const agentFigures = { agents, total: agentsTotal!, share };
  const interactionFigures = { percent: roundPercent(interactions) };

  const reasons: ReasonExplanation[] = [];
  // Integer arithmetic for the agent share, so 3 of 10 is exactly 30 % and never 29.999...
  if (shareKnown && agents * 100 >= agentsTotal * OUTAGE_SHARE_PERCENT) reasons.push(explain('outageAgents', agentFigures));
  if (interactions >= OUTAGE_SHARE_PERCENT) reasons.push(explain('outageInteractions', interactionFigures));
  if (reasons.length) return [1, reasons];

  if (agents > 1) {
    reasons.push(
      shareKnown
        ? explain('majorAgents', agentFigures)
        : // Without the population the share is unknown; several agents is already more than
          // "one agent", so the contract's second branch applies.
          explain('majorAgentsNoTotal', { agents }),
    );
  }
  // 0 % means no interactions are affected, which is not "any share".
  if (interactions > 0) reasons.push(explain('majorInteractions', interactionFigures));
  if (reasons.length) return [2, reasons];

  return [
    3,
    [
      agents === 1
        ? shareKnown
          ? explain('oneAgentOfTotal', { total: agentsTotal!, share })
          : explain('oneAgent')
        : explain(agents === 0 || interactions === 0 ? 'noImpact' : 'noFigures'),
    ],
  ];
}

/** Rules 1, 2 and 5 settle the level from the input's kind alone; 3 and 4 weigh its figures. */
function grade(checked: CheckedInput): Grade {
  const { category } = checked;
  // The two request categories have a reason of their own name.
  if (category === 'enhancement' || category === 'question') return [4, [explain(category)]];
  if (checked.unsupportedPlatformChange) return [4, [explain('unsupportedPlatform')]];
  if (category === 'chat-abandonment') return gradeAbandonment(checked.abandonment);
  // Rule 4 covers core categories only: a readable, working media bar is a Minor Loss of
  // Service even when every agent sees the display problem.
  const minor =
    category === 'media-bar-display' ? 'displayOnly' : !checked.coreFunctionAffected && category === 'other-defect' ? 'notCoreWork' : undefined;
  return minor ? [3, [explain(minor)]] : gradeImpact(checked);
}

/**
 * Suggests a severity per the support policy, with the reasons a person can check, as English
 * sentences (`reasons`) and as data a translation fills (`explanations`, keys of REASONS).
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
  let [level, explanations] = grade(checked);
  // Only rules 3 and 4 ever give a 1, so rule 6 reads the same after any rule.
  if (level === 1 && checked.workaround) {
    level = 2;
    explanations = [...explanations, explain('workaroundRegrade')];
  }
  return { level, name: SEVERITY_NAMES[level], reasons: explanations.map(({ key, values }) => fill(REASONS[key], values)), explanations };
}

// ---------------------------------------------------------------------------------------------
// SLA and the response clock
// ---------------------------------------------------------------------------------------------

const RESPONSE_MINUTES: Record<Level, number> = { 1: 30, 2: 120, 3: 360, 4: 1440 };

function checkLevel(level: unknown): Level {
  check('level', LEVELS.includes(level as Level), 'be 1, 2, 3 or 4', level);
  return level as Level;
}

/**
 * The response SLA of a level under a plan. Standard: 24x7 for level 1 only; premium: 24x7 for
 * levels 1-3; everything else runs on business hours.
 */
export function slaFor(level: Level, plan: Plan = 'standard'): Sla {
  const checked = checkLevel(level);
  check('plan', plan === 'standard' || plan === 'premium', "be 'standard' or 'premium'", plan);
  return {
    responseMinutes: RESPONSE_MINUTES[checked],
    coverage: (plan === 'premium' ? checked <= 3 : checked === 1) ? '24x7' : 'business-hours',
    // The policy asks for hourly updates on outages only; other levels update "when material
    // updates are made", which has no clock.
    updateCadenceMinutes: checked === 1 ? 60 : null,
  };
}

// '24:00' is accepted as an end, so a calendar can cover a whole day ('00:00'-'24:00').
const WALL_CLOCK = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const CIVIL_DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

/** Minutes after midnight of an 'HH:MM' wall-clock time. */
function minutesOf(field: string, value: unknown): number {
  const match = typeof value === 'string' && WALL_CLOCK.exec(value);
  if (!match) return fail(field, "be a wall-clock time 'HH:MM' from '00:00' to '24:00', such as '06:00'", describeValue(value));
  return match[1] ? Number(match[1]) * 60 + Number(match[2]) : 1440;
}

/** 'YYYY-MM-DD' naming a day that exists (no 2026-02-30): it survives the trip through a Date. */
function isRealCivilDate(value: unknown): boolean {
  const match = typeof value === 'string' && CIVIL_DATE.exec(value);
  return !!match && civilDateKeyAt(utcFromFields(Number(match[1]), Number(match[2]), Number(match[3]))) === value;
}

/** A support calendar with every field checked, as the business-hours clock uses it. */
interface CheckedCalendar {
  calendar: SupportCalendar;
  days: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
  /** The day's window in minutes after midnight, wall clock. */
  start: number;
  end: number;
}

function checkCalendar(partial: unknown): CheckedCalendar {
  check('calendar', partial === undefined || isPlainObject(partial), 'be an object', partial);
  // A field left undefined (a form that did not fill it) takes the default, like a missing one.
  const given = (partial ?? {}) as Partial<SupportCalendar>;
  const pick = <K extends keyof SupportCalendar>(key: K): SupportCalendar[K] => (given[key] === undefined ? DEFAULT_CALENDAR[key] : given[key]!);

  const timeZone = pick('timeZone');
  check('calendar.timeZone', isValidTimeZone(timeZone), 'be ' + IANA_ZONE, timeZone);
  const [startText, endText] = [pick('start'), pick('end')];
  const start = minutesOf('calendar.start', startText);
  const end = minutesOf('calendar.end', endText);
  if (start >= end) fail('calendar.start', 'be before calendar.end', `${startText} to ${endText}`);

  const days = pick('days');
  if (!Array.isArray(days) || !days.length || !days.every((day) => Number.isInteger(day) && day >= 0 && day <= 6)) {
    fail('calendar.days', 'be a non-empty list of weekdays from 0 (Sunday) to 6 (Saturday)', JSON.stringify(days));
  }

  const holidays = pick('holidays') ?? [];
  check('calendar.holidays', Array.isArray(holidays), "be a list of 'YYYY-MM-DD' dates", holidays);
  holidays.forEach((holiday, index) => check(`calendar.holidays[${index}]`, isRealCivilDate(holiday), "be a real date 'YYYY-MM-DD'", holiday));

  return {
    calendar: { timeZone, days: [...days], start: startText, end: endText, holidays: [...holidays] },
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

const MS_PER_MINUTE = 60_000;
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
  const today = zonedParts(fromMs, timeZone);
  // The civil day walked, as its UTC midnight: plain day arithmetic, whatever the zone does.
  for (let day = utcFromFields(today.year, today.month, today.day), daysWithoutCoverage = 0; ; day += MS_PER_DAY) {
    const key = civilDateKeyAt(day);
    daysWithoutCoverage++;
    if (checked.days.has(new Date(day).getUTCDay()) && !checked.holidays.has(key)) {
      const windowEnd = wallClockToEpochMs(day + checked.end * MS_PER_MINUTE, timeZone);
      const from = Math.max(fromMs, wallClockToEpochMs(day + checked.start * MS_PER_MINUTE, timeZone));
      if (from < windowEnd) {
        daysWithoutCoverage = 0;
        if (remainingMs <= windowEnd - from) return from + remainingMs;
        remainingMs -= windowEnd - from;
      }
    }
    if (daysWithoutCoverage > MAX_DAYS_WITHOUT_COVERAGE) {
      throw new Error(`calendar has no business hours in the 3 years after ${key} (${timeZone}): check calendar.days and calendar.holidays.`);
    }
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
  // Not instanceof: a Date made in another frame (OSvC hosts add-ins in iframes) is still a Date.
  const isDate = Object.prototype.toString.call(createdAt) === '[object Date]';
  const created = isDate ? createdAt.getTime() : NaN;
  if (Number.isNaN(created)) fail('createdAt', 'be a valid Date', isDate ? 'an invalid Date' : describeValue(createdAt));
  // JavaScript dates end 8.64e15 ms either side of 1970; keeping well inside leaves room for the
  // due time (even a calendar open one minute a week) and for the day walk's Intl readings.
  if (Math.abs(created) > 8e15) {
    throw new Error(`createdAt is too far from today for a due time to be computed (got ${createdAt.toISOString()}).`);
  }
  check('options', isPlainObject(options), 'be an object', options);
  const sla = slaFor(level, options.plan);
  // The calendar is checked even when a 24x7 level ignores it, so a bad configuration shows at
  // once rather than on the first business-hours ticket.
  const calendar = checkCalendar(options.calendar);
  return new Date(
    sla.coverage === '24x7' ? created + sla.responseMinutes * MS_PER_MINUTE : spendBusinessMinutes(created, sla.responseMinutes, calendar),
  );
}
