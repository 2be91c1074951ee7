/**
 * The kinds of problem the support policy grades, in a module of their own: the report form lists
 * them on its first view without loading the severity core (src/severity.ts, which re-exports
 * them as part of its contract).
 */
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
