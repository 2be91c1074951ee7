// Embed build: one minified ES module per entry for hosts without a bundler, made from the
// tsc output in dist/. Chunks shared between entries land beside them, and manifest.json
// records each file's static and dynamic imports so `npm run size` can add up what an entry
// really costs on first load.
import { existsSync, readFileSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/** The minifier's settings, shared with the anchor's build in bench/ so both are minified alike. */
export const TERSER_OPTIONS = { module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } };

/** Embed file name -> module in dist/ it is built from. */
export const EMBED_ENTRIES = {
  'triage-launcher': 'dist/components/launcher/define.js',
  'triage-reporter': 'dist/components/reporter/define.js',
  'triage-provider': 'dist/components/provider/define.js',
  'triage-reports': 'dist/components/reports/define.js',
  'triage-screenshot': 'dist/components/screenshot/define.js',
  // The same-origin capture window's page script; triage-capture.html (copied below) loads it.
  'triage-capture-page': 'dist/components/screenshot/capture-page.js',
  'triage-delivery': 'dist/src/delivery-kit.js',
  'triage-osvc': 'dist/src/hosts/osvc.js',
  'triage-severity': 'dist/src/severity-embed.js',
  'triage-strings-es': 'dist/src/strings-es.js',
  'triage-rewind': 'dist/src/logs/rewind-start.js',
  'triage-logs': 'dist/components/logs/define.js',
  'demo-desktop': 'dist/demo/desktop.js',
  'demo-embed-console': 'dist/demo/embed-console.js',
  // The OSvC add-in's two pages (packed into dist/osvc/triage-kit-addin.zip by scripts/addin.mjs)
  // and the BUI double's own scripts, which the demo desktop loads the add-in through.
  'osvc-addin-init': 'dist/src/hosts/osvc-addin/init.js',
  'osvc-addin-reporter': 'dist/src/hosts/osvc-addin/reporter-page.js',
  'bui-double-worker': 'dist/demo/bui-double/addin-worker.js',
  'bui-double-frame': 'dist/demo/bui-double/frame.js',
  'bui-double-chat-api': 'dist/demo/bui-double/chat-api.js',
};

const missing = Object.values(EMBED_ENTRIES).filter((file) => !existsSync(file));
if (missing.length) throw new Error(`Embed entries missing from dist/ (run tsc first?): ${missing.join(', ')}`);

/**
 * Collapses the indentation inside Lit's html``, svg`` and css`` templates, so the sources can be
 * written for people: in html and svg every run of whitespace that holds a line break becomes one space (the
 * browser collapses it the same way; no template here has <pre> or textarea content); in css the
 * line breaks and indentation go, and so do the spaces around { } ; , and after a colon (no
 * selector here has a space after a colon). Terser keeps template text as written, and this
 * indentation was a tenth of the reporter's markup.
 */
