/** The words of "Attach logs" in Spanish. */
import type { LogsStrings } from './logs.js';

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
