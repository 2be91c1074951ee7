/**
 * What the intake service accepts, apart from the schema, so code that only states the limits
 * (the reporter, the defaults) does not load the whole schema to read a few numbers.
 */
export const TICKET_LIMITS = {
  maxAttachments: 10,
  maxAttachmentBytes: 10 * 1024 * 1024,
  maxRequestBytes: 25 * 1024 * 1024,
  maxSummary: 200,
  maxText: 10_000,
  /** Content types the service accepts; it checks PNG, JPEG, GIF, WebP, PDF, ZIP and gzip by their magic bytes. */
  attachmentTypes: [
    'image/png',
    'image/jpeg',
    'image/gif',
    'image/webp',
    'application/pdf',
    'application/zip',
    'application/gzip',
    'application/json',
    'text/plain',
    'text/csv',
    'application/x-ndjson',
  ],
} as const;
