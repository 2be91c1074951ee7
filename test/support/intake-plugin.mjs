// Placeholder until the intake service lands: serves the environment module tests import.
export function intakePlugin() {
  return {
    name: 'triage-intake',
    serve(context) {
      if (context.path === '/__intake-env.js') {
        return 'export const INTAKE_URL = null; export const INTAKE_KEY = null;';
      }
    },
  };
}
