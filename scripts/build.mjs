// `npm run build`: tsc compiles src/, components/ and demo/ into dist/ (ES modules + .d.ts for
// npm), the intake service into server/dist/ (its own package), rollup makes the minified embed
// files in dist/embed/, then the OSvC add-in zip is packed from them (dist/osvc/triage-kit-addin.zip).
import { rmSync } from 'node:fs';
import { run } from './run.mjs';

rmSync('dist', { recursive: true, force: true });
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
run(process.execPath, ['scripts/build-server.mjs']);
run(process.execPath, ['node_modules/rollup/dist/bin/rollup', '-c', '--silent']);
run(process.execPath, ['scripts/addin.mjs']);
console.log('built dist/, dist/embed/, dist/osvc/ and server/dist/');
