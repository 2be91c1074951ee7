// Browser tests in Debian's Chromium. The intake service the delivery tests talk to is the
// real one (built into dist/server), started by the plugin in test/support.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { findChrome, CHROME_ARGS, CHROME_MISSING } from './scripts/chrome-path.mjs';
import { intakePlugin, moduleFaultMiddleware } from './test/support/intake-plugin.mjs';

const executablePath = findChrome();
if (!executablePath) throw new Error(CHROME_MISSING);

export default {
  // WTR_FILES narrows a run to some files while working: WTR_FILES='test/src/outbox*.test.ts'.
  files: process.env.WTR_FILES ? process.env.WTR_FILES.split(',') : ['test/src/**/*.test.ts', 'test/components/**/*.test.ts', 'test/demo/**/*.test.ts'],
  nodeResolve: true,
  port: Number(process.env.WTR_PORT ?? 8765),
  concurrency: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  middleware: [moduleFaultMiddleware],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), intakePlugin()],
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args: CHROME_ARGS } })],
};
