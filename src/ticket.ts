/**
 * The ticket document of ../shared/contracts/intake-api.md as one zod/mini schema, shared by the
 * browser (reporter, outbox) and the intake service, so both accept and refuse the same things
 * with the same words. zod/mini, not zod: the browser bundle cannot afford full zod (23 KB gzip).
 */
import * as z from 'zod/mini';
import { CATEGORIES } from './severity.js';
import { TICKET_LIMITS } from './limits.js';

/** What the intake service accepts; the reporter states these limits up front. */
export { TICKET_LIMITS };

export const FREQUENCIES = ['once', 'intermittent', 'constant'] as const;
export const HOSTS = ['osvc', 'media-bar', 'standalone'] as const;
export const ATTACHMENT_KINDS = ['screenshot', 'logs', 'file'] as const;
export const PLANS = ['standard', 'premium'] as const;

type ErrorFor = { error: (issue: { input?: unknown }) => string };
/** A type error that says "required" when the value is missing and what is expected otherwise. */
const expect = (label: string, what: string): ErrorFor => ({
  error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be ${what}.`),
});

const text = (label: string, max: number = TICKET_LIMITS.maxText) =>
  z.optional(
    z.string(expect(label, 'text')).check(z.maxLength(max, `${label} must be at most ${max} characters.`)),
  );

const identifier = (label: string) => text(label, 200);

const count = (label: string, min: number) =>
  z.optional(
    z
      .number(expect(label, 'a number'))
      .check(
        z.int(`${label} must be a whole number.`),
        z.gte(min, `${label} must be ${min} or more.`),
        z.lte(1_000_000, `${label} must be at most 1,000,000.`),
      ),
  );

const percent = (label: string) =>
  z
    .number(expect(label, 'a number'))
    .check(z.gte(0, `${label} must be between 0 and 100.`), z.lte(100, `${label} must be between 0 and 100.`));

const instant = (label: string) =>
  z.iso.datetime({ offset: true, ...expect(label, 'a date and time (ISO 8601, e.g. 2026-12-01T15:30:00Z)') });

const level = (label: string) =>
  z.number(expect(label, 'a severity level')).check(
    z.int(`${label} must be a level from 1 to 4.`),
    z.gte(1, `${label} must be a level from 1 to 4.`),
    z.lte(4, `${label} must be a level from 1 to 4.`),
  );

const oneOf = <const T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, { error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be one of: ${values.join(', ')}.`) });

