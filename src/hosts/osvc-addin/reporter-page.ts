/**
 * The reporter's page inside a BUI modal window (`triage-kit-reporter.html`): connects to the
 * framework for the agent and workspace, delivers through the configured transport, opens the
 * reporter, and closes the modal window through BUI when the agent closes the form. The reporter
 * is embedded (BUI's window is the dialog), with the status page in its `status` slot. The
 * screenshot and logs tools in the reporter's evidence slot load after the form is open; what the
 * extension logged through BUI's logger is one of the logs' sources.
 */
import '../../../components/provider/define.js';
import '../../../components/reporter/define.js';
import '../../../components/status/define.js';
import type { TriageProvider } from '../../../components/provider/provider.js';
import type { TriageReporter } from '../../../components/reporter/reporter.js';
import { connectOsvc, settle, type OsvcHost } from '../osvc.js';
import { askMediaBar, mergeMediaBar, type MediaBarState } from '../media-bar.js';
import type { AgentContext } from '../../context.js';
import { createOutbox } from '../../outbox.js';
import { createIntakeTransport } from '../../transports/intake.js';
import { createOsvcTransport } from '../../transports/osvc.js';
import { createIntakeSignals } from '../../signals.js';
import { registerLogSource } from '../../logs/sources.js';
import { loadAddinConfig, triageConfigOf, type AddinConfig } from './config.js';
import type { Transport } from '../../delivery.js';
import type { TriageConfig } from '../../context.js';

function transportFor(config: AddinConfig, host: OsvcHost): Transport {
  if (config.delivery.mode === 'intake') return createIntakeTransport({ url: config.delivery.intakeUrl, apiKey: config.delivery.apiKey });
  // The agent's own session, asked for at send time (never stored).
  return createOsvcTransport({
    restBase: host.restBase,
    getSessionToken: () => host.getSessionToken(),
    ...(config.delivery.applicationContext ? { applicationContext: config.delivery.applicationContext } : {}),
  });
}

/** Closes the BUI modal window this page is in, if it is in one. */
function closeModal(host: OsvcHost): void {
  host.provider.registerUserInterfaceExtension((ui) => {
    void settle(ui.getModalWindowContext(), 'getModalWindowContext')
      .then((modals) => settle(modals.getCurrentModalWindow(), 'getCurrentModalWindow'))
      .then((modal) => modal.close())
      .catch((error: unknown) => host.logger.warn(`triage-kit could not close its modal window: ${error instanceof Error ? error.message : String(error)}`));
  });
}

/** The agent's language from BUI picks the catalog (Spanish is loaded only for Spanish agents); the file's strings win. */
async function stringsFor(locale: string, config: AddinConfig): Promise<TriageConfig['strings']> {
  const own = config.strings as TriageConfig['strings'];
  if (locale.toLowerCase().split('-')[0] !== 'es') return own;
  const { es } = await import('../../strings-es.js');
  return { ...es, ...own, reasons: { ...es.reasons, ...own.reasons } };
}

/** The media bar's state when the window opened; without a toolbar (or an old framework) the form just lacks those fields. */
async function mediaBarOf(host: OsvcHost): Promise<MediaBarState | undefined> {
  // Oracle does not say what invokeAction does when no extension registered the action: wait 2 s at most.
  const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, 2_000));
  try {
    return await Promise.race([askMediaBar(host), timeout]);
  } catch (error) {
    host.logger.warn(`triage-kit could not ask the media bar: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

export async function startReporterPage(root: ParentNode = document): Promise<{ host: OsvcHost; reporter: TriageReporter }> {
  const provider = root.querySelector<TriageProvider>('triage-provider');
  const reporter = root.querySelector<TriageReporter>('triage-reporter');
  if (!provider || !reporter) throw new Error('The reporter page needs a <triage-provider> holding a <triage-reporter>.');
  const config = await loadAddinConfig();
  const host = await connectOsvc({ appId: config.osvc.appId, fields: config.osvc.fields });
  registerLogSource(host.logSource);
  // The media bar's ACD agent ID, extension and interaction, from the toolbar extension if one
  // shares them; asked again on each workspace change, since the call follows the tab.
  let asked = 0;
  const withBar = async (agent: AgentContext) => {
    const turn = ++asked;
    const bar = await mediaBarOf(host);
    if (turn === asked) provider.agent = bar ? mergeMediaBar(agent, bar) : agent;
  };
  await withBar(host.agent);
  host.onChange((agent) => void withBar(agent));
  provider.config = { ...triageConfigOf(config), strings: await stringsFor(host.agent.locale, config) };
  const outbox = createOutbox({ transport: transportFor(config, host) });
  provider.services = {
    outbox,
    ...(config.delivery.mode === 'intake' ? { signals: createIntakeSignals({ url: config.delivery.intakeUrl, apiKey: config.delivery.apiKey }) } : {}),
  };
  const place = new URLSearchParams(location.search).get('place');
  if (!place) reporter.addEventListener('triage-close', () => closeModal(host));
  await reporter.show();
  // After the form: the agent sees it first; the tools' heavy parts load on their first use.
  Promise.all([import('../../../components/screenshot/define.js'), import('../../../components/logs/define.js')]).catch((error: unknown) =>
    host.logger.warn(`triage-kit could not load the screenshot and logs tools: ${error instanceof Error ? error.message : String(error)}`),
  );
  host.logger.info('triage-kit: report window opened.');
  return { host, reporter };
}

void startReporterPage().catch((error: unknown) => {
  const box = document.getElementById('triage-error');
  const message = `The report form could not start: ${error instanceof Error ? error.message : String(error)}`;
  if (box) {
    box.textContent = message;
    box.hidden = false;
  }
  console.error(message);
});
