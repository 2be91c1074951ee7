// How long an agent waits between clicking "Report an issue" and typing, beside Sentry's full
// widget, in Debian's Chromium, one run: the same host page loads either our built embeds
// (dist/embed: provider + launcher, as a host's script tags do) or Sentry 11's feedbackIntegration
// bundled by ./sentry-bundle.ts with our rollup + terser settings. Each sample is timed in the page,
// from the click event to the first form field focused and interactive: a keystroke inserted into
// the focused field (execCommand insertText, the editing path a real key takes) lands there, and
// the task after it (where Lit and Preact render the change) has run.
// - cold: the first open on a freshly loaded page (a new browser context: empty cache and storage).
//   Ours with the launcher's default `warm="idle"`, its idle warm-up done before the click (the
//   page waits for the reporter to be defined and made, closed); and with `warm="none"`, the documented setting
//   for no warm-up, so the click fetches and evaluates the reporter's modules: cold without warming.
//   Sentry's full widget has its code in the page from the start (it has no lazy form of its own).
// - the floor: a bare Lit element with one input in a <dialog>, cold, defined before or on the click.
// - warm: reopening after a close, on one page per widget; the floor's bare dialog too.
// Figures only, no assertions: `npx tsx bench/open-latency.bench.ts` (after `npm run build`).
// For an A/B in one run, BENCH_BASE=<another build's dist/embed> adds its rows beside ours
// (copy dist/embed aside, change, build, run).
import { readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROME_ARGS, findChrome } from '../scripts/chrome-path.mjs';
import { bundleSentry } from './sentry-bundle.js';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 20);
const root = join(import.meta.dirname, '..');
const embed = join(root, 'dist', 'embed');
if (!existsSync(join(embed, 'manifest.json'))) throw new Error('No dist/embed: run `npm run build` first.');
const sentry = new Map((await bundleSentry('sentry-full')).map((chunk) => [chunk.fileName, chunk.code]));

// The floor: a bare Lit element, a <dialog> with one input, on a page that has Lit at start
// (as ours has, in the provider's chunk). Its module is imported at start ('floor-idle', as the
// launcher warms the reporter) or on the click ('floor-none'), then the click renders, shows
// and focuses it. What any Lit form pays here before its own work.
const FLOOR = {
  'start.ts': `import 'lit';
const button = document.querySelector('#floor');
const form = () => import('./form.ts');
if (new URLSearchParams(location.search).get('widget') === 'floor-idle') void form();
button.addEventListener('click', async () => {
  await form();
  const element = document.querySelector('bare-form') ?? document.body.appendChild(document.createElement('bare-form'));
  await element.show();
});`,
  'form.ts': `import { LitElement, html } from 'lit';
customElements.define('bare-form', class extends LitElement {
  render() { return html\`<dialog><label>Summary <input id="summary"></label><button class="x" @click=\${() => this.renderRoot.querySelector('dialog').close()}>Close</button></dialog>\`; }
  async show() { await this.updateComplete; this.renderRoot.querySelector('dialog').showModal(); this.renderRoot.querySelector('input').focus(); }
});`,
};
/** The floor's two modules, bundled here with Lit into a shared chunk (esbuild, minified). */
const floorPlugin: import('esbuild').Plugin = {
  name: 'floor',
  setup(floorBuild) {
    floorBuild.onResolve({ filter: /^(\.\/)?(start|form)\.ts$/ }, (args) => ({ path: args.path.replace('./', ''), namespace: 'floor' }));
    floorBuild.onLoad({ filter: /.*/, namespace: 'floor' }, (args) => ({ contents: FLOOR[args.path as keyof typeof FLOOR], loader: 'ts', resolveDir: root }));
  },
};
const floorBundle = await build({
  entryPoints: ['start.ts'],
  plugins: [floorPlugin],
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  write: false,
  outdir: '/floor',
  entryNames: '[name]',
});
const floor = new Map(floorBundle.outputFiles.map((file) => [file.path.slice('/floor/'.length), file.text]));
const base = process.env.BENCH_BASE;
if (base && !existsSync(join(base, 'manifest.json'))) throw new Error(`BENCH_BASE=${base} has no manifest.json: point it at a dist/embed.`);

/** Ours from dist/embed, the same from BENCH_BASE, Sentry, the floor; idle or none: the launcher's `warm`, or when the floor's module loads. */
type Widget = 'ours-idle' | 'ours-none' | 'base-idle' | 'base-none' | 'sentry' | 'floor-idle' | 'floor-none';
const isOurs = (widget: Widget) => widget.startsWith('ours') || widget.startsWith('base');
const scripts = (widget: Widget) => {
  if (widget === 'sentry') return '<script type="module" src="/sentry/sentry-full.js"></script>';
  if (widget.startsWith('floor')) return '<script type="module" src="/floor/start.js"></script>';
  const dir = widget.startsWith('base') ? 'base' : 'embed';
  return `<script type="module" src="/${dir}/triage-provider.js"></script><script type="module" src="/${dir}/triage-launcher.js"></script>`;
};
const trigger = (widget: Widget) =>
  widget === 'sentry' ? '' : widget.startsWith('floor') ? '<button id="floor" type="button">Report an issue</button>'
  : `<triage-provider><triage-launcher warm="${widget.endsWith('idle') ? 'idle' : 'none'}"></triage-launcher></triage-provider>`;
