import { expect } from 'chai';
import { describe, it } from '../support/harness.js';
import { fill, formatBytes, formatDateTime, formatDuration, instantFromLocalInput, intl, isoWithOffset, timeZones, toLocalInput } from '../../src/format.js';

describe('format: templates', () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(fill('{n} agents in {zone}', { n: 3, zone: 'UTC' })).to.equal('3 agents in UTC');
    expect(fill('due {when}', {})).to.equal('due {when}');
  });
});

describe('format: wall clock in a zone <-> instant', () => {
  it('reads a winter afternoon in New York as UTC-5', () => {
    expect(instantFromLocalInput('2026-12-01T15:30', 'America/New_York')).to.equal('2026-12-01T15:30:00-05:00');
  });

  it('reads a summer afternoon in New York as UTC-4', () => {
    expect(instantFromLocalInput('2026-07-01T15:30', 'America/New_York')).to.equal('2026-07-01T15:30:00-04:00');
  });

  it('resolves a time skipped by the spring-forward change to the change itself', () => {
    // 02:30 never happens on 2026-03-08 in New York: clocks jump from 02:00 EST to 03:00 EDT.
    const iso = instantFromLocalInput('2026-03-08T02:30', 'America/New_York')!;
    expect(new Date(iso).toISOString()).to.equal('2026-03-08T07:00:00.000Z');
  });

  it('resolves a time repeated by the fall-back change to its first occurrence', () => {
    const iso = instantFromLocalInput('2026-11-01T01:30', 'America/New_York')!;
    expect(iso).to.equal('2026-11-01T01:30:00-04:00');
    expect(new Date(iso).toISOString()).to.equal('2026-11-01T05:30:00.000Z');
  });

  it('handles half-hour offsets and zones south of the equator', () => {
    expect(instantFromLocalInput('2026-01-15T09:00', 'Asia/Kolkata')).to.equal('2026-01-15T09:00:00+05:30');
    expect(instantFromLocalInput('2026-01-15T09:00', 'Australia/Sydney')).to.equal('2026-01-15T09:00:00+11:00');
  });

  it('refuses an unknown zone or a malformed reading instead of guessing', () => {
    expect(instantFromLocalInput('2026-01-15T09:00', 'Mars/Olympus')).to.equal(undefined);
    expect(instantFromLocalInput('15/01/2026 9:00', 'UTC')).to.equal(undefined);
    expect(instantFromLocalInput('2026-13-15T09:00', 'UTC')).to.equal(undefined);
  });

  it('round-trips an instant through the datetime-local reading of any zone', () => {
    const instant = new Date('2026-03-29T00:45:00Z'); // London changes that night
    for (const zone of ['Europe/London', 'America/Los_Angeles', 'Asia/Tokyo']) {
      const reading = toLocalInput(instant, zone);
      expect(new Date(instantFromLocalInput(reading, zone)!).getTime(), zone).to.equal(instant.getTime());
    }
  });

  it('writes an instant with the zone offset in force at that instant', () => {
    expect(isoWithOffset(new Date('2026-06-01T12:00:00Z'), 'Europe/Berlin')).to.equal('2026-06-01T14:00:00+02:00');
    expect(isoWithOffset(new Date('2026-12-01T12:00:00Z'), 'Europe/Berlin')).to.equal('2026-12-01T13:00:00+01:00');
  });
});

describe('format: words for people', () => {
  it('formats a span by its two largest units', () => {
    expect(formatDuration(90 * 60_000, 'en-US')).to.match(/^1 hr,? 30 min$/);
    expect(formatDuration((26 * 60 + 5) * 60_000, 'en-US')).to.match(/^1 day,? 2 hr$/);
    expect(formatDuration(30_000, 'en-US')).to.match(/^0 min$/);
  });

  it('formats sizes in the largest fitting unit', () => {
    expect(formatBytes(10 * 1024 * 1024, 'en-US')).to.equal('10 MB');
    expect(formatBytes(1536, 'en-US')).to.equal('1.5 kB');
  });

  it('shows the same instant in two zones with their names', () => {
    const due = new Date('2026-12-02T12:30:00Z');
    expect(formatDateTime(due, 'en-US', 'America/New_York')).to.match(/7:30\s?AM EST/);
    expect(formatDateTime(due, 'en-US', 'America/Los_Angeles')).to.match(/4:30\s?AM PST/);
  });

  it('lists zones including the agent own one', () => {
    const zones = timeZones('America/New_York');
    expect(zones).to.include('America/New_York');
    expect(zones.length).to.be.greaterThan(50);
  });
});

describe('format: Intl formatters', () => {
  it('builds one formatter per locale and options and keeps it', () => {
    expect(intl(Intl.NumberFormat, 'es-ES', { maximumFractionDigits: 1 })).to.equal(intl(Intl.NumberFormat, 'es-ES', { maximumFractionDigits: 1 }));
    expect(intl(Intl.NumberFormat, 'es-ES', { maximumFractionDigits: 1 })).not.to.equal(intl(Intl.NumberFormat, 'en-US', { maximumFractionDigits: 1 }));
    expect(intl(Intl.NumberFormat, 'es-ES', { maximumFractionDigits: 1 }).format(27.54)).to.equal('27,5');
    expect(intl(Intl.NumberFormat, 'en-US', { maximumFractionDigits: 1 }).format(27.54)).to.equal('27.5');
  });
});
