// `npm test`: type check, build, Node tests, then the browser tests in Debian's Chromium.
import { findChrome, CHROME_MISSING } from './chrome-path.mjs';
import { run } from './run.mjs';

const chrome = findChrome();
if (!chrome) {
  console.error(CHROME_MISSING);
  process.exit(1);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
run(npm, ['run', '--silent', 'typecheck']);
run(npm, ['run', '--silent', 'build']);
run(npm, ['run', '--silent', 'test:node']);
run(npm, ['run', '--silent', 'test:browser'], { env: { ...process.env, CHROME_PATH: chrome } });
