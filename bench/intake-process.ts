// The intake service in a process of its own, for the benches: the built service when there is
// one (server/dist), else the sources through tsx. Its stdout (the request log) is read and
// dropped, as a log pipeline would take it; the bench's client stays in the bench's process, so
// a figure measures the intake, not the client sharing its event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BUILT = join(import.meta.dirname, '..', 'server', 'dist', 'server', 'main.js');
const SOURCE = join(import.meta.dirname, '..', 'server', 'main.ts');

export interface IntakeProcess {
  url: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the exit (a graceful close: requests in flight finish). */
  stop(): Promise<void>;
}

/**
 * Starts `triage-intake` with `env` on top of the bench's keys and an unlimited rate;
 * `nodeArgs` go before the script (`--cpu-prof` to profile the server alone).
 */
export async function startIntakeProcess(env: Record<string, string>, nodeArgs: string[] = []): Promise<IntakeProcess> {
  const args = [...nodeArgs, ...(existsSync(BUILT) ? [BUILT] : ['--import', 'tsx', SOURCE])];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, PORT: '0', TRIAGE_KEYS_FILE: '', TRIAGE_RATE_LIMIT: '1000000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const listen = (chunk: Buffer) => {
      output += chunk;
      const match = /intake service on (http:\/\/\S+)/.exec(output);
      if (match) {
        child.stdout!.off('data', listen);
        child.off('exit', exited);
        resolve(match[1]!);
      }
    };
    const exited = (code: number | null) => reject(new Error(`the intake exited with ${code}`));
    child.stdout!.on('data', listen);
    child.once('exit', exited);
  });
  // Its request log is not part of the figure.
  child.stdout!.resume();
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
