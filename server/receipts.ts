/**
 * Receipts: the capability that lets the browser's `api` key read one ticket, its own
 * (../shared/contracts/intake-api.md, "Who may do what"). 256 random bits, handed out once in the
 * 201 and kept by the outbox. The service stores only its SHA-256, which is all a check needs.
 * An idempotent replay must answer with the same receipt, so the idempotency record also keeps a
 * sealed copy (AES-256-GCM) under a key derived from the ticket's content hash: only a request
 * carrying the very same ticket and files (which a replay does anyway) reproduces that key.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const newReceipt = (): string => randomBytes(32).toString('base64url');

export const receiptHash = (receipt: string): string => createHash('sha256').update(receipt, 'utf8').digest('hex');

/** Whether `receipt` is the one whose hash was stored; constant time over the digests. */
export function receiptMatches(receipt: string, storedHash: string | null): boolean {
  if (!storedHash || receipt.length > 200) return false;
  const given = Buffer.from(receiptHash(receipt), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

const sealKey = (contentHash: string) => createHash('sha256').update(`triage-receipt-seal\n${contentHash}`, 'utf8').digest();

export function sealReceipt(receipt: string, contentHash: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(contentHash), iv);
  const sealed = Buffer.concat([cipher.update(receipt, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

/** The receipt again, or undefined when the seal does not open with this content. */
export function openReceipt(sealed: string, contentHash: string): string | undefined {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !data) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(contentHash), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The stored answer (a JSON object, byte for byte as first sent) with `receipt` as its last field. */
export function withReceipt(response: string, receipt: string | undefined): string {
  if (!receipt || !response.endsWith('}')) return response;
  return `${response.slice(0, -1)},"receipt":${JSON.stringify(receipt)}}`;
}
