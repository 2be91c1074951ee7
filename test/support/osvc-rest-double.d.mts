export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  at: number;
  /** True when the request met every documented rule and an incident was created. */
  accepted?: boolean;
}

export interface OsvcRestDouble {
  url: string;
  /** What a BUI add-in gets from `getInterfaceServiceUrl('REST')`. */
  restBase: string;
  requests(): RecordedRequest[];
  reset(): void;
  /** Answers the next `times` incident POSTs with `status` (and an Oracle-style error body). */
  fail(status: number, times?: number, body?: unknown): void;
  /** Sends `osvc-crest-next-request-after: ms` with each created incident. */
  setNextRequestAfter(ms: number): void;
  close(): Promise<void>;
}

export function startOsvcRestDouble(options: {
  sessionToken: string;
  allowedOrigin?: string;
  port?: number;
  host?: string;
}): Promise<OsvcRestDouble>;
