/**
 * Redaction of log text before it leaves the page: credentials, session and API tokens, private
 * keys and card numbers are replaced by `[REDACTED:kind]`, and what was replaced is counted per
 * kind. E-mail addresses and phone numbers only when the configuration asks for it.
 *
 * Each rule is anchored on something a secret really has (a header or key name, a vendor's prefix,
 * a JWT's `eyJ` halves, a Luhn-valid card number with a card network's prefix), so ordinary lines
 * (ids, UUIDs, hashes, times, ticket references such as 261127-000431 or TK-000123, ordinary query
 * strings) pass byte for byte. A value already redacted is never redacted (or counted) again.
 */

export type RedactionKind =
  | 'private-key'
  | 'authorization'
  | 'session'
  | 'bearer'
  | 'basic'
  | 'cookie'
  | 'password'
  | 'jwt'
  | 'aws-key'
  | 'github-token'
  | 'slack-token'
  | 'stripe-key'
  | 'google-key'
  | 'vendor-token'
  | 'api-key'
  | 'token'
  | 'card'
  | 'email'
  | 'phone';

export interface RedactOptions {
  /** Also replace e-mail addresses (default false: agents often need them to find the customer). */
  emails?: boolean;
  /** Also replace phone numbers (default false). */
  phones?: boolean;
}

export type RedactionCounts = Partial<Record<RedactionKind, number>>;

export interface Redactor {
  /** The text with every secret replaced. */
  text(text: string): string;
  /** A copy of a value (strings, arrays, plain objects) with secrets in strings and under secret-named keys replaced. */
  value<T>(value: T): T;
  /** How many values were replaced so far, per kind. */
  readonly counts: RedactionCounts;
  readonly total: number;
}

const mark = (kind: RedactionKind) => `[REDACTED:${kind}]`;
const NOT_REDACTED = '(?!\\[REDACTED)';
const MARKER = /\[REDACTED:[\w-]+\]/g;

/** Key names whose values are secrets, one pattern per kind (matched whole, case-insensitive). */
const SECRET_KEYS: [RedactionKind, string][] = [
  ['password', '[\\w-]*(?:password|passwd|passphrase)|pwd'],
  // OSvC's REST QoS token (osvc-crest-api-access-token) and session ids; a bare "session" is too common a word.
  ['session', 'osvc-crest-api-access-token|[\\w-]*session[_-]?(?:id|token|key)|[\\w-]*sessid|[\\w-]+[_-]session'],
  ['cookie', '(?:set-)?cookie'],
  ['api-key', '[\\w-]*(?:api[_-]?key|access[_-]?key|secret[_-]?key|private[_-]?key|client[_-]?secret|app[_-]?secret)'],
  // pageToken and friends are pagination cursors, not credentials.
  ['token', '[\\w-]*(?<!page[_-]?)token|[\\w-]*(?:secret|signature|credentials?)|sig|jwt'],
];

/** The whole-key test used for object keys. */
const KEY_KIND = SECRET_KEYS.map(([kind, keys]) => [kind, new RegExp(`^(?:${keys})$`, 'i')] as const);

interface Rule {
  pattern: RegExp;
  /** The replacement for one match; undefined keeps the match as it is. */
  replace(match: string, ...groups: string[]): string | undefined;
}

/** A rule that replaces the whole match. */
const whole = (kind: RedactionKind, pattern: RegExp): Rule => ({ pattern, replace: () => mark(kind) });

/** Keeps a leading group (the header or key) and replaces the rest. */
const keepHead = (kind: RedactionKind) => (_match: string, head: string) => head + mark(kind);
const after = (kind: RedactionKind, pattern: RegExp): Rule => ({ pattern, replace: keepHead(kind) });

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Visa, Mastercard (51-55, 2221-2720), Amex, Diners, JCB, Discover and UnionPay prefixes. */
const CARD_PREFIX = /^(?:4|5[1-5]|2[2-7]|3[047689]|6)/;

