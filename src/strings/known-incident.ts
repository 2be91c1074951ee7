/**
 * The known-incident banner's words (components/reporter/templates/known-incident.ts). A part of
 * its own, not the reporter's: the banner loads only when the lookup names an incident, and its
 * English words load with it.
 */
export const knownIncidentEn = {
  knownIssue: 'Known issue: {title}',
  knownWorkaround: 'Workaround: {workaround}',
  knownAgents: '{count} agents already said they are affected.',
  knownJoin: "I'm affected too",
  knownJoining: 'Adding you…',
  knownJoined: 'You are counted as affected; no need to file a report. My reports follows this issue.',
  knownJoinFailed: 'Could not add you: {reason}',
};

export type KnownIncidentStrings = typeof knownIncidentEn;
