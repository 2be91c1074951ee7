// `npm run build`: tsc compiles src/, components/ and demo/ into dist/ (ES modules + .d.ts for
// npm), the intake service into server/dist/ (its own package), rollup makes the minified embed
// files in dist/embed/, then the OSvC add-in zip is packed from them (dist/osvc/triage-kit-addin.zip),
// and the analyzer writes dist/custom-elements.json.
import { rmSync } from 'node:fs';
import { run } from './run.mjs';

rmSync('dist', { recursive: true, force: true });
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
run(process.execPath, ['scripts/build-server.mjs']);
run(process.execPath, ['node_modules/rollup/dist/bin/rollup', '-c', '--silent']);
run(process.execPath, ['scripts/addin.mjs']);
// custom-elements.json (settings in custom-elements-manifest.config.mjs) into dist/, for editors and docs.
run(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--quiet']);
console.log('built dist/, dist/embed/, dist/osvc/, dist/custom-elements.json and server/dist/');
