/**
 * The service's second pass over text attachments. The browser redacts logs before it sends them;
 * a careless or hostile client may not. Text attachments, gzipped or not, go through the browser's
 * own rules (src/logs/redact.ts) again, and what they still find is replaced rather than refused:
 * the logs are kept, the secret is not.
 *
 * JSON and NDJSON are redacted value by value, as the browser does, not as one text: the text
 * rules read `"...?token=","next":"x"` as a key with a quoted value and would cut the document's
 * own quotes out, leaving support a file that no longer parses. Lines or documents with nothing
 * to replace keep their bytes.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { createRedactor, type RedactionCounts, type Redactor } from '../src/logs/redact.js';

/** How far a gzipped attachment is inflated to be read for secrets; the reporter's logs stay far below it. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface Redacted {
  data: Buffer;
  counts: RedactionCounts;
  total: number;
}

/** The attachment with its secrets replaced; undefined when there was nothing to replace, or the bytes are no text. */
export function redactedText(type: string, data: Buffer): Redacted | undefined {
  if (!/^text\/|^application\/(?:json|x-ndjson|gzip)$/.test(type)) return undefined;
  const gzipped = type === 'application/gzip';
  let text: string;
  try {
    text = utf8.decode(gzipped ? gunzipSync(data, { maxOutputLength: MAX_INFLATED_BYTES }) : data);
  } catch {
    return undefined;
  }
  const redactor = createRedactor();
  const out = asJson(text, redactor) ?? asJsonLines(text, redactor) ?? redactor.text(text);
  if (redactor.total === 0) return undefined;
  const bytes = Buffer.from(out, 'utf8');
  return { data: gzipped ? gzipSync(bytes) : bytes, counts: redactor.counts, total: redactor.total };
}

/** What the service replaced in one file, for the event's reason: "2 in logs.json (authorization, password)". */
export function redactionSummary(name: string, found: Redacted): string {
  return `${found.total} in ${name} (${Object.keys(found.counts).sort().join(', ')})`;
}

/** One JSON document, redacted value by value; undefined when the text is not JSON. */
function asJson(text: string, redactor: Redactor): string | undefined {
  const parsed = parse(text);
  if (parsed === undefined) return undefined;
  const before = redactor.total;
  const redacted = redactor.value(parsed.value);
  return redactor.total === before ? text : JSON.stringify(redacted);
}

/** NDJSON, line by line; undefined unless every line that is not blank is JSON. */
function asJsonLines(text: string, redactor: Redactor): string | undefined {
  const lines = text.split('\n');
  const parsed = lines.map((line) => (line.trim() ? parse(line) : { value: undefined }));
  if (parsed.some((line) => line === undefined)) return undefined;
  return lines
    .map((line, index) => {
      if (!line.trim()) return line;
      const before = redactor.total;
      const redacted = redactor.value(parsed[index]!.value);
      return redactor.total === before ? line : JSON.stringify(redacted);
    })
    .join('\n');
}

function parse(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}