/** True when the runtime knows this IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

export const impactSchema = z
  .object({
    agentsAffected: count('Agents affected', 0),
    agentsTotal: count('Agent population', 1),
    interactionsAffectedPercent: z.optional(percent('Share of interactions affected')),
    uniqueTraits: text('What is unique about the affected agents', 2000),
    frequency: z.optional(oneOf('Frequency', FREQUENCIES)),
    frequencyNote: text('How often', 500),
  })
  .check(
    z.refine(
      (impact) =>
        impact.agentsAffected === undefined ||
        impact.agentsTotal === undefined ||
        impact.agentsAffected <= impact.agentsTotal,
      { message: 'Agents affected cannot be more than the agent population.', path: ['agentsAffected'] },
    ),
  );

export const abandonmentSchema = z.object(
  {
    currentlyObserved: z.boolean(expect('Abandonment "happening now"', 'yes or no')),
    ratePercent: percent('Abandon rate'),
    normalRatePercent: percent('Normal abandon rate'),
  },
  expect('Abandonment', 'the observed and normal abandon rates'),
);

export const severityChoiceSchema = z
  .object({
    suggested: level('Suggested severity'),
    reasons: z.array(z.string(expect('A severity reason', 'text'))),
    chosen: level('Chosen severity'),
    overrideReason: text('Reason for choosing another severity', 2000),
  }, expect('Severity', 'the suggested and chosen levels'))
  .check(
    z.refine((s) => s.chosen === s.suggested || (s.overrideReason ?? '').trim().length > 0, {
      message: 'Explain why you chose a severity other than the suggested one.',
      path: ['overrideReason'],
    }),
  );

export const attachmentMetaSchema = z.object({
  name: z
    .string(expect('File name', 'text'))
    .check(z.minLength(1, 'File name is required.'), z.maxLength(255, 'File name must be at most 255 characters.')),
  type: z.string(expect('File type', 'text')).check(z.maxLength(100, 'File type must be at most 100 characters.')),
  size: z
    .number(expect('File size', 'a number'))
    .check(
      z.int('File size must be a whole number of bytes.'),
      z.gte(0, 'File size cannot be negative.'),
      z.lte(TICKET_LIMITS.maxAttachmentBytes, `Each file must be at most ${TICKET_LIMITS.maxAttachmentBytes / 1024 / 1024} MB.`),
    ),
  kind: oneOf('Attachment kind', ATTACHMENT_KINDS),
});

export const ticketSchema = z.object({
  id: z.uuid(expect('Ticket id', 'a UUID')),
  createdAt: instant('Created at'),
  summary: z
    .string(expect('Summary', 'text'))
    .check(
      z.refine((s) => s.trim().length > 0, 'Summary is required.'),
      z.maxLength(TICKET_LIMITS.maxSummary, `Summary must be at most ${TICKET_LIMITS.maxSummary} characters.`),
    ),
  category: oneOf('Category', CATEGORIES),
  observed: text('Observed behaviour'),
  expected: text('Expected behaviour'),
  steps: text('Steps performed'),
  impact: z.optional(impactSchema),
  workaround: z.optional(z.boolean(expect('Workaround', 'yes or no'))),
  unsupportedPlatformChange: z.optional(z.boolean(expect('Recent platform change', 'yes or no'))),
  coreFunctionAffected: z.optional(z.boolean(expect('Core function affected', 'yes or no'))),
  abandonment: z.optional(abandonmentSchema),
  occurredAt: instant('Occurred at'),
  timeZone: z
    .string(expect('Time zone', 'text'))
    .check(z.refine(isTimeZone, 'Time zone must be an IANA zone such as America/New_York.')),
  currentlyObserved: z.optional(z.boolean(expect('Still happening', 'yes or no'))),
  reporter: z.optional(
    z.object({
      accountId: identifier('Oracle account ID'),
      login: identifier('Login'),
      name: identifier('Name'),
      profile: identifier('Oracle profile'),
      acdAgentId: identifier('ACD agent ID'),
      extension: identifier('Extension'),
      site: identifier('Site'),
    }),
  ),
  records: z.optional(
    z.object({
      incidentId: identifier('Incident ID'),
      incidentReference: identifier('Incident reference'),
      chatId: identifier('Chat ID'),
      contactId: identifier('Contact ID'),
      queue: identifier('Queue'),
      interactionId: identifier('Interaction ID'),
    }),
  ),
  environment: z.optional(
    z.object({
      host: z.optional(oneOf('Host', HOSTS)),
      userAgent: text('User agent', 500),
      locale: identifier('Locale'),
      url: text('Page address', 2000),
      appVersion: identifier('App version'),
    }),
  ),
  severity: severityChoiceSchema,
  sla: z.optional(
    z.object({
      plan: oneOf('Support plan', PLANS),
      responseDueAt: instant('Response due at'),
      coverage: oneOf('Coverage', ['24x7', 'business-hours'] as const),
    }),
  ),
  attachments: z.optional(
    z
      .array(attachmentMetaSchema)
      .check(z.maxLength(TICKET_LIMITS.maxAttachments, `At most ${TICKET_LIMITS.maxAttachments} attachments.`)),
  ),
  linkedStatusIncident: identifier('Status-page incident'),
});

export type Ticket = z.infer<typeof ticketSchema>;
export type AttachmentMeta = z.infer<typeof attachmentMetaSchema>;
export type Impact = z.infer<typeof impactSchema>;

/** One refused field: a dotted path ('impact.agentsAffected') and a sentence a person understands. */
export interface FieldIssue {
  path: string;
  message: string;
}

export type TicketValidation = { ok: true; ticket: Ticket } | { ok: false; issues: FieldIssue[] };

/** Validates anything claiming to be a ticket; never throws. */
export function validateTicket(data: unknown): TicketValidation {
  const result = z.safeParse(ticketSchema, data);
  if (result.success) return { ok: true, ticket: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(ticket)',
      message: issue.message,
    })),
  };
}
