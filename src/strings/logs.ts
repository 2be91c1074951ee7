/** The words of "Attach logs" (`<triage-logs>`), in English; `{placeholders}` are filled by fill(). */
export const logsEn = {
  logsTitle: 'Logs',
  logsIntro: 'Collects what this page logged from {from} to {to}, with passwords, tokens and card numbers removed. You see it before it is attached.',
  logsAttach: 'Attach logs',
  logsCollecting: 'Collecting logs…',
  logsConfirm: 'Attach these logs',
  logsDownload: 'Download these logs',
  logsCancel: 'Discard',
  logsAttached: 'Logs attached. Entries: {entries}.',
  logsDownloaded: 'Logs downloaded. Entries: {entries}.',
  logsRefused: 'The logs were not attached: {reason}',
  logsFailed: 'The logs could not be collected: {reason}',
  logsSummaryEntries: 'Entries: {entries} · errors: {errors}',
  logsSummarySpan: 'From {first} to {last}',
  logsSummaryEmpty: 'Nothing was logged in this period.',
  logsSummarySize: '{size} compressed',
  logsSummaryRedacted: 'Sensitive values removed: {count}',
  logsSummarySources: 'Sources: {sources}',
  logsSummaryFailedSource: '{name} did not answer: {reason}',
  logsPreviewLabel: 'Preview of the newest log lines',
  logsWindowLegend: 'Period to collect',
  logsWindowFrom: 'From',
  logsWindowTo: 'To',
};

export type LogsStrings = typeof logsEn;
