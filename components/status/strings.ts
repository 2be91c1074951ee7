/**
 * `<triage-status>` strings, English and Spanish, kept beside the element like the reports'
 * catalog; a host overrides any key through `config.strings`. `{placeholders}` are filled by fill().
 */
export const statusEn = {
  statusTitle: 'Platform status',
  statusChecking: 'Checking the status page…',
  statusUnknown: 'Status unknown: the status page could not be read.',
  statusRetry: 'Check again',
  statusNone: 'All systems operational',
  statusMinor: 'Minor service disruption',
  statusMajor: 'Partial outage',
  statusCritical: 'Major outage',
  statusMaintenance: 'Maintenance under way',
  statusCheckedAt: 'Checked {time}',
  statusIncidentsTitle: 'Known incidents',
  statusIncidentState: '{status} · impact {impact}',
  statusAffects: 'Affects: {components}',
  statusLink: 'This is my problem: link my report',
  statusLinked: 'Linked to my report',
  statusUnlink: 'Unlink',
  statusLinkedAnnouncement: 'Your report is linked to “{name}”.',
  statusUnlinkedAnnouncement: 'Your report is no longer linked to a known incident.',
  statusMaintenanceTitle: 'Maintenance',
  statusMaintenanceWindow: '{from} – {until}',
  statusMaintenanceInProgress: 'In progress',
  statusMaintenanceScheduled: 'Scheduled',
  statusMaintenanceVerifying: 'Verifying',
  statusOpenPage: 'Open the status page',
  statusInvestigating: 'Investigating',
  statusIdentified: 'Identified',
  statusMonitoring: 'Monitoring',
  statusImpactNone: 'none',
  statusImpactMinor: 'minor',
  statusImpactMajor: 'major',
  statusImpactCritical: 'critical',
};

export type StatusStrings = typeof statusEn;

export const statusEs: StatusStrings = {
  statusTitle: 'Estado de la plataforma',
  statusChecking: 'Consultando la página de estado…',
  statusUnknown: 'Estado desconocido: no se pudo leer la página de estado.',
  statusRetry: 'Volver a consultar',
  statusNone: 'Todos los sistemas funcionan',
  statusMinor: 'Interrupción menor del servicio',
  statusMajor: 'Caída parcial',
  statusCritical: 'Caída grave',
  statusMaintenance: 'Mantenimiento en curso',
  statusCheckedAt: 'Consultado {time}',
  statusIncidentsTitle: 'Incidentes conocidos',
  statusIncidentState: '{status} · impacto {impact}',
  statusAffects: 'Afecta a: {components}',
  statusLink: 'Es mi problema: vincular mi informe',
  statusLinked: 'Vinculado a mi informe',
  statusUnlink: 'Desvincular',
  statusLinkedAnnouncement: 'Su informe está vinculado a «{name}».',
  statusUnlinkedAnnouncement: 'Su informe ya no está vinculado a un incidente conocido.',
  statusMaintenanceTitle: 'Mantenimiento',
  statusMaintenanceWindow: '{from} – {until}',
  statusMaintenanceInProgress: 'En curso',
  statusMaintenanceScheduled: 'Programado',
  statusMaintenanceVerifying: 'En verificación',
  statusOpenPage: 'Abrir la página de estado',
  statusInvestigating: 'En investigación',
  statusIdentified: 'Identificado',
  statusMonitoring: 'En observación',
  statusImpactNone: 'ninguno',
  statusImpactMinor: 'menor',
  statusImpactMajor: 'mayor',
  statusImpactCritical: 'crítico',
};

/** The catalog for a locale ('es', 'es-MX' -> Spanish), with the host's overrides of known keys. */
export function statusStrings(locale: string, overrides: Record<string, unknown> = {}): StatusStrings {
  const base = locale.toLowerCase().split('-')[0] === 'es' ? statusEs : statusEn;
  const merged = { ...base };
  for (const key of Object.keys(base) as Array<keyof StatusStrings>) {
    if (typeof overrides[key] === 'string') merged[key] = overrides[key] as string;
  }
  return merged;
}
