/**
 * The ticket document of ../shared/contracts/intake-api.md as one zod schema, shared by the
 * browser (reporter, outbox) and the intake service, so both accept and refuse the same things
 * with the same words. Built from zod's core schema classes (zod/v4/core), not zod or zod/mini:
 * full zod is 23 KB gzip, and zod/mini's wrappers add a method set (parse, parseAsync,
 * safeParseAsync, check, clone...) whose code ships whether used or not; nothing here calls them.
 * The schemas are zod schemas all the same: `z.safeParse(ticketSchema, data)` from zod or
 * zod/mini takes them, and so does any Standard Schema consumer.
 */
import * as core from 'zod/v4/core';
import { CATEGORIES, PLANS, isValidTimeZone } from './severity.js';
import { TICKET_LIMITS } from './limits.js';

/** What the intake service accepts; the reporter states these limits up front. */
export { TICKET_LIMITS, PLANS };

export const FREQUENCIES = ['once', 'intermittent', 'constant'] as const;
export const HOSTS = ['osvc', 'media-bar', 'standalone'] as const;
export const ATTACHMENT_KINDS = ['screenshot', 'logs', 'file'] as const;
/** How a screenshot was taken: tab or screen capture, a pop-up capture window, pasted, or a picked file. */
export const CAPTURE_METHODS = ['tab', 'screen', 'window', 'paste', 'file'] as const;
export const MASK_SOURCES = ['selector', 'manual'] as const;

type Message = (issue: { input?: unknown }) => string;
/** A type error that says "required" when the value is missing and what is expected otherwise. */
const expect = (label: string, what: string): Message => (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be ${what}.`);

// Every check below is a refine: zod's dedicated checks (int, gte, maxLength, uuid, iso
// datetime, enum) each bring their own class and message machinery into the browser bundle,
// and the messages here are our own sentences anyway. One check class serves them all.
type Check<T> = core.$ZodCheck<T>;
/** A check in our own words; `field` files the issue under a field of the object being checked. */
const rule = <T>(ok: (value: T) => boolean, message: string, field?: string): Check<T> =>
  new core.$ZodCustom({ type: 'custom', check: 'custom', fn: ok as (value: unknown) => boolean, error: () => message, path: field ? [field] : undefined });

// The schema kinds the ticket is made of, each with its type error in our words and its checks.
const string = (error: Message, ...checks: Check<string>[]) => new core.$ZodString({ type: 'string', error, checks }) as core.$ZodString<string>;
const number = (error: Message, ...checks: Check<number>[]) => new core.$ZodNumber({ type: 'number', error, checks }) as core.$ZodNumber<number>;
const boolean = (error: Message) => new core.$ZodBoolean({ type: 'boolean', error }) as core.$ZodBoolean<boolean>;
const optional = <T extends core.$ZodType>(innerType: T) => new core.$ZodOptional({ type: 'optional', innerType }) as core.$ZodOptional<T>;
const array = <T extends core.$ZodType>(element: T, ...checks: Check<core.output<T>[]>[]) =>
  new core.$ZodArray({ type: 'array', element, checks }) as core.$ZodArray<T>;
const object = <S extends core.$ZodShape>(shape: S, error?: Message, ...checks: Check<core.$InferObjectOutput<S, {}>>[]) =>
  new core.$ZodObject({ type: 'object', shape, error, checks }) as unknown as core.$ZodObject<S, core.$strip>;

const atMost = (label: string, max: number) => rule<string>((s) => s.length <= max, `${label} must be at most ${max} characters.`);
const whole = (message: string) => rule<number>(Number.isSafeInteger, message);

const text = (label: string, max: number = TICKET_LIMITS.maxText) => optional(string(expect(label, 'text'), atMost(label, max)));

// An identifier (login, queue, ids) is one line of printable text: a control character there is
// never meant, and PostgreSQL cannot store NUL in the columns the service indexes them by.
const CONTROL = /[\u0000-\u001f\u007f]/;
const identifier = (label: string) =>
  optional(string(expect(label, 'text'), atMost(label, 200), rule((s) => !CONTROL.test(s), `${label} cannot contain control characters.`)));

const count = (label: string, min: number) =>
  optional(
    number(
      expect(label, 'a number'),
      whole(`${label} must be a whole number.`),
      rule((n) => n >= min, `${label} must be ${min} or more.`),
      rule((n) => n <= 1_000_000, `${label} must be at most 1,000,000.`),
    ),
  );

const percent = (label: string) => number(expect(label, 'a number'), rule((n) => n >= 0 && n <= 100, `${label} must be between 0 and 100.`));

/** A string that must pass `valid`, refused in the same words whether it has the wrong type or shape. */
const shaped = (label: string, what: string, valid: (value: string) => boolean) => string(expect(label, what), rule(valid, `${label} must be ${what}.`));

// What zod's uuid() and iso.datetime({ offset: true }) accept, without their classes: any UUID
// version plus the nil and max UUIDs; an RFC 3339 instant with seconds and a Z or numeric
// offset, on a calendar date that exists (leap years included).
const UUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
const INSTANT = /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

function isInstant(value: string): boolean {
  const match = INSTANT.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  // setUTCFullYear, not Date.UTC: the latter reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date.getUTCMonth() === month && date.getUTCDate() === day;
}

const instant = (label: string) => shaped(label, 'a date and time (ISO 8601, e.g. 2026-12-01T15:30:00Z)', isInstant);

const level = (label: string) =>
  number(expect(label, 'a severity level'), whole(`${label} must be a level from 1 to 4.`), rule((n) => n >= 1 && n <= 4, `${label} must be a level from 1 to 4.`));

// A custom schema, not an enum: zod's enum brings its own class and a message we would replace.
// It aborts on a miss (as zod's own custom does), so nothing checks an unknown value further.
const oneOf = <const T extends readonly [string, ...string[]]>(label: string, values: T) =>
  new core.$ZodCustom({
    type: 'custom',
    check: 'custom',
    fn: (value) => (values as readonly unknown[]).includes(value),
    abort: true,
    error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be one of: ${values.join(', ')}.`),
  }) as core.$ZodCustom<T[number], T[number]>;

