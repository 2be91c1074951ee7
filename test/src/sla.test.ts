import { expect } from 'chai';
import { describe, it } from '../support/harness.js';
import {
  DEFAULT_CALENDAR,
  resolveCalendar,
  responseDueAt,
  slaFor,
  type Level,
  type Plan,
  type SupportCalendar,
} from '../../src/severity.js';
import { isValidTimeZone, offsetMinutesAt, wallClockToInstant, zonedParts } from '../../src/zoned-time.js';

type Options = { plan?: Plan; calendar?: Partial<SupportCalendar> };

const due = (createdAt: string, level: Level, options?: Options) => responseDueAt(new Date(createdAt), level, options).toISOString();

const LONDON: Partial<SupportCalendar> = { timeZone: 'Europe/London', start: '09:00', end: '17:00' };

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(Error);
    return (error as Error).message;
  }
  throw new Error('expected the call to be refused');
}

describe('slaFor', () => {
  it('gives the policy response times and the hourly update cadence for outages only', () => {
    const expected: Record<Level, [number, number | null]> = { 1: [30, 60], 2: [120, null], 3: [360, null], 4: [1440, null] };
    for (const plan of ['standard', 'premium'] as const) {
      for (const level of [1, 2, 3, 4] as const) {
        const sla = slaFor(level, plan);
        expect([sla.responseMinutes, sla.updateCadenceMinutes], `${plan} ${level}`).to.deep.equal(expected[level]);
      }
    }
  });

  it('covers only level 1 round the clock on the standard plan, the default', () => {
    expect([1, 2, 3, 4].map((level) => slaFor(level as Level).coverage)).to.deep.equal(['24x7', 'business-hours', 'business-hours', 'business-hours']);
    expect(slaFor(2, 'standard')).to.deep.equal(slaFor(2));
  });

  it('covers levels 1 to 3 round the clock on the premium plan', () => {
    expect([1, 2, 3, 4].map((level) => slaFor(level as Level, 'premium').coverage)).to.deep.equal(['24x7', '24x7', '24x7', 'business-hours']);
  });

  it('refuses an unknown level or plan, naming it', () => {
    for (const level of [0, 5, 1.5, '1', undefined]) {
      expect(refusal(() => slaFor(level as Level)), String(level)).to.match(/^level must be 1, 2, 3 or 4/);
    }
    expect(refusal(() => slaFor(1, 'gold' as Plan))).to.equal(`plan must be 'standard' or 'premium' (got "gold").`);
  });
});

describe('responseDueAt on the default calendar (6am-4pm New York, Monday to Friday)', () => {
  it('is due Wednesday 07:30 New York for a level 2 created Tuesday 15:30 (the contract example)', () => {
    expect(due('2026-12-01T20:30:00Z', 2)).to.equal('2026-12-02T12:30:00.000Z');
  });

  it('adds absolute minutes for level 1, at night and on a Saturday, to the millisecond', () => {
    expect(due('2026-12-05T03:10:15.250Z', 1)).to.equal('2026-12-05T03:40:15.250Z');
  });

  it('skips the weekend: Friday 15:30 is due Monday 07:30', () => {
    expect(due('2026-12-04T20:30:00Z', 2)).to.equal('2026-12-07T12:30:00.000Z');
  });

  it('starts counting at opening for a ticket created at 03:00', () => {
    expect(due('2026-12-01T08:00:00Z', 2)).to.equal('2026-12-01T13:00:00.000Z');
    expect(due('2026-12-01T11:00:00Z', 2)).to.equal('2026-12-01T13:00:00.000Z');
  });

  it('moves a ticket created exactly at closing to the next business day', () => {
    expect(due('2026-12-01T21:00:00Z', 2)).to.equal('2026-12-02T13:00:00.000Z');
    expect(due('2026-12-01T20:59:00Z', 2)).to.equal('2026-12-02T12:59:00.000Z');
  });

  it('is due at closing time, not the next morning, when the minutes run out exactly then', () => {
    expect(due('2026-12-01T19:00:00Z', 2)).to.equal('2026-12-01T21:00:00.000Z');
  });

  it('spends a level 3 within one day and a level 4 over several', () => {
    expect(due('2026-11-30T11:00:00Z', 3)).to.equal('2026-11-30T17:00:00.000Z');
    // Friday 15:30: 30 minutes Friday, 600 Monday, 600 Tuesday, 210 Wednesday -> 09:30.
    expect(due('2026-12-04T20:30:00Z', 4)).to.equal('2026-12-09T14:30:00.000Z');
  });

  it('skips holidays, including one the ticket is created on', () => {
    const calendar = { holidays: ['2026-12-25'] };
    // Thursday 15:00: 60 minutes Thursday, Friday is a holiday, then the weekend, 60 Monday.
    expect(due('2026-12-24T20:00:00Z', 2, { calendar })).to.equal('2026-12-28T12:00:00.000Z');
    expect(due('2026-12-25T15:00:00Z', 2, { calendar })).to.equal('2026-12-28T13:00:00.000Z');
    expect(due('2026-12-25T15:00:00Z', 2)).to.equal('2026-12-25T17:00:00.000Z');
  });

  it('keeps the default hours when a calendar gives only holidays or leaves fields undefined', () => {
    expect(due('2026-12-01T20:30:00Z', 2, { calendar: { holidays: [] } })).to.equal('2026-12-02T12:30:00.000Z');
    expect(due('2026-12-01T20:30:00Z', 2, { calendar: { timeZone: undefined, start: undefined } })).to.equal('2026-12-02T12:30:00.000Z');
    expect(resolveCalendar({ holidays: ['2026-12-25'] })).to.deep.equal({ ...DEFAULT_CALENDAR, holidays: ['2026-12-25'] });
  });

  it('follows New York into daylight saving time (2026-03-08): Monday opens at 06:00 EDT', () => {
    // Friday 15:30 EST (20:30Z): 30 minutes Friday, 90 on Monday from 06:00 EDT (10:00Z).
    expect(due('2026-03-06T20:30:00Z', 2)).to.equal('2026-03-09T11:30:00.000Z');
  });

  it('follows New York out of daylight saving time (2026-11-01): Monday opens at 06:00 EST', () => {
    // Friday 15:30 EDT (19:30Z): 30 minutes Friday, 90 on Monday from 06:00 EST (11:00Z).
    expect(due('2026-10-30T19:30:00Z', 2)).to.equal('2026-11-02T12:30:00.000Z');
  });
});