function compactTemplates() {
  const collapse = {
    html: (text) => text.replace(/\s*\n\s*/g, ' '),
    svg: (text) => text.replace(/\s*\n\s*/g, ' '),
    css: (text) => text.replace(/\s*\n\s*/g, '').replace(/\s*([{};,])\s*/g, '$1').replace(/:\s+/g, ':').replace(/;}/g, '}'),
  };
  return {
    name: 'compact-templates',
    transform(code, id) {
      if (!/\/dist\/(components|src)\//.test(id) || !/\b(html|svg|css)\s*`/.test(code)) return null;
      const edits = [];
      const visit = (node) => {
        if (!node || typeof node.type !== 'string') return;
        if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && collapse[node.tag.name]) {
          for (const quasi of node.quasi.quasis) edits.push([quasi.start, quasi.end, collapse[node.tag.name](code.slice(quasi.start, quasi.end))]);
        }
        for (const value of Object.values(node)) {
          if (Array.isArray(value)) value.forEach(visit);
          else if (value && typeof value === 'object') visit(value);
        }
      };
      visit(this.parse(code));
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}

/**
 * Modules that always load together, kept in one chunk each instead of the one-module chunks
 * rollup would make for them. Every chunk is a request and a gzip stream of its own: the reporter
 * loaded eleven files, and joining these saved 0.9 KB gzip of it, and 0.4 to 1.0 KB of My reports,
 * the provider, the log tool and the add-in's start page. Only modules named here join
 * (onlyExplicitManualChunks).
 * - core: the severity core (a host importing only triage-severity.js pays 0.4 KB more).
 * - format: the zoned clock, the formatting of numbers and dates, and the categories.
 * - context: the context keys and the request event, which every element and the launcher use.
 * - defaults: the defaults, limits and default calendar (0.5 KB), which the launcher never needs.
 * - later: what the reporter loads once it is open, after its first view: the views that replace
 *   the form, what the severity core makes of the form (the suggestion, the SLA, the ticket) and
 *   the problems in the agent's words. The known-incident banner stays apart, as it loads only
 *   when a lookup names an incident (joined here, the reporter as a whole would be 0.25 KB
 *   smaller, and every open would fetch its 0.9 KB).
 * - evidence: the screenshot and log tools' elements, their base, styles and words, which the
 *   add-in's reporter page and the demo always import together: one chunk saves 0.6 KB gzip of
 *   the two (a host with only one tool pays 2 to 3 KB for the other). What each loads on first use
 *   (the editor and capture code, the collector and redaction) stays in a chunk of its own, and
 *   so do the four words the capture window shares with the screenshot tool
 *   (src/strings/capture-window.ts), so the window loads no element.
 * - lit: Lit with the context consumer and the decorators every element uses, the shared
 *   base styles, the element base and localize (the screenshot tool's capture window, which needs
 *   only Lit and localize, pays 1.2 KB more).
 */
const SHARED_CHUNKS = {
  // Kept apart from the triage-severity.js entry: merged into the entry, the reporter imported
  // the entry's public export names and paid 0.3 KB more.
  core: ['dist/src/severity.js'],
  // The words and clock readings every element uses, and the category list the form shows first,
  // without the severity core: the reporter's first view needs these, and the core only once a
  // category is chosen.
  format: ['dist/src/zoned-time.js', 'dist/src/format.js', 'dist/src/categories.js'],
  context: [
    'dist/src/context.js',
    'dist/src/evidence.js',
    '@lit/context/lib/create-context.js',
    '@lit/context/lib/context-request-event.js',
  ],
  // The defaults, the limits and the default calendar, without the severity core: the add-in's
  // init page and the provider start with these and load no severity until the reporter opens.
  // Apart from the context keys, so the launcher (3 KB budget) does not carry them.
  defaults: ['dist/src/defaults.js', 'dist/src/limits.js', 'dist/src/calendar.js'],
  later: [
    'dist/components/reporter/views.js',
    'dist/components/reporter/result-views.js',
    'dist/components/reporter/workspace-offer.js',
    'dist/components/reporter/copy-text.js',
    'dist/components/reporter/issue-words.js',
    'dist/src/compose-ticket.js',
    'dist/components/reporter/sla-panel.js',
  ],
  evidence: [
    'dist/components/shared/evidence-tool.js',
    'dist/components/screenshot/screenshot.js',
    'dist/components/screenshot/screenshot.styles.js',
    'dist/src/capture/availability.js',
    'dist/components/logs/logs.js',
    'dist/components/logs/logs.styles.js',
    'dist/src/strings/logs.js',
    'dist/src/strings/screenshot.js',
  ],
  lit: [
    'lit/index.js',
    'lit-html/lit-html.js',
    'lit-html/is-server.js',
    'lit-element/lit-element.js',
    '@lit/reactive-element/reactive-element.js',
    '@lit/reactive-element/css-tag.js',
    '@lit/reactive-element/decorators/property.js',
    '@lit/reactive-element/decorators/state.js',
    '@lit/context/lib/controllers/context-consumer.js',
    '@lit/context/lib/decorators/consume.js',
    'dist/components/shared/base.styles.js',
    'dist/components/shared/triage-element.js',
    'dist/src/localize.js',
  ],
};
function sharedChunk(id) {
  const path = id.replaceAll('\\', '/');
  return Object.keys(SHARED_CHUNKS).find((name) => SHARED_CHUNKS[name].some((file) => path.endsWith('/' + file)));
}

function manifest() {
  return {
    name: 'triage-manifest',
    generateBundle(_options, bundle) {
      const files = {};
      for (const [fileName, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        files[fileName] = { entry: chunk.isEntry, name: chunk.name, imports: chunk.imports, dynamicImports: chunk.dynamicImports };
      }
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: JSON.stringify(files, null, 2) });
    },
  };
}

/**
 * The reporter's entry may export more than its own names: its lazy chunk (what the severity core
 * makes of the form) imports the form's helpers from it. With the default (its exports only),
 * rollup moved all the reporter's code out of its entry into a chunk of its own. Only this entry:
 * allowed for all, the severity entry absorbed its core chunk and the reporter paid 0.2 KB more.
 */
function reporterEntry() {
  return {
    name: 'triage-reporter-entry',
    options(options) {
      const { 'triage-reporter': _reporter, ...rest } = options.input;
      return { ...options, input: rest };
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: EMBED_ENTRIES['triage-reporter'], fileName: 'triage-reporter.js', preserveSignature: 'allow-extension' });
    },
  };
}

/** The capture window's page, shipped beside the embed files it loads (src/capture/window.ts). */
function captureWindowPage() {
  return {
    name: 'triage-capture-page',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'triage-capture.html', source: readFileSync('components/screenshot/capture-window.html', 'utf8') });
    },
  };
}

export default {
  input: EMBED_ENTRIES,
  output: {
    dir: 'dist/embed',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunk-[hash].js',
    manualChunks: sharedChunk,
    onlyExplicitManualChunks: true,
  },
  plugins: [
    reporterEntry(),
    nodeResolve({ browser: true }),
    compactTemplates(),
    terser(TERSER_OPTIONS),
    manifest(),
    captureWindowPage(),
  ],
  onwarn(warning, warn) {
    // Lit's `this` at module top level in its dev-only helpers is expected; everything else is shown.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
