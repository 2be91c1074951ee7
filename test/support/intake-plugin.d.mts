// Types of the parts of intake-plugin.mjs that the end-to-end tests (TypeScript) use.
export interface FaultProxy {
  url: string;
  /** The next `times` ticket POSTs are answered `status` by the proxy, after it read the upload. */
  fail(options: { status: number; times?: number; retryAfter?: number; code?: string; message?: string; fields?: Array<{ path: string; message: string }> }): void;
  /** The next `times` ticket POSTs wait `ms` before they are forwarded. */
  delay(ms: number, times: number): void;
  /** The next `times` ticket POSTs are read slowly: a pause of `ms` after each chunk. */
  slow(ms: number, times: number): void;
  /** The service handles the next `times` ticket POSTs at once; their answers reach the browser `ms` later. */
  answerLate(ms: number, times: number): void;
  down(): Promise<void>;
  up(): Promise<void>;
  reset(): Promise<void>;
  /** Ticket POSTs that reached the proxy: all of them, or those with this Idempotency-Key. */
  posts(key?: string): number;
  close(): Promise<void>;
}

export function startFaultProxy(targetUrl: string, options?: { keepHost?: boolean }): Promise<FaultProxy>;

export function intakePlugin(): unknown;
