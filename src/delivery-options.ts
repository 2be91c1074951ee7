/**
 * The checks the delivery factories make on their options when they are called, apart from the
 * code they guard: the embed's on-demand factories (delivery-kit.ts) make the same checks up
 * front, so a misconfigured page fails at set-up, not at the first send, without loading that code.
 */

/** Every factory that talks to the intake service needs a key, fixed or asked for. */
export function requireApiKey(options: { apiKey?: string; getApiKey?: unknown }, factory: string): void {
  if (!options.apiKey && !options.getApiKey) throw new Error(`${factory} needs apiKey or getApiKey.`);
}

export const OSVC_APPLICATION_CONTEXT_MAX = 40;

/** `OSvC-CREST-Application-Context`, required from v1.4; Oracle refuses one longer than 40 characters. */
export function osvcApplicationContext(value = 'triage-kit problem report'): string {
  if (!value.trim() || value.length > OSVC_APPLICATION_CONTEXT_MAX) {
    throw new Error(`applicationContext must be 1 to ${OSVC_APPLICATION_CONTEXT_MAX} characters (Oracle refuses longer ones); got ${value.length}.`);
  }
  return value;
}

export function checkFollowInterval(intervalMs: number | undefined): void {
  if (intervalMs !== undefined && !(intervalMs > 0)) throw new RangeError(`The follow interval must be a positive number of milliseconds, not ${intervalMs}.`);
}