describe('responseDueAt by plan', () => {
  it('runs a premium level 2 and 3 round the clock but a standard one on business hours', () => {
    expect(due('2026-12-04T20:30:00Z', 2, { plan: 'premium' })).to.equal('2026-12-04T22:30:00.000Z');
    expect(due('2026-12-04T20:30:00Z', 2, { plan: 'standard' })).to.equal('2026-12-07T12:30:00.000Z');
    expect(due('2026-12-05T12:00:00Z', 3, { plan: 'premium' })).to.equal('2026-12-05T18:00:00.000Z');
    expect(due('2026-12-05T12:00:00Z', 3)).to.equal('2026-12-07T17:00:00.000Z');
  });

  it('runs a premium level 4 on business hours like a standard one', () => {
    expect(due('2026-12-04T20:30:00Z', 4, { plan: 'premium' })).to.equal(due('2026-12-04T20:30:00Z', 4, { plan: 'standard' }));
  });
});

describe('responseDueAt on other calendars', () => {
  it('follows London into British Summer Time (2026-03-29)', () => {
    // Friday 16:30 GMT: 30 minutes Friday, 90 on Monday from 09:00 BST (08:00Z).
    expect(due('2026-03-27T16:30:00Z', 2, { calendar: LONDON })).to.equal('2026-03-30T09:30:00.000Z');
  });

  it('follows London back to Greenwich Mean Time (2026-10-25)', () => {
    // Friday 16:30 BST (15:30Z): 30 minutes Friday, 90 on Monday from 09:00 GMT.
    expect(due('2026-10-23T15:30:00Z', 2, { calendar: LONDON })).to.equal('2026-10-26T10:30:00.000Z');
  });

  it('counts the 23-hour and 25-hour London Sundays as they are', () => {
    const sundays = { timeZone: 'Europe/London', days: [0], start: '00:00', end: '24:00' };
    // 2026-03-29 has 1380 minutes: 60 of the 1440 are left for the next Sunday (00:00 BST = 23:00Z).
    expect(due('2026-03-29T00:00:00Z', 4, { calendar: sundays })).to.equal('2026-04-05T00:00:00.000Z');
    // 2026-10-25 has 1500 minutes: 1440 end at 23:00 GMT the same day.
    expect(due('2026-10-24T23:00:00Z', 4, { calendar: sundays })).to.equal('2026-10-25T23:00:00.000Z');
  });

  it('opens a window whose start the clocks skip at the transition itself (New York 2026-03-08)', () => {
    const calendar = { days: [0, 1, 2, 3, 4, 5, 6], start: '02:30', end: '03:30' };
    // Sunday the clock jumps 02:00 EST -> 03:00 EDT: the window is 07:00Z-07:30Z (30 minutes),
    // Monday 06:30Z-07:30Z (60), and the last 30 minutes come on Tuesday from 06:30Z.
    expect(due('2026-03-08T00:00:00Z', 2, { calendar })).to.equal('2026-03-10T07:00:00.000Z');
  });

  it('works Sunday to Thursday, 09:30-18:00 in Kolkata, reading holidays in that zone', () => {
    const kolkata = { timeZone: 'Asia/Kolkata', days: [0, 1, 2, 3, 4], start: '09:30', end: '18:00' };
    // Thursday 17:00 IST (11:30Z): 60 minutes Thursday, Friday and Saturday off, 60 Sunday -> 10:30 IST.
    expect(due('2026-12-03T11:30:00Z', 2, { calendar: kolkata })).to.equal('2026-12-06T05:00:00.000Z');
    // 2026-12-01T23:00Z is already Wednesday 2 December in Kolkata (04:30), which is a holiday there.
    expect(due('2026-12-01T23:00:00Z', 2, { calendar: { ...kolkata, holidays: ['2026-12-02'] } })).to.equal('2026-12-03T06:00:00.000Z');
    expect(due('2026-12-01T23:00:00Z', 2, { calendar: kolkata })).to.equal('2026-12-02T06:00:00.000Z');
  });

  it('keeps a fixed offset all year with Etc/GMT+5 (UTC-5), unlike America/New_York', () => {
    const fixed = { timeZone: 'Etc/GMT+5' };
    expect(due('2026-03-06T20:30:00Z', 2, { calendar: fixed })).to.equal('2026-03-09T12:30:00.000Z');
    expect(due('2026-07-07T20:30:00Z', 2, { calendar: fixed })).to.equal('2026-07-08T12:30:00.000Z');
    // New York is on EDT in July: 15:30 there is 19:30Z, and Wednesday opens at 10:00Z.
    expect(due('2026-07-07T19:30:00Z', 2)).to.equal('2026-07-08T11:30:00.000Z');
  });

  it('treats 00:00-24:00 every day as round the clock', () => {
    const always = { timeZone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '24:00' };
    expect(due('2026-12-05T07:45:00Z', 4, { calendar: always })).to.equal('2026-12-06T07:45:00.000Z');
  });

  it('gives up with a clear error when a calendar has no business day for three years', () => {
    const mondays: string[] = [];
    for (let day = Date.UTC(2026, 11, 7); day < Date.UTC(2031, 0, 1); day += 7 * 86_400_000) {
      mondays.push(new Date(day).toISOString().slice(0, 10));
    }
    const message = refusal(() => responseDueAt(new Date('2026-12-01T20:30:00Z'), 2, { calendar: { days: [1], holidays: mondays } }));
    expect(message).to.contain('calendar has no business hours in the 3 years').and.to.contain('calendar.holidays');
  });
});

