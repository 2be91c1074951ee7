/**
 * The agent context for consoles without OSvC (a softphone page, a media-bar vendor's own window):
 * the browser's locale and zone, plus whatever the host page knows about the agent.
 */
import { browserAgentContext } from '../defaults.js';
import type { AgentContext } from '../context.js';

export interface StandaloneHostOptions extends Partial<Omit<AgentContext, 'host'>> {
  /** 'media-bar' when triage-kit sits in a CTI toolbar outside OSvC; 'standalone' otherwise. */
  host?: 'standalone' | 'media-bar';
  /** Label for `sources` of the values given here ('Media bar', 'SSO'); defaults to 'Host page'. */
  sourceLabel?: string;
}

/**
 * Builds an AgentContext from what the host page says, marking each given reporter and record
 * field with `sourceLabel` so the form can show where a prefilled value came from.
 */
export function standaloneHost(options: StandaloneHostOptions = {}): AgentContext {
  const { sourceLabel = 'Host page', host = 'standalone', ...overrides } = options;
  const sources: Record<string, string> = {};
  for (const [group, values] of [['reporter', overrides.reporter], ['records', overrides.records]] as const) {
    for (const [key, value] of Object.entries(values ?? {})) {
      if (value !== undefined && value !== '') sources[`${group}.${key}`] = sourceLabel;
    }
  }
  return browserAgentContext({
    ...overrides,
    host,
    reporter: { ...overrides.reporter },
    records: { ...overrides.records },
    sources: { ...sources, ...overrides.sources },
  });
}
