/** The known-incident banner's words in Spanish. */
import type { KnownIncidentStrings } from './known-incident.js';

export const knownIncidentEs: KnownIncidentStrings = {
  knownIssue: 'Problema conocido: {title}',
  knownWorkaround: 'Solución alternativa: {workaround}',
  knownAgents: '{count} agentes ya indicaron que les afecta.',
  knownJoin: 'A mí también me afecta',
  knownJoining: 'Añadiéndole…',
  knownJoined: 'Se le cuenta como afectado; no hace falta enviar un informe. Mis informes sigue este problema.',
  knownJoinFailed: 'No se pudo añadirle: {reason}',
};