describe('responseDueAt refuses invalid input, naming the field', () => {
  const created = new Date('2026-12-01T20:30:00Z');
  const withCalendar = (calendar: unknown) => refusal(() => responseDueAt(created, 2, { calendar: calendar as Partial<SupportCalendar> }));

  it('refuses an invalid date or something that is not a Date', () => {
    expect(refusal(() => responseDueAt(new Date('not a date'), 2))).to.equal('createdAt must be a valid Date (got an invalid Date).');
    expect(refusal(() => responseDueAt('2026-12-01T20:30:00Z' as unknown as Date, 2))).to.match(/^createdAt must be a valid Date/);
  });

  it('refuses an unknown level or plan', () => {
    expect(refusal(() => responseDueAt(created, 7 as Level))).to.match(/^level must be/);
    expect(refusal(() => responseDueAt(created, 2, { plan: 'gold' as Plan }))).to.match(/^plan must be/);
    expect(refusal(() => responseDueAt(created, 2, null as unknown as Options))).to.match(/^options must be an object/);
  });

  it('refuses a calendar that is not an object or names an unknown zone', () => {
    expect(withCalendar('weekdays')).to.match(/^calendar must be an object/);
    expect(withCalendar({ timeZone: 'Mars/Olympus' })).to.match(/^calendar\.timeZone must be an IANA time zone/);
    expect(withCalendar({ timeZone: '' })).to.match(/^calendar\.timeZone/);
  });

  it('refuses opening hours that are not HH:MM or do not leave a window', () => {
    for (const start of ['6:00', '25:00', '06:60', 'six', 600]) {
      expect(withCalendar({ start }), String(start)).to.match(/^calendar\.start must be a wall-clock time 'HH:MM'/);
    }
    expect(withCalendar({ end: '24:30' })).to.match(/^calendar\.end must be/);
    expect(withCalendar({ start: '16:00', end: '06:00' })).to.match(/^calendar\.start must be before calendar\.end/);
    expect(withCalendar({ start: '09:00', end: '09:00' })).to.match(/^calendar\.start must be before calendar\.end/);
  });

  it('refuses weekdays outside 0..6 and an empty week', () => {
    for (const days of [[7], [-1], [1.5], [], 'weekdays', ['1']]) {
      expect(withCalendar({ days }), JSON.stringify(days)).to.match(/^calendar\.days must be a non-empty list of weekdays/);
    }
  });

  it('refuses malformed or impossible holidays, naming which one', () => {
    expect(withCalendar({ holidays: ['2026-12-25', '2026-02-30'] })).to.equal(`calendar.holidays[1] must be a real date 'YYYY-MM-DD' (got "2026-02-30").`);
    expect(withCalendar({ holidays: ['2026/12/25'] })).to.match(/^calendar\.holidays\[0\]/);
    expect(withCalendar({ holidays: [20261225] })).to.match(/^calendar\.holidays\[0\]/);
    expect(withCalendar({ holidays: '2026-12-25' })).to.match(/^calendar\.holidays must be a list/);
  });

  it('refuses a creation time so far out that no due time can be represented', () => {
    expect(refusal(() => responseDueAt(new Date(8.64e15), 1))).to.match(/^createdAt is too far from today/);
    expect(refusal(() => responseDueAt(new Date(-8.64e15), 2))).to.match(/^createdAt is too far from today/);
  });

  it('checks the calendar even for a round-the-clock level', () => {
    expect(refusal(() => responseDueAt(created, 1, { calendar: { timeZone: 'Nowhere/Land' } }))).to.match(/^calendar\.timeZone/);
  });
});

