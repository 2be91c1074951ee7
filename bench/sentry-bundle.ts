// The anchor: @sentry/browser 11 bundled here by rollup with the same resolve and terser settings
// as our embeds (rollup.config.mjs TERSER_OPTIONS), one entry at a time as a host would ship it.
// Shared by the benches that set Sentry's widget beside ours (sizes, open latency).
import { rollup, type OutputChunk } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terserPlugin from '@rollup/plugin-terser';

// Plain JavaScript modules without types: the same settings `npm run build` uses.
const { TERSER_OPTIONS } = (await import('../rollup.config.mjs' as string)) as { TERSER_OPTIONS: object };
const terser = terserPlugin as unknown as (options: object) => import('rollup').Plugin;

/** Sentry's lazy feedback button (feedbackAsyncIntegration) and its full widget with screenshot (feedbackIntegration). */
export const SENTRY_ENTRIES = {
  'sentry-async': `import { init, feedbackAsyncIntegration } from '@sentry/browser';
init({ dsn: 'https://public@127.0.0.1/1', integrations: [feedbackAsyncIntegration()] });`,
  'sentry-full': `import { init, feedbackIntegration } from '@sentry/browser';
init({ dsn: 'https://public@127.0.0.1/1', integrations: [feedbackIntegration({ enableScreenshot: true })] });`,
};
export type SentryEntry = keyof typeof SENTRY_ENTRIES;
const source = (id: string): string | undefined => SENTRY_ENTRIES[id as SentryEntry];

/** The chunks of one entry, minified; the entry is `${entry}.js`, the others `chunk-[hash].js`. */
export async function bundleSentry(entry: SentryEntry): Promise<OutputChunk[]> {
  const bundle = await rollup({
    input: entry,
    plugins: [
      { name: 'entries', resolveId: (id) => (source(id) ? id : null), load: (id) => source(id) ?? null },
      nodeResolve({ browser: true }),
      terser(TERSER_OPTIONS),
    ],
    onwarn: () => undefined,
  });
  const { output } = await bundle.generate({ format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunk-[hash].js' });
  await bundle.close();
  return output.filter((file): file is OutputChunk => file.type === 'chunk');
}
