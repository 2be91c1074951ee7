// Builds dist/osvc/triage-kit-addin.zip, the package an administrator uploads in the OSvC
// Add-In Manager (Agent Browser UI Extension, type Console, init file
// triage-kit/triage-kit-init.html). It holds the add-in's pages and configuration from osvc/
// and, under js/, the embed files its pages load with every chunk they import, statically or
// lazily (from dist/embed/manifest.json). All paths are relative to the init file.
// A copy goes to dist/embed/osvc/ so the demo desktop can "upload" the very same zip.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeZip } from './addin-zip.mjs';

export const ADDIN_FOLDER = 'triage-kit';
export const ADDIN_ZIP = 'dist/osvc/triage-kit-addin.zip';
export const ADDIN_INIT_FILE = `${ADDIN_FOLDER}/triage-kit-init.html`;
// Every script the add-in's pages load (`<script src="js/...">`), and the capture window's page,
// which the screenshot tool opens beside its own chunk where the modal's iframe may not capture.
const pageScripts = readdirSync('osvc')
  .filter((name) => name.endsWith('.html'))
  .flatMap((name) => [...readFileSync(join('osvc', name), 'utf8').matchAll(/<script[^>]*\ssrc="js\/([^"]+)"/g)].map((match) => match[1]));
const PAGE_ENTRIES = [...new Set([...pageScripts, 'triage-capture-page.js'])];
const JS_ASSETS = ['triage-capture.html'];

const manifest = JSON.parse(readFileSync('dist/embed/manifest.json', 'utf8'));
const scripts = new Set();
const visit = (file) => {
  if (scripts.has(file)) return;
  if (!manifest[file]) throw new Error(`dist/embed/${file} is not in the embed manifest (is it a rollup entry?).`);
  scripts.add(file);
  for (const dep of [...manifest[file].imports, ...manifest[file].dynamicImports]) visit(dep);
};
PAGE_ENTRIES.forEach(visit);

const files = [
  ...readdirSync('osvc')
    .filter((name) => /\.(html|json|css)$/.test(name))
    .sort()
    .map((name) => ({ path: `${ADDIN_FOLDER}/${name}`, data: readFileSync(join('osvc', name)) })),
  ...[...scripts, ...JS_ASSETS].sort().map((name) => ({ path: `${ADDIN_FOLDER}/js/${name}`, data: readFileSync(join('dist/embed', name)) })),
];
const zip = writeZip(files);
mkdirSync('dist/osvc', { recursive: true });
writeFileSync(ADDIN_ZIP, zip);
mkdirSync('dist/embed/osvc', { recursive: true });
copyFileSync(ADDIN_ZIP, 'dist/embed/osvc/triage-kit-addin.zip');
console.log(`built ${ADDIN_ZIP} (${files.length} files, ${(zip.length / 1024).toFixed(1)} KB; init file ${ADDIN_INIT_FILE})`);
