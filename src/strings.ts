/**
 * Every visible string, in English. Hosts override any key through `config.strings`; missing keys
 * fall back to these. Values with numbers or names carry `{placeholders}` filled by `fill()` in
 * ./format.ts, so a catalog stays plain data (JSON-able, easy to translate).
 * `categories` is replaced as a whole when overridden; `reasons` is merged key by key, so a host
 * can reword one severity reason and keep the rest.
 */
import { REASONS, type Category } from './severity.js';

export const en = {
  launcherLabel: 'Report an issue',
  launcherShort: 'Report',
  loadFailed: 'Part of the report form did not load. Check the connection and try again.',

  title: 'Report an issue',
  intro: 'Fields marked * are required; the rest helps support find the cause faster.',
  close: 'Close',
  required: '*',
  myReports: 'My reports',

  sectionWhat: 'What happened',
  summary: 'Summary',
  summaryHint: 'One line, e.g. "Chats from the ABC queue are not routing".',
  category: 'Category',
  categoryChoose: 'Choose what kind of problem',
  observed: 'What did you see?',
  expected: 'What did you expect?',
  steps: 'Steps you took',

  sectionImpact: 'Impact',
  agentsQuick: 'How many agents are affected?',
  pickMe: 'Just me',
  pickSeveral: 'Several',
  pick30: '30 % or more',
  pickAll: 'Everyone',
  pickNeedsTotal: 'Enter the number of agents in the team first.',
  agentsAffected: 'Agents affected',
  agentsTotal: 'Agents in the team',
  uniqueTraits: 'What is unique about the affected agents?',
  traitSuggestions: 'Work from home|Separate site|One queue only|One browser only',
  interactionsPercent: 'Share of chats, emails or calls affected (%)',
  workaround: 'A workaround or business-continuity plan is in place',
  platformChange: 'A recent platform change may be the cause (e.g. an ACD upgrade)',
  coreFunction: 'It stops agents from doing their core work',
  abandonRate: 'Abandon rate now (%)',
  normalAbandonRate: 'Normal abandon rate (%)',

  sectionWhen: 'When',
  occurredAt: 'When did it happen?',
  timeZone: 'Time zone',
  stillHappening: 'It is still happening',
  frequency: 'How often does it happen?',
  frequencyOnce: 'Once',
  frequencyIntermittent: 'On and off',
  frequencyConstant: 'All the time',
  frequencyNote: 'Details (e.g. "every few minutes", "after each transfer")',

  sectionWho: 'Who and where',
  whoHint: 'Filled in from your console where possible; correct them if needed.',
  fromSource: 'from {source}',
  accountId: 'Oracle account ID',
  login: 'Login',
  profile: 'Oracle profile',
  acdAgentId: 'ACD agent ID',
  extension: 'Extension',
  chatId: 'Chat ID',
  incidentId: 'Incident ID',
  incidentReference: 'Incident reference',
  queue: 'Queue',

  sectionEvidence: 'Evidence',
  attach: 'Attach files',
  dropHere: 'or drop files here',
  attachLimits: 'Up to {max} files, {size} each: images, PDF, ZIP, text, CSV, JSON.',
  attachKept: 'Attachments are kept until you close the page; the rest of the report is saved as a draft.',
  fileTooBig: '"{name}" is {size}; each file must be at most {max}.',
  fileWrongType: '"{name}" is not a type of file support accepts.',
  fileTooMany: '"{name}" was not added: at most {max} files.',
  attachStored: 'The files of the stored report stay attached: {names}.',
  remove: 'Remove {name}',

  sectionSeverity: 'Severity',
  suggested: 'Suggested: Severity {level} · {name}',
  why: 'Why',
  severityUnknown: 'Choose a category to see the suggested severity.',
  chooseLevel: 'Severity to report',
  useSuggested: 'Use the suggestion (Severity {level})',
  levelOption: 'Severity {level} · {name}',
  overrideReason: 'Why a different severity?',
  overrideHint: 'Support reviews this: describe the impact the suggestion misses.',
  sev1: 'System Outage',
  sev2: 'Major Impairment',
  sev3: 'Minor Loss of Service',
  sev4: 'No Loss of Service',
  slaResponse: 'First response due {relative}',
  slaDueLocal: '{time} your time',
  slaDueSupport: '{time} support time',
  in: 'in {duration}',
  coverage24: 'Support works on it around the clock.',
  coverageBusiness: 'Support works on it in business hours ({start}–{end}, {zone}).',
  cadence: 'Status updates every {duration}.',
  cadenceMaterial: 'Status updates when there is progress.',
  signals: '{n} other agents reported this in the last hour.',
  signalsRaise: 'Count them: {n} agents affected',
  related: 'Support has {reports} similar reports from {agents} agents in the last {minutes} minutes.',

  send: 'Send report',
  errorSummary: 'Please fix {n} problem(s) before sending:',
  statusSaved: 'Saved on this device. Sending…',
  statusSending: 'Sending…',
  statusSent: 'Sent. Your reference is {reference}.',
  statusQueued: 'Queued: it will send automatically when the connection is back.',
  statusFailed: 'Failed: {reason}',
  statusFailedHelp: 'Fix the report and send it again, or download it and send it another way.',
  statusNoOutbox: 'No delivery is configured for this console. Your draft is kept.',
  statusHandedOver: 'Your console is delivering this report.',
  fixAndResend: 'Fix and resend',
  download: 'Download the report',
  newReport: 'Start a new report',

  confirmTitle: 'Close the report?',
  confirmText: 'Your draft stays on this device unless you discard it.',
  keepDraft: 'Keep draft and close',
  discardDraft: 'Discard draft',
  backToReport: 'Back to the report',

  categories: {
    'media-bar-login': { label: 'Agents cannot log in to the media bar', hint: 'ACD login or agent state fails' },
    'interaction-flow': { label: 'Interaction flows or screen pops do not run', hint: 'e.g. no screen pop for incoming chats' },
    'chat-routing': { label: 'Chats are not routing correctly', hint: 'e.g. chats from one queue never arrive' },
    'email-routing': { label: 'Emails are not routing correctly', hint: 'e.g. emails stay unassigned' },
    voice: { label: 'Calls or call controls fail', hint: 'inbound, outbound, transfer, hold' },
    'chat-abandonment': { label: 'Chat abandon rate is rising', hint: 'staff is available but chats "hang"' },
    'media-bar-display': { label: 'Media bar looks wrong but still works', hint: 'display issue, still readable' },
    'other-defect': { label: 'Something else is broken', hint: 'any other defect' },
    enhancement: { label: 'Enhancement request', hint: 'a new feature, support for a new ACD version' },
    question: { label: 'Question or documentation request', hint: 'how something works' },
  } satisfies Record<Category, { label: string; hint: string }>,

  /** Why the severity was suggested, by the core's reason keys: its own English table, not a copy. */
  reasons: REASONS,
};

export type Strings = typeof en;

/** What a host passes as `config.strings`: any keys, and any of the reasons. */
export type StringOverrides = Partial<Omit<Strings, 'reasons'>> & { reasons?: Partial<Strings['reasons']> };
