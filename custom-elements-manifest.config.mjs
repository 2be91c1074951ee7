// `custom-elements.json` for editors and docs (npm run build writes it to dist/): every element's
// tag, attributes, properties, events, slots, parts and custom properties, read from the Lit
// sources and their JSDoc. Module paths point at the published JavaScript (dist/...js), which is
// what a consumer imports, not the TypeScript this is read from. `dispatchEvent(new TriageXEvent())`
// gives the analyzer an event it cannot name; the element's `@fires` lines name them, so the nameless
// entries are dropped.
export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts', 'components/**/strings.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      name: 'triage-kit-dist-paths',
      packageLinkPhase({ customElementsManifest }) {
        const toDist = (path) => (path && /\.ts$/.test(path) && !path.startsWith('dist/') ? `dist/${path.replace(/\.ts$/, '.js')}` : path);
        const walk = (value) => {
          if (Array.isArray(value)) return value.forEach(walk);
          if (!value || typeof value !== 'object') return;
          for (const [key, inner] of Object.entries(value)) {
            if ((key === 'path' || key === 'module') && typeof inner === 'string') value[key] = toDist(inner);
            else walk(inner);
          }
        };
        walk(customElementsManifest.modules);
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          }
        }
      },
    },
  ],
};
