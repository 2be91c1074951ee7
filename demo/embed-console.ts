/**
 * The demo's plain console (embed-console.html): triage-kit in a page that is not OSvC, with one
 * script tag and one element. The script tag carries the settings as data attributes; this
 * module puts a `<triage-provider>` around each `<triage-launcher>` it finds and gives it the
 * agent (from the tag), the configuration and a real outbox to the intake service, wired through
 * the delivery entry as the README wires a page (its outbox loads and drains once the page is idle).
 */
import '../components/provider/define.js';
import '../components/launcher/define.js';
import type { TriageProvider } from '../components/provider/provider.js';
import { standaloneHost } from '../src/hosts/standalone.js';
import { createOutbox, createIntakeTransport, createIntakeSignals } from '../src/delivery-kit.js';

const tag = document.querySelector<HTMLScriptElement>('script[data-triage-intake]');

/** The demo hosting generates its key at first start; a real console writes its key into the tag. */
async function demoKey(): Promise<string> {
  const response = await fetch('/demo/config.json', { headers: { Accept: 'application/json' } });
  const config = (await response.json()) as { apiKey?: unknown };
  if (typeof config.apiKey !== 'string') throw new Error('No data-triage-key on the script tag and no demo key to use.');
  return config.apiKey;
}

async function start(): Promise<void> {
  if (!tag) throw new Error('Add data-triage-intake (and data-triage-key) to the triage-kit script tag.');
  const data = tag.dataset;
  const url = new URL(data.triageIntake!, location.href).href;
  const apiKey = data.triageKey || (await demoKey());
  const services = { outbox: createOutbox({ transport: createIntakeTransport({ url, apiKey }) }), signals: createIntakeSignals({ url, apiKey }) };
  const agent = standaloneHost({
    host: 'media-bar',
    sourceLabel: 'Console',
    reporter: { login: data.triageLogin, acdAgentId: data.triageAcdAgentId, extension: data.triageExtension },
    records: {},
  });
  for (const launcher of document.querySelectorAll('triage-launcher')) {
    if (launcher.closest('triage-provider')) continue;
    const provider = document.createElement('triage-provider') as TriageProvider;
    launcher.replaceWith(provider);
    provider.append(launcher);
    provider.agent = agent;
    provider.config = { ...(data.triageStatus ? { statusPageUrl: new URL(data.triageStatus, location.href).href } : {}) };
    provider.services = services;
  }
}

start().catch((error: unknown) => console.error(`triage-kit: ${error instanceof Error ? error.message : String(error)}`));
