/** Types for chrome-path.mjs, so TypeScript benches can share the test runner's Chromium flags. */
export function findChrome(): string | null;
export const CHROME_MISSING: string;
export const CHROME_ARGS: string[];
