/**
 * What an attachment really is, judged by its bytes rather than by the name or type the browser
 * claimed, and file names made safe to store and to hand back in a download.
 */
import { extname } from 'node:path';

type Check = (data: Buffer) => string | undefined;

const startsWith = (data: Buffer, ...bytes: number[]) => bytes.every((byte, i) => data[i] === byte);
const ascii = (data: Buffer, offset: number, text: string) =>
  data.subarray(offset, offset + text.length).toString('latin1') === text;

const magic = (label: string, test: (data: Buffer) => boolean): Check => (data) =>
  test(data) ? undefined : `its content does not start with the ${label} signature`;

const utf8 = new TextDecoder('utf-8', { fatal: true });

const text: Check = (data) => {
  let decoded: string;
  try {
    decoded = utf8.decode(data);
  } catch {
    return 'it is not valid UTF-8 text';
  }
  if (decoded.includes('\u0000')) return 'it contains NUL bytes, so it is not text';
  return undefined;
};

const CHECKS: Record<string, Check> = {
  'image/png': magic('PNG', (d) => startsWith(d, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)),
  'image/jpeg': magic('JPEG', (d) => startsWith(d, 0xff, 0xd8, 0xff)),
  'image/gif': magic('GIF', (d) => ascii(d, 0, 'GIF87a') || ascii(d, 0, 'GIF89a')),
  'image/webp': magic('WebP', (d) => ascii(d, 0, 'RIFF') && ascii(d, 8, 'WEBP')),
  'application/pdf': magic('PDF', (d) => ascii(d, 0, '%PDF-')),
  // PK\3\4 for an archive with entries, PK\5\6 for an empty one.
  'application/zip': magic('ZIP', (d) => startsWith(d, 0x50, 0x4b, 0x03, 0x04) || startsWith(d, 0x50, 0x4b, 0x05, 0x06)),
  'application/gzip': magic('gzip', (d) => startsWith(d, 0x1f, 0x8b)),
  'text/plain': text,
  'text/csv': text,
  'application/x-ndjson': text,
  'application/json': (data) => {
    const problem = text(data);
    if (problem) return problem;
    try {
      JSON.parse(data.toString('utf8'));
      return undefined;
    } catch {
      return 'it is not valid JSON';
    }
  },
};

/** The media type without parameters, lower case ('text/plain; charset=utf-8' -> 'text/plain'). */
export function essence(type: string): string {
  return type.split(';')[0]!.trim().toLowerCase();
}

export const isAcceptedType = (type: string): boolean => essence(type) in CHECKS;

/** Why the bytes are not what the type says, or undefined when they are. */
export function contentProblem(type: string, data: Buffer): string | undefined {
  const check = CHECKS[essence(type)];
  return check ? check(data) : 'this file type is not accepted';
}

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
  'application/zip': '.zip',
  'application/gzip': '.gz',
  'application/json': '.json',
  'text/plain': '.txt',
  'text/csv': '.csv',
  'application/x-ndjson': '.ndjson',
};

const MAX_NAME = 100;

/**
 * A name that is safe on any disk and in a Content-Disposition header: no directories, no control
 * or bidi-override characters (which can disguise `evil.exe` as `exe.png`), no leading dots, at
 * most 100 characters with the extension kept.
 */
export function sanitizeFileName(raw: string, type: string): string {
  let name = raw.split(/[\\/]/).pop() ?? '';
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  name = name.replace(/^[.\s]+/, '').replace(/[\s.]+$/, '').trim();
  if (!name) name = `attachment${EXTENSIONS[essence(type)] ?? ''}`;
  if (name.length > MAX_NAME) {
    const extension = extname(name).slice(0, 16);
    name = name.slice(0, MAX_NAME - extension.length) + extension;
  }
  return name;
}

/** `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266), safe for any name. */
export function contentDisposition(name: string): string {
  // Quotes, backslashes and semicolons are legal inside a quoted string, but naive parsers split on them.
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
