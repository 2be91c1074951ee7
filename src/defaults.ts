/**
 * What the components use when no provider gives them configuration or agent context, and what
 * a provider starts from before applying a host's overrides.
 */
import { DEFAULT_CALENDAR } from './calendar.js';
import { TICKET_LIMITS } from './limits.js';
import type { AgentContext, TriageConfig, TriageLimits } from './context.js';

/** The intake service's own limits, so the reporter never accepts what the server refuses. */
export const DEFAULT_LIMITS: TriageLimits = {
  maxAttachments: TICKET_LIMITS.maxAttachments,
  maxAttachmentBytes: TICKET_LIMITS.maxAttachmentBytes,
  attachmentTypes: TICKET_LIMITS.attachmentTypes,
};

export function defaultConfig(overrides: Partial<TriageConfig> = {}): TriageConfig {
  return {
    plan: 'standard',
    calendar: DEFAULT_CALENDAR,
    strings: {},
    limits: DEFAULT_LIMITS,
    ...overrides,
  };
}

/** The agent as a plain browser page knows them: nobody in particular, in the browser's locale and zone. */
export function browserAgentContext(overrides: Partial<AgentContext> = {}): AgentContext {
  const hasNavigator = typeof navigator !== 'undefined';
  return {
    host: 'standalone',
    reporter: {},
    records: {},
    locale: (hasNavigator && navigator.language) || 'en-US',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    sources: {},
    ...overrides,
  };
}