/** One host page for both: a console header with the widget's button; only the scripts differ. */
const page = (widget: Widget) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>open latency bench</title>
${scripts(widget)}
</head><body><header><h1>Softphone console</h1><span>Agent maria.lopez · ACD 7001</span>
${trigger(widget)}
</header><main><p>Queue ABC · 3 customers waiting</p></main></body></html>`;

const server = createServer((req, res) => {
  const url = new URL(req.url!, 'http://bench');
  const send = (type: string, body: string | Buffer) => (res.writeHead(200, { 'Content-Type': type }), res.end(body));
  if (url.pathname.startsWith('/sentry/') && sentry.has(url.pathname.slice(8))) return send('text/javascript', sentry.get(url.pathname.slice(8))!);
  if (url.pathname.startsWith('/floor/') && floor.has(url.pathname.slice(7))) return send('text/javascript', floor.get(url.pathname.slice(7))!);
  const [, dir, name] = url.pathname.split(/^\/(embed|base)\//);
  const from = dir === 'base' ? base : dir === 'embed' ? embed : undefined;
  if (from && name) {
    const file = normalize(join(from, name));
    if (file.startsWith(from) && existsSync(file)) return send(extname(file) === '.js' ? 'text/javascript' : 'text/html', readFileSync(file));
  }
  if (url.pathname === '/') return send('text/html', page((url.searchParams.get('widget') ?? 'sentry') as Widget));
  res.writeHead(404).end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/**
 * Installed in every page before its scripts: `openTimer(unfocused)` arms a timer that starts at the
 * next click and, task after task, looks for a form field with focus. A widget that renders its
 * form but leaves focus elsewhere has the field at `unfocused` (selectors, one per shadow root)
 * focused for it once it is there. Then a keystroke must land in the field.
 */
const TIMER = `window.openTimer = (unfocused) => new Promise((resolve) => {
  const FIELD = 'input:not([type=hidden]), textarea, select';
  const nextTask = () => new Promise((next) => { const channel = new MessageChannel(); channel.port1.onmessage = next; channel.port2.postMessage(0); });
  const focused = () => { let active = document.activeElement; while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement; return active?.matches(FIELD) ? active : undefined; };
  const rendered = () => unfocused?.reduce((scope, selector) => (scope?.shadowRoot ?? scope)?.querySelector(selector), document);
  let clickedAt;
  const poll = async () => {
    let field = focused(), focusedBy = 'widget';
    if (!field && (field = rendered())) (field.focus(), (focusedBy = 'bench'));
    if (!field) return nextTask().then(poll);
    const focusedAt = performance.now();
    await nextTask();
    const before = field.value.length;
    document.execCommand('insertText', false, 'x');
    const typed = field.value.length === before + 1;
    await nextTask();
    resolve({ focused: focusedAt - clickedAt, interactive: performance.now() - clickedAt, typed, field: field.id || field.name, focusedBy });
  };
  addEventListener('click', () => ((clickedAt = performance.now()), nextTask().then(poll)), { capture: true, once: true });
});`;;;

interface Sample {
  focused: number;
  interactive: number;
  typed: boolean;
  field: string;
  focusedBy: 'widget' | 'bench';
}
const button = (tab: Page, widget: Widget) =>
  widget === 'sentry' ? tab.locator('#sentry-feedback .widget__actor') : isOurs(widget) ? tab.locator('triage-launcher button[part=button]') : tab.locator('#floor');

/** A page with the widget ready to be clicked: its button there, ours warmed up when it warms on idle. */
async function ready(browser: Browser, widget: Widget): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const tab = await context.newPage();
  await tab.addInitScript(TIMER);
  await tab.goto(`${origin}/?widget=${widget}`);
  await button(tab, widget).waitFor();
  if (widget === 'ours-idle' || widget === 'base-idle') await tab.waitForFunction(() => customElements.get('triage-reporter'));
  // Ours warms in two idle moments, loading the reporter and then making it (closed): both done.
  // (A BENCH_BASE build from before that change never makes it ahead.)
  if (widget === 'ours-idle') await tab.waitForFunction(() => document.querySelector('triage-launcher triage-reporter')?.shadowRoot?.querySelector('dialog'));
  if (widget === 'floor-idle') await tab.waitForFunction(() => customElements.get('bare-form'));
  // The same quiet moment for every widget: the page's own start-up work is over before the click.
  await tab.evaluate(() => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 100), { timeout: 1000 })));
  return tab;
}

async function open(tab: Page, widget: Widget): Promise<Sample> {
  // Sentry's message field is autofocused, but Chromium blocks autofocus once its button took focus on the click.
  const unfocused = widget === 'sentry' ? ['#sentry-feedback', '#message'] : undefined;
  const timer = tab.evaluate((field) => (window as unknown as { openTimer(field?: string[]): Promise<Sample> }).openTimer(field), unfocused);
  await button(tab, widget).click();
  const sample = await timer;
  if (!sample.typed) throw new Error(`${widget}: the keystroke did not land in #${sample.field}`);
  return sample;
}

