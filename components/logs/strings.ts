/**
 * "Attach logs" strings, English and Spanish, beside the element; a host overrides any key through
 * `config.strings`. `{placeholders}` are filled by fill().
 */
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

export const logsEs: LogsStrings = {
  logsTitle: 'Registros',
  logsIntro: 'Reúne lo que esta página registró de {from} a {to}, sin contraseñas, tokens ni números de tarjeta. Lo verá antes de adjuntarlo.',
  logsAttach: 'Adjuntar registros',
  logsCollecting: 'Reuniendo registros…',
  logsConfirm: 'Adjuntar estos registros',
  logsDownload: 'Descargar estos registros',
  logsCancel: 'Descartar',
  logsAttached: 'Registros adjuntados. Entradas: {entries}.',
  logsDownloaded: 'Registros descargados. Entradas: {entries}.',
  logsRefused: 'Los registros no se adjuntaron: {reason}',
  logsFailed: 'No se pudieron reunir los registros: {reason}',
  logsSummaryEntries: 'Entradas: {entries} · errores: {errors}',
  logsSummarySpan: 'De {first} a {last}',
  logsSummaryEmpty: 'No se registró nada en este periodo.',
  logsSummarySize: '{size} comprimido',
  logsSummaryRedacted: 'Valores sensibles eliminados: {count}',
  logsSummarySources: 'Fuentes: {sources}',
  logsSummaryFailedSource: '{name} no respondió: {reason}',
  logsPreviewLabel: 'Vista previa de las últimas líneas del registro',
  logsWindowLegend: 'Periodo que se reúne',
  logsWindowFrom: 'Desde',
  logsWindowTo: 'Hasta',
};

/** The catalog for a locale (Spanish for any 'es-*', English otherwise) with the host's overrides on top. */
export function logsStrings(locale: string, overrides: Record<string, unknown> = {}): LogsStrings {
  const base = locale.toLowerCase().split('-')[0] === 'es' ? logsEs : logsEn;
  const merged: LogsStrings = { ...base };
  for (const key of Object.keys(base) as (keyof LogsStrings)[]) {
    const value = overrides[key];
    if (typeof value === 'string') merged[key] = value;
  }
  return merged;
}
