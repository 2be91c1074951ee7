/**
 * "My reports" strings, English and Spanish. Kept beside the element rather than in the shared
 * catalog (src/strings.ts) so the two can change independently; a host overrides any of these
 * keys through `config.strings` exactly like the reporter's. `{placeholders}` are filled by fill().
 */
export const reportsEn = {
  reportsTitle: 'My reports',
  reportsIntro: 'Reports sent from this device, newest first.',
  reportsEmpty: 'No reports from this device yet.',
  reportsUnavailable: 'Reports cannot be shown here: no outbox is configured.',
  reportsLoadFailed: 'Could not read the reports kept on this device: {reason}',
  reportsStoredAt: 'Reported {time}',
  reportsSeverity: 'Severity {level}',
  reportsStateQueued: 'Waiting to send',
  reportsStateSending: 'Sending',
  reportsStateSent: 'Sent',
  reportsStateFailed: 'Not sent',
  reportsQueuedNext: 'Next attempt: {time}',
  reportsQueuedOffline: 'It will be sent as soon as the connection allows.',
  reportsQueuedLastError: 'Last attempt: {reason}',
  reportsSendingProgress: 'Sending… {percent}%',
  reportsSendingLabel: 'Upload progress',
  reportsSentReference: 'Reference {reference} · confirmed {time}',
  reportsFailedReason: 'Not sent: {reason}',
  reportsFailedHelp: 'Fix the report and send it again, or download it and send it another way.',
  reportsRetryNow: 'Try again now',
  reportsRetrying: 'Trying again…',
  reportsFixResend: 'Fix and resend',
  reportsDownload: 'Download',
  reportsActionFailed: 'That did not work: {reason}',
  reportsRefresh: 'Refresh',
};

export type ReportsStrings = typeof reportsEn;

export const reportsEs: ReportsStrings = {
  reportsTitle: 'Mis informes',
  reportsIntro: 'Informes enviados desde este equipo, los más recientes primero.',
  reportsEmpty: 'Todavía no hay informes desde este equipo.',
  reportsUnavailable: 'Los informes no se pueden mostrar aquí: no hay una bandeja de salida configurada.',
  reportsLoadFailed: 'No se pudieron leer los informes guardados en este equipo: {reason}',
  reportsStoredAt: 'Informado {time}',
  reportsSeverity: 'Severidad {level}',
  reportsStateQueued: 'En espera',
  reportsStateSending: 'Enviando',
  reportsStateSent: 'Enviado',
  reportsStateFailed: 'No enviado',
  reportsQueuedNext: 'Próximo intento: {time}',
  reportsQueuedOffline: 'Se enviará en cuanto la conexión lo permita.',
  reportsQueuedLastError: 'Último intento: {reason}',
  reportsSendingProgress: 'Enviando… {percent} %',
  reportsSendingLabel: 'Progreso del envío',
  reportsSentReference: 'Referencia {reference} · confirmado {time}',
  reportsFailedReason: 'No enviado: {reason}',
  reportsFailedHelp: 'Corrija el informe y envíelo de nuevo, o descárguelo y envíelo por otra vía.',
  reportsRetryNow: 'Reintentar ahora',
  reportsRetrying: 'Reintentando…',
  reportsFixResend: 'Corregir y reenviar',
  reportsDownload: 'Descargar',
  reportsActionFailed: 'No funcionó: {reason}',
  reportsRefresh: 'Actualizar',
};

/**
 * The catalog for a locale (Spanish for any 'es-*', English otherwise) with the host's overrides
 * from `config.strings` on top.
 */
export function reportsStrings(locale: string, overrides: Record<string, unknown> = {}): ReportsStrings {
  const base = locale.toLowerCase().split('-')[0] === 'es' ? reportsEs : reportsEn;
  const merged: ReportsStrings = { ...base };
  for (const key of Object.keys(base) as (keyof ReportsStrings)[]) {
    const value = overrides[key];
    if (typeof value === 'string') merged[key] = value;
  }
  return merged;
}
