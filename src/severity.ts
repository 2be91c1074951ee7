/**
 * The severity and SLA core: grades a reported problem per the support policy
 * (../shared/seed/support-policy.txt) and computes the response clock.
 * DOM-free, dependency-free (the language and Intl only): it runs in Node 20 and any browser.
 * Names and shapes are a fixed public contract (../shared/contracts/severity.md).
 */

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

// IMPLEMENTATION PENDING (severity helper): suggestSeverity, slaFor, responseDueAt
export function suggestSeverity(_input: SeverityInput): SeveritySuggestion {
  throw new Error('not implemented');
}
export function slaFor(_level: Level, _plan: Plan = 'standard'): Sla {
  throw new Error('not implemented');
}
export function responseDueAt(
  _createdAt: Date,
  _level: Level,
  _options: { plan?: Plan; calendar?: Partial<SupportCalendar> } = {},
): Date {
  throw new Error('not implemented');
}