/** Closes the form the way an agent does (its close button) and waits until focus has left it. */
async function close(tab: Page, widget: Widget) {
  const closeButton = widget === 'sentry' ? tab.locator('#sentry-feedback').getByRole('button', { name: 'Cancel' }) : tab.locator(isOurs(widget) ? 'triage-reporter button.x' : 'bare-form button.x');
  await closeButton.click();
  await tab.waitForFunction(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return !active?.matches('input, textarea, select');
  });
  // Headless Chromium gives this page no idle period after the dialog closed: a fixed pause instead.
  await tab.waitForTimeout(100);
}

const browser = await chromium.launch({ executablePath: findChrome() ?? '/usr/bin/chromium', args: CHROME_ARGS });
const load: number[] = [];
try {
  const widgets: Widget[] = ['ours-idle', 'ours-none', ...(base ? (['base-idle', 'base-none'] as const) : []), 'sentry', 'floor-idle', 'floor-none'];
  const cold = new Map<Widget, Sample[]>(widgets.map((w) => [w, []]));
  const warm = new Map<Widget, Sample[]>(widgets.map((w) => [w, []]));
  // Cold: a fresh page per sample, the widgets taking turns so the machine's load falls on all alike.
  for (let i = 0; i < SAMPLES; i++) {
    for (const widget of widgets) {
      const tab = await ready(browser, widget);
      cold.get(widget)!.push(await open(tab, widget));
      await tab.context().close();
    }
    load.push(loadavg()[0]!);
  }
  // Warm: one page per widget, opened once, then closed and reopened in turns.
  const tabs = new Map<Widget, Page>();
  for (const widget of ['ours-idle', ...(base ? (['base-idle'] as const) : []), 'sentry', 'floor-idle'] as const) {
    const tab = await ready(browser, widget);
    await open(tab, widget);
    await close(tab, widget);
    tabs.set(widget, tab);
  }
  for (let i = 0; i < SAMPLES; i++) {
    for (const [widget, tab] of tabs) {
      warm.get(widget)!.push(await open(tab, widget));
      await close(tab, widget);
    }
    load.push(loadavg()[0]!);
  }

  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
  };
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const row = (label: string, ours: Sample[], anchor: Sample[], target = true) => {
    const [o, s] = [median(ours.map((x) => x.interactive)), median(anchor.map((x) => x.interactive))];
    const [of, sf] = [median(ours.map((x) => x.focused)), median(anchor.map((x) => x.focused))];
    console.log(`| ${label} | ${ms(o)} (focused ${ms(of)}) | ${ms(s)} (focused ${ms(sf)}) | ${(o / s).toFixed(2)}x | ${!target ? 'no target: the floor' : o / s < 0.5 ? 'under 0.5x ok' : 'under 0.5x: over'} |`);
  };
  console.log(`click to the first field focused and a keystroke landed in it, Chromium, median of ${SAMPLES} each`);
  console.log('| open | ours (or the floor) | Sentry full widget | ours / Sentry | target |');
  console.log('|---|---|---|---|---|');
  row('cold: first open after load (ours warmed on idle, the default)', cold.get('ours-idle')!, cold.get('sentry')!);
  row('cold without warming (ours `warm="none"`: fetched and evaluated on click)', cold.get('ours-none')!, cold.get('sentry')!);
  row('warm: reopen after close', warm.get('ours-idle')!, warm.get('sentry')!);
  if (base) {
    row(`BENCH_BASE (${base}), cold, warmed on idle`, cold.get('base-idle')!, cold.get('sentry')!);
    row('BENCH_BASE, cold without warming', cold.get('base-none')!, cold.get('sentry')!);
    row('BENCH_BASE, warm: reopen after close', warm.get('base-idle')!, warm.get('sentry')!);
  }
  row('floor, cold: a bare Lit element with one input in a `<dialog>`, defined before the click', cold.get('floor-idle')!, cold.get('sentry')!, false);
  row('floor, cold: the same, its module fetched and defined on the click', cold.get('floor-none')!, cold.get('sentry')!, false);
  row('floor, warm: the bare `<dialog>` reopened after close', warm.get('floor-idle')!, warm.get('sentry')!, false);
  const first = (samples: Sample[]) => `#${samples[0]!.field}, focused by ${samples.every((s) => s.focusedBy === 'widget') ? 'the widget' : 'the bench'}`;
  console.log(`field typed in: ours ${first(cold.get('ours-idle')!)}; Sentry ${first(cold.get('sentry')!)}: its message field is autofocused, but Chromium blocks autofocus when the click has already focused its button, so the figure stops at the field rendered and typeable.`);
  console.log(`load average while measuring (1 min): ${Math.min(...load).toFixed(1)} to ${Math.max(...load).toFixed(1)} on ${availableParallelism()} cores`);
} finally {
  await browser.close();
  server.close();
}