export const impactSchema = object(
  {
    agentsAffected: count('Agents affected', 0),
    agentsTotal: count('Agent population', 1),
    interactionsAffectedPercent: optional(percent('Share of interactions affected')),
    uniqueTraits: text('What is unique about the affected agents', 2000),
    frequency: optional(oneOf('Frequency', FREQUENCIES)),
    frequencyNote: text('How often', 500),
  },
  undefined,
  rule(
    (impact) => impact.agentsAffected === undefined || impact.agentsTotal === undefined || impact.agentsAffected <= impact.agentsTotal,
    'Agents affected cannot be more than the agent population.',
    'agentsAffected',
  ),
);

export const abandonmentSchema = object(
  {
    currentlyObserved: boolean(expect('Abandonment "happening now"', 'yes or no')),
    ratePercent: percent('Abandon rate'),
    normalRatePercent: percent('Normal abandon rate'),
  },
  expect('Abandonment', 'the observed and normal abandon rates'),
);

export const severityChoiceSchema = object(
  {
    suggested: level('Suggested severity'),
    reasons: array(string(expect('A severity reason', 'text'))),
    chosen: level('Chosen severity'),
    overrideReason: text('Reason for choosing another severity', 2000),
  },
  expect('Severity', 'the suggested and chosen levels'),
  rule(
    (s) => s.chosen === s.suggested || (s.overrideReason ?? '').trim().length > 0,
    'Explain why you chose a severity other than the suggested one.',
    'overrideReason',
  ),
);

export const attachmentMetaSchema = object({
  name: string(expect('File name', 'text'), rule((s) => s.length > 0, 'File name is required.'), atMost('File name', 255)),
  type: string(expect('File type', 'text'), atMost('File type', 100)),
  size: number(
    expect('File size', 'a number'),
    whole('File size must be a whole number of bytes.'),
    rule((n) => n >= 0, 'File size cannot be negative.'),
    rule((n) => n <= TICKET_LIMITS.maxAttachmentBytes, `Each file must be at most ${TICKET_LIMITS.maxAttachmentBytes / 1024 / 1024} MB.`),
  ),
  kind: oneOf('Attachment kind', ATTACHMENT_KINDS),
  /** A screenshot's capture method and the masks painted over it before anyone saw it. */
  capture: optional(
    object({
      method: oneOf('Capture method', CAPTURE_METHODS),
      masks: optional(
        array(
          object({
            source: oneOf('Mask source', MASK_SOURCES),
            selector: identifier('Mask selector'),
            count: number(expect('Mask count', 'a number'), whole('Mask count must be a whole number.')),
          }),
        ),
      ),
    }),
  ),
  /** A log attachment's window and what redaction did to it. */
  logs: optional(
    object({
      from: instant('Logs from'),
      to: instant('Logs to'),
      entries: count('Log entries', 0),
      errors: count('Log errors', 0),
      redacted: count('Redacted values', 0),
      sources: optional(array(string(expect('Log source', 'text'), atMost('Log source', 100)))),
    }),
  ),
});

