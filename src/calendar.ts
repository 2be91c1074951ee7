/**
 * The support calendar the policy uses when a host configures none, in a module of its own: the
 * defaults state it at start-up without loading the severity core (the add-in's init page and
 * the provider need no severity until the reporter opens). severity.ts re-exports it.
 */
import type { SupportCalendar } from './severity.js';

export const DEFAULT_CALENDAR: SupportCalendar = {
  timeZone: 'America/New_York',
  days: [1, 2, 3, 4, 5],
  start: '06:00',
  end: '16:00',
};