function isCard(candidate: string): boolean {
  const digits = candidate.replace(/[ -]/g, '');
  return digits.length >= 13 && digits.length <= 19 && CARD_PREFIX.test(digits) && luhn(digits);
}

/** Base64 of "user:password" in readable characters, not any word or hash that happens to decode. */
function isBasicCredential(value: string): boolean {
  try {
    // Decoded as UTF-8, fatally: the bytes of a hex id or a word rarely form valid text, let alone "a:b".
    const text = utf8.decode(Uint8Array.from(atob(value), (c) => c.charCodeAt(0)));
    return /^[^\p{C}:]+:[^\p{C}]*$/u.test(text);
  } catch {
    return false;
  }
}
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The value after a secret key: quoted (also inside escaped JSON) or bare up to a delimiter. */
function keyValueRule(kind: RedactionKind, keys: string): Rule {
  const pattern = new RegExp(
    `(?<![\\w-])((?:${keys})(\\\\?["']?)\\s*[:=]\\s*)` +
      // \"value\" inside a JSON string that holds JSON
      `(?:(\\\\")${NOT_REDACTED}((?:[^\\\\\\n]|\\\\[^"\\n])+)\\\\"` +
      // "value" or 'value'
      `|(["'])${NOT_REDACTED}((?:(?!\\5)[^\\\\\\n]|\\\\.)+)\\5` +
      // bare: up to a delimiter, and not an object, an array or a literal
      `|${NOT_REDACTED}(?![{\\[]|(?:null|true|false|undefined)\\b)([^\\s&#"',;<>(){}\\[\\]\\\\]+))`,
    'gi',
  );
  return {
    pattern,
    replace: (_match, head, _keyQuote, escapedQuote, _escaped, quote) => {
      const q = escapedQuote ?? quote ?? '';
      return `${head}${q}${mark(kind)}${q}`;
    },
  };
}

/** Header-style values that run to the end of the line or string: Authorization and cookies. */
function headerRule(kind: RedactionKind, names: string, replace?: Rule['replace']): Rule {
  return {
    pattern: new RegExp(`(?<![\\w-])((?:${names})\\\\?["']?\\s*[:=]\\s*\\\\?["']?)${NOT_REDACTED}([^\\s"'\\\\}](?:[^\\n"'\\\\}]*[^\\s"'\\\\}])?)`, 'gi'),
    replace: replace ?? keepHead(kind),
  };
}

const RULES: Rule[] = [
  // A key cut short (an entry's length cap) still loses all its body.
  whole('private-key', /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----|(?:[A-Za-z0-9+/=\s]|\\[nr])*)/g),
  // Authorization: <scheme> <credentials>; the scheme stays readable, OSvC's Session scheme counts as a session token.
  headerRule('authorization', '(?:proxy-)?authorization', (_match, head: string, value: string) => {
    const scheme = /^(bearer|basic|session|token|digest|negotiate|ntlm|hmac|apikey)\s+/i.exec(value)?.[0] ?? '';
    return `${head}${scheme}${mark(scheme.toLowerCase().startsWith('session') ? 'session' : 'authorization')}`;
  }),
  headerRule('cookie', '(?:set-)?cookie'),
  after('bearer', /\b(Bearer\s+)(?!\[REDACTED)[A-Za-z0-9\-._~+/]{16,}=*/g),
  {
    pattern: /\b(Basic\s+)(?!\[REDACTED)([A-Za-z0-9+/]{8,}={0,2})(?![\w+/=-])/g,
    replace: (_match, head: string, value: string) => (isBasicCredential(value) ? head + mark('basic') : undefined),
  },
  // scheme://user:password@host
  after('password', /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@"']*:)(?!\[REDACTED)[^\s/@"']+(?=@)/gi),
  whole('jwt', /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g),
  whole('aws-key', /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g),
  whole('github-token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g),
  whole('slack-token', /\bxox[abposr]-[A-Za-z0-9-]{10,250}/g),
  after('slack-token', /(\bhooks\.slack\.com\/(?:services|workflows)\/)[A-Za-z0-9/_-]+/g),
  whole('stripe-key', /\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}|whsec_[A-Za-z0-9]{24,})\b/g),
  whole('google-key', /\b(?:AIza[0-9A-Za-z_-]{35}|ya29\.[0-9A-Za-z_-]{20,}|1\/\/0[0-9A-Za-z_-]{30,})/g),
  // npm, GitLab, Twilio API key SIDs, OpenAI-style keys.
  whole('vendor-token', /\b(?:npm_[A-Za-z0-9]{36}|glpat-[A-Za-z0-9_-]{20,}|SK[0-9a-fA-F]{32}|sk-(?:proj-)?[A-Za-z0-9_-]{20,})\b/g),
  ...SECRET_KEYS.map(([kind, keys]) => keyValueRule(kind, keys)),
  {
    // Contiguous, or in groups of four (Amex 4-6-5) with one kind of separator.
    pattern: /(?<![\w.-])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})(?![\w-])/g,
    replace: (match) => (isCard(match) ? mark('card') : undefined),
  },
];

