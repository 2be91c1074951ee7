import { expect } from 'chai';
import fc from 'fast-check';
import { describe, it } from '../support/harness.js';
import { CATEGORIES, responseDueAt, slaFor, suggestSeverity, type Level, type Plan, type SeverityInput, type SupportCalendar } from '../../src/severity.js';
import { civilDateKey, zonedParts } from '../../src/zoned-time.js';

// Modest run counts: these run in Node and again in Chromium on a shared two-core machine.
const RUNS = 300;

const flags = {
  workaround: fc.option(fc.boolean(), { nil: undefined }),
  unsupportedPlatformChange: fc.option(fc.boolean(), { nil: undefined }),
  coreFunctionAffected: fc.option(fc.boolean(), { nil: undefined }),
  abandonment: fc.option(
    fc.record({
      currentlyObserved: fc.boolean(),
      ratePercent: fc.double({ min: 0, max: 100, noNaN: true }),
      normalRatePercent: fc.double({ min: 0, max: 100, noNaN: true }),
    }),
    { nil: undefined },
  ),
};
const category = fc.constantFrom(...CATEGORIES);
const percent = fc.double({ min: 0, max: 100, noNaN: true });

describe('suggestSeverity properties', () => {
  it('never raises the level number when more agents are affected, all else equal', () => {
    fc.assert(
      fc.property(
        category,
        fc.integer({ min: 1, max: 500 }),
        fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
        fc.option(percent, { nil: undefined }),
        fc.record(flags),
        (category, agentsTotal, [a, b], interactionsAffectedPercent, rest) => {
          const fewer = Math.floor(Math.min(a, b) * agentsTotal);
          const more = Math.floor(Math.max(a, b) * agentsTotal);
          const base: SeverityInput = { category, agentsTotal, interactionsAffectedPercent, ...rest };
          const withFewer = suggestSeverity({ ...base, agentsAffected: fewer }).level;
          const withMore = suggestSeverity({ ...base, agentsAffected: more }).level;
          expect(withMore, `${more} vs ${fewer} of ${agentsTotal}`).to.be.at.most(withFewer);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never raises the level number when more agents are affected and the population is unknown', () => {
    fc.assert(
      fc.property(category, fc.nat(1000), fc.nat(1000), fc.option(percent, { nil: undefined }), fc.record(flags), (category, x, y, interactionsAffectedPercent, rest) => {
        const base: SeverityInput = { category, interactionsAffectedPercent, ...rest };
        const withFewer = suggestSeverity({ ...base, agentsAffected: Math.min(x, y) }).level;
        const withMore = suggestSeverity({ ...base, agentsAffected: Math.max(x, y) }).level;
        expect(withMore).to.be.at.most(withFewer);
      }),
      { numRuns: RUNS },
    );
  });

  it('never raises the level number when a larger share of interactions is affected, all else equal', () => {
    fc.assert(
      fc.property(
        category,
        fc.option(fc.integer({ min: 1, max: 500 }).chain((total) => fc.tuple(fc.integer({ min: 0, max: total }), fc.constant(total))), { nil: undefined }),
        percent,
        percent,
        fc.record(flags),
        (category, agents, p, q, rest) => {
          const base: SeverityInput = { category, agentsAffected: agents?.[0], agentsTotal: agents?.[1], ...rest };
          const withLess = suggestSeverity({ ...base, interactionsAffectedPercent: Math.min(p, q) }).level;
          const withMore = suggestSeverity({ ...base, interactionsAffectedPercent: Math.max(p, q) }).level;
          expect(withMore, `${Math.max(p, q)} % vs ${Math.min(p, q)} %`).to.be.at.most(withLess);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('always names its level and gives reasons', () => {
    fc.assert(
      fc.property(category, fc.option(percent, { nil: undefined }), fc.record(flags), (category, interactionsAffectedPercent, rest) => {
        const suggestion = suggestSeverity({ category, interactionsAffectedPercent, ...rest });
        expect([1, 2, 3, 4]).to.include(suggestion.level);
        expect(suggestion.reasons).to.not.be.empty;
        expect(suggestion.reasons.every((reason) => reason.trim().length > 0)).to.equal(true);
      }),
      { numRuns: RUNS },
    );
  });
});

const CALENDARS: Partial<SupportCalendar>[] = [
  {},
  { timeZone: 'Europe/London', start: '09:00', end: '17:30', holidays: ['2026-12-25', '2026-12-28', '2027-01-01', '2027-04-02'] },
  { timeZone: 'Asia/Kolkata', days: [0, 1, 2, 3, 4], start: '09:30', end: '18:00' },
  { timeZone: 'Europe/London', days: [0, 6], start: '00:00', end: '24:00' },
];

// Random instants over several years, so daylight-saving changes, weekends and holidays all turn up.
const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2029, 11, 31) });
const level = fc.constantFrom<Level>(1, 2, 3, 4);
const plan = fc.constantFrom<Plan>('standard', 'premium');
const calendar = fc.constantFrom(...CALENDARS);

/**
 * An independent reading of "inside coverage": the wall clock of that very minute, taken from
 * Intl, is on a working day, not a holiday, and within [start, end). It shares no code with the
 * clock's day walk.
 */
function coveredMinute(minuteStart: number, given: Partial<SupportCalendar>): boolean {
  const cal = { timeZone: 'America/New_York', days: [1, 2, 3, 4, 5], start: '06:00', end: '16:00', ...given };
  const wall = zonedParts(minuteStart, cal.timeZone);
  if (!cal.days.includes(wall.weekday) || (cal.holidays ?? []).includes(civilDateKey(wall.year, wall.month, wall.day))) return false;
  const reading = `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
  return reading >= cal.start && reading < cal.end;
}

describe('responseDueAt properties', () => {
  it('is never earlier than createdAt plus the response minutes', () => {
    fc.assert(
      fc.property(instant, level, plan, calendar, (created, level, plan, calendar) => {
        const dueAt = responseDueAt(new Date(created), level, { plan, calendar }).getTime();
        expect(dueAt).to.be.at.least(created + slaFor(level, plan).responseMinutes * 60_000);
      }),
      { numRuns: RUNS },
    );
  });

  it('never moves earlier when the ticket is created later', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 4 * 86_400_000 }), level, plan, calendar, (created, later, level, plan, calendar) => {
        const first = responseDueAt(new Date(created), level, { plan, calendar }).getTime();
        const second = responseDueAt(new Date(created + later), level, { plan, calendar }).getTime();
        expect(second).to.be.at.least(first);
      }),
      { numRuns: RUNS },
    );
  });

  it('counts exactly the response minutes inside coverage, the last one included', () => {
    // Minute by minute with an independent notion of coverage: slower, so fewer runs.
    fc.assert(
      fc.property(
        instant.map((ms) => Math.floor(ms / 60_000) * 60_000),
        fc.constantFrom<Level>(2, 3),
        calendar,
        (created, level, calendar) => {
          const dueAt = responseDueAt(new Date(created), level, { calendar }).getTime();
          let covered = 0;
          for (let minute = created; minute < dueAt; minute += 60_000) if (coveredMinute(minute, calendar)) covered += 1;
          expect(covered).to.equal(slaFor(level).responseMinutes);
          expect(coveredMinute(dueAt - 60_000, calendar), 'the last minute before the due time is covered').to.equal(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});
