/**
 * The schema's problems in the agent's language. The ticket schema is shared with the intake
 * service and words its issues in English; here each one is read back as a catalog key (by what
 * its sentence says) and the field's label (by its path), so the Spanish form never shows
 * "Summary is required.". Loaded with the validator, on the agent's first keystroke.
 */
import type { FieldIssue } from '../../src/ticket.js';
import type { Strings } from '../../src/strings.js';
import { fill } from '../../src/format.js';

type IssueKey =
  | 'issueRequired' | 'issueWhole' | 'issueAtLeast' | 'issueAtMost' | 'issueTooLong' | 'issuePercent' | 'issueNumber'
  | 'issueDateTime' | 'issueOneOf' | 'issueControl' | 'issueOverTotal' | 'issueOverride' | 'issueTimeZone';

// First match wins: "at most N characters" before "at most N".
const PATTERNS: [RegExp, IssueKey][] = [
  [/^Agents affected cannot be more than/, 'issueOverTotal'],
  [/^Explain why you chose/, 'issueOverride'],
  [/^Time zone must be/, 'issueTimeZone'],
  [/ is required\.$/, 'issueRequired'],
  [/ must be a whole number/, 'issueWhole'],
  [/ must be (?<min>[\d,]+) or more\.$/, 'issueAtLeast'],
  [/ must be at most (?<max>[\d,]+) characters\.$/, 'issueTooLong'],
  [/ must be at most (?<max>[\d,]+)\.$/, 'issueAtMost'],
  [/ must be between 0 and 100\.$/, 'issuePercent'],
  [/ must be a number\.$/, 'issueNumber'],
  [/ must be a date and time/, 'issueDateTime'],
  [/ must be one of: /, 'issueOneOf'],
  [/ cannot contain control characters\.$/, 'issueControl'],
];

/** Ticket path -> the catalog key of the form's label for it, where the last segment is not already that key. */
const LABELS: Record<string, keyof Strings> = {
  'impact.interactionsAffectedPercent': 'interactionsPercent',
  'abandonment.ratePercent': 'abandonRate',
  'abandonment.normalRatePercent': 'normalAbandonRate',
};

/**
 * One issue in the catalog's words; the schema's own sentence (English) when the catalog has none
 * for it, or no label for its field.
 */
export function issueWords(issue: FieldIssue, t: Strings): FieldIssue {
  const key = LABELS[issue.path] ?? issue.path.split('.').pop()!;
  const label = (t as unknown as Record<string, unknown>)[key];
  for (const [pattern, words] of PATTERNS) {
    const match = pattern.exec(issue.message);
    const template = t[words] as string | undefined;
    if (match && template && (typeof label === 'string' || !template.includes('{label}'))) {
      return { path: issue.path, message: fill(template, { label: label as string, ...match.groups }) };
    }
  }
  return issue;
}
