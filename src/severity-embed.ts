/**
 * The severity core as the embed file triage-severity.js (rollup.config.mjs): a facade over the
 * core's shared chunk, so the reporter and the other elements import the core by short internal
 * names; built from src/severity.ts itself, the entry absorbed the chunk and every importer
 * spelled out its public names (0.2 KB more on the reporter).
 */
export * from './severity.js';
