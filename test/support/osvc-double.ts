// The OSvC extension double the tests use is the demo's simulator: one implementation of
// Oracle's interfaces, type-checked against the transcribed typings, shared by both.
export { OsvcSimulator, SimPromise, simIncident, DEFAULT_SIM_AGENT } from '../../demo/osvc-sim.js';
export type { SimAgent, SimField, SimRecord, SimOptions, SimLogLine, SimEngagement } from '../../demo/osvc-sim.js';