describe('zoned-time helpers', () => {
  it('reads the wall clock of an instant, with midnight as hour 0', () => {
    expect(zonedParts(new Date('2026-12-01T05:00:00Z'), 'America/New_York')).to.deep.equal({
      year: 2026, month: 12, day: 1, hour: 0, minute: 0, second: 0, weekday: 2,
    });
    expect(zonedParts(new Date('2026-12-01T23:00:00Z'), 'Asia/Kolkata')).to.include({ day: 2, hour: 4, minute: 30, weekday: 3 });
  });

  it('reports the offset on either side of a transition', () => {
    expect(offsetMinutesAt(new Date('2026-03-08T06:59:59Z'), 'America/New_York')).to.equal(-300);
    expect(offsetMinutesAt(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).to.equal(-240);
    expect(offsetMinutesAt(new Date('2026-06-01T00:00:00Z'), 'Europe/London')).to.equal(60);
  });

  it('resolves a wall-clock time on its own date, with a different offset on each side of a transition', () => {
    expect(wallClockToInstant(2026, 3, 6, 6, 0, 'America/New_York').toISOString()).to.equal('2026-03-06T11:00:00.000Z');
    expect(wallClockToInstant(2026, 3, 9, 6, 0, 'America/New_York').toISOString()).to.equal('2026-03-09T10:00:00.000Z');
  });

  it('resolves a skipped time to the transition and a repeated one to its first occurrence', () => {
    expect(wallClockToInstant(2026, 3, 8, 2, 30, 'America/New_York').toISOString()).to.equal('2026-03-08T07:00:00.000Z');
    expect(wallClockToInstant(2026, 11, 1, 1, 30, 'America/New_York').toISOString()).to.equal('2026-11-01T05:30:00.000Z');
    expect(wallClockToInstant(2026, 3, 29, 1, 30, 'Europe/London').toISOString()).to.equal('2026-03-29T01:00:00.000Z');
    expect(wallClockToInstant(2026, 10, 25, 1, 30, 'Europe/London').toISOString()).to.equal('2026-10-25T00:30:00.000Z');
  });

  it('knows real zones and refuses made-up ones', () => {
    expect(isValidTimeZone('Europe/London')).to.equal(true);
    expect(isValidTimeZone('Etc/GMT+5')).to.equal(true);
    expect(isValidTimeZone('Mars/Olympus')).to.equal(false);
    expect(isValidTimeZone(42)).to.equal(false);
    expect(() => zonedParts(new Date(), 'Mars/Olympus')).to.throw(RangeError, /timeZone must be an IANA time zone/);
  });
});