export const ticketSchema = object({
  id: shaped('Ticket id', 'a UUID', (s) => UUID.test(s)),
  createdAt: instant('Created at'),
  summary: string(expect('Summary', 'text'), rule((s) => s.trim().length > 0, 'Summary is required.'), atMost('Summary', TICKET_LIMITS.maxSummary)),
  category: oneOf('Category', CATEGORIES),
  observed: text('Observed behaviour'),
  expected: text('Expected behaviour'),
  steps: text('Steps performed'),
  impact: optional(impactSchema),
  workaround: optional(boolean(expect('Workaround', 'yes or no'))),
  unsupportedPlatformChange: optional(boolean(expect('Recent platform change', 'yes or no'))),
  coreFunctionAffected: optional(boolean(expect('Core function affected', 'yes or no'))),
  abandonment: optional(abandonmentSchema),
  occurredAt: instant('Occurred at'),
  timeZone: string(expect('Time zone', 'text'), rule(isValidTimeZone, 'Time zone must be an IANA zone such as America/New_York.')),
  currentlyObserved: optional(boolean(expect('Still happening', 'yes or no'))),
  reporter: optional(
    object({
      accountId: identifier('Oracle account ID'),
      login: identifier('Login'),
      name: identifier('Name'),
      profile: identifier('Oracle profile'),
      acdAgentId: identifier('ACD agent ID'),
      extension: identifier('Extension'),
      site: identifier('Site'),
    }),
  ),
  records: optional(
    object({
      incidentId: identifier('Incident ID'),
      incidentReference: identifier('Incident reference'),
      chatId: identifier('Chat ID'),
      contactId: identifier('Contact ID'),
      queue: identifier('Queue'),
      interactionId: identifier('Interaction ID'),
    }),
  ),
  environment: optional(
    object({
      host: optional(oneOf('Host', HOSTS)),
      userAgent: text('User agent', 500),
      locale: identifier('Locale'),
      url: text('Page address', 2000),
      appVersion: identifier('App version'),
    }),
  ),
  severity: severityChoiceSchema,
  sla: optional(
    object({
      plan: oneOf('Support plan', PLANS),
      responseDueAt: instant('Response due at'),
      coverage: oneOf('Coverage', ['24x7', 'business-hours'] as const),
    }),
  ),
  attachments: optional(
    array(attachmentMetaSchema, rule((list) => list.length <= TICKET_LIMITS.maxAttachments, `At most ${TICKET_LIMITS.maxAttachments} attachments.`)),
  ),
  linkedStatusIncident: identifier('Status-page incident'),
});

export type Ticket = core.output<typeof ticketSchema>;
export type AttachmentMeta = core.output<typeof attachmentMetaSchema>;
export type Impact = core.output<typeof impactSchema>;

/** One refused field: a dotted path ('impact.agentsAffected') and a sentence a person understands. */
export interface FieldIssue {
  path: string;
  message: string;
}

export type TicketValidation = { ok: true; ticket: Ticket } | { ok: false; issues: FieldIssue[] };

/**
 * Validates anything claiming to be a ticket; never throws. Through the schema's Standard Schema
 * interface, which every zod schema has: zod's safeParse would add its error class (0.5 KB) only
 * to read the same issues back out of it.
 */
export function validateTicket(data: unknown): TicketValidation {
  const result = ticketSchema['~standard'].validate(data);
  // No check here is async, so zod answers at once; a promise would mean one became async.
  if (result instanceof Promise) throw new Error('The ticket schema must validate synchronously.');
  if (!result.issues) return { ok: true, ticket: result.value };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      path: (issue.path ?? []).map(String).join('.') || '(ticket)',
      message: issue.message,
    })),
  };
}
