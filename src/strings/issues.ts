/**
 * The words for the ticket schema's problems, by kind; `{label}` is the field's label in the form.
 * English forms show the schema's own sentences (the same the intake service answers with), so
 * this English part is the template a translation follows, and no element carries it: a catalog
 * that has these keys (Spanish) words the problems itself (components/reporter/issue-words.ts).
 */
export const issuesEn = {
  issueRequired: '"{label}" is required.',
  issueWhole: '"{label}" must be a whole number.',
  issueAtLeast: '"{label}" must be {min} or more.',
  issueAtMost: '"{label}" must be at most {max}.',
  issueTooLong: '"{label}" must be at most {max} characters.',
  issuePercent: '"{label}" must be between 0 and 100.',
  issueNumber: '"{label}" must be a number.',
  issueDateTime: '"{label}" must be a date and time.',
  issueOneOf: 'Choose one of the options for "{label}".',
  issueControl: '"{label}" cannot contain control characters.',
  issueOverTotal: 'Agents affected cannot be more than the agents in the team.',
  issueOverride: 'Explain why you chose a severity other than the suggested one.',
  issueTimeZone: 'Choose a time zone from the list, such as America/New_York.',
};

export type IssueStrings = typeof issuesEn;
