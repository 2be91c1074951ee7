// The core's tests run twice: in Node (node:test) and in Chromium (web-test-runner's mocha).
// Both offer describe/it with the same meaning, so a test file imports them from here and
// runs unchanged in either place.
type Suite = (name: string, fn: () => void) => void;
type Test = (name: string, fn: () => unknown) => void;

const g = globalThis as unknown as { describe?: Suite; it?: Test };
const nodeTest = 'node:test'; // a variable, so the browser bundler leaves the import alone
const runner: { describe: Suite; it: Test } =
  g.describe && g.it ? { describe: g.describe, it: g.it } : await import(nodeTest);

export const describe: Suite = runner.describe;
export const it: Test = runner.it;