const EMAIL = whole('email', /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g);
const PHONE = whole('phone', /(?<![\w.+-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{2,4}[ .-])\d{3,4}[ .-]?\d{3,4}(?![\w.-])/g);

/** How deep redactor.value() goes into nested objects; deeper values are written out as text and redacted as text. */
const MAX_VALUE_DEPTH = 8;

export function createRedactor(options: RedactOptions = {}): Redactor {
  const rules = [...RULES, ...(options.emails ? [EMAIL] : []), ...(options.phones ? [PHONE] : [])];
  const counts: RedactionCounts = {};
  let total = 0;
  const count = (kind: RedactionKind) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    total++;
  };

  function text(input: string): string {
    let out = input;
    for (const rule of rules) {
      rule.pattern.lastIndex = 0;
      out = out.replace(rule.pattern, (match: string, ...groups: unknown[]) => {
        const replaced = rule.replace(match, ...(groups as string[]));
        if (replaced === undefined) return match;
        // Counted by the markers a replacement adds (an Authorization header may mark a session).
        const before = match.match(MARKER)?.length ?? 0;
        for (const marker of (replaced.match(MARKER) ?? []).slice(before)) count(marker.slice(10, -1) as RedactionKind);
        return replaced;
      });
    }
    return out;
  }

  function value(input: unknown, depth: number, seen: object[]): unknown {
    if (typeof input === 'string') return text(input);
    if (!input || typeof input !== 'object') return input;
    if (seen.includes(input)) return '[Circular]';
    if (depth >= MAX_VALUE_DEPTH) return text(JSON.stringify(input) ?? '');
    seen.push(input);
    try {
      if (Array.isArray(input)) return input.map((item) => value(item, depth + 1, seen));
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(input)) {
        const kind = (typeof item === 'string' && item) || typeof item === 'number' ? KEY_KIND.find(([, test]) => test.test(key))?.[0] : undefined;
        // A key can be a secret too (a token used as a map's key).
        const name = text(key);
        if (kind && !(typeof item === 'string' && item.startsWith('[REDACTED'))) {
          count(kind);
          out[name] = mark(kind);
        } else {
          out[name] = value(item, depth + 1, seen);
        }
      }
      return out;
    } finally {
      seen.pop();
    }
  }

  return {
    text,
    value: <T>(input: T) => value(input, 0, []) as T,
    counts,
    get total() {
      return total;
    },
  };
}

/** Redacts one text: the result and what was replaced. */
export function redact(input: string, options?: RedactOptions): { text: string; counts: RedactionCounts; total: number } {
  const redactor = createRedactor(options);
  const text = redactor.text(input);
  return { text, counts: redactor.counts, total: redactor.total };
}
