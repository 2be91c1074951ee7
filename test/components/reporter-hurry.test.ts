// Issue 14, items 1, 3, 4 and 7: the reporter for an agent in a hurry. Related reports counted
// by the REAL intake service (its `/api/signals` and the Sent answer), the workspace kept while the
// form is open, a docked sheet beside a usable page, problems that follow the fields and stay in
// sight, and words an agent trusts. Real Chromium, real <triage-provider>; the outbox is the
// shared double where the test drives delivery states, the real one where the service answers.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { TriageReporter } from '../../components/reporter/reporter.js';
import type { TriageProvider } from '../../components/provider/provider.js';
import type { AgentContext } from '../../src/context.js';
import type { SignalsService, RelatedReports } from '../../src/delivery.js';
import { SEVERAL_REASON } from '../../src/compose.js';
import { createIntakeSignals } from '../../src/signals.js';
import { createIntakeTransport } from '../../src/transports/intake.js';
import { createOutbox } from '../../src/outbox.js';
import { es } from '../../src/strings-es.js';
import { describe, it } from '../support/harness.js';
import { deleteDatabase, isSent, loadEnv, makeTicket, waitForEntry } from '../support/delivery-fixtures.js';
import { $, OutboxDouble, choose, control, openReporter, suggestionText, typeInto } from '../support/reporter-fixtures.js';

const until = (condition: () => unknown, message?: string) => waitUntil(condition, message, { timeout: 10_000 });
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const agent = { timeZone: 'America/New_York', locale: 'en-US' };

/** The real signals service, with the answers it gave kept, so a test waits for one. */
async function realSignals() {
  const env = await loadEnv();
  const real = createIntakeSignals({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY });
  const answers: RelatedReports[] = [];
  const signals: SignalsService = { recent: async (query) => (answers.push(await real.recent(query)), answers.at(-1)!) };
  const send = (overrides: Parameters<typeof makeTicket>[0]) => createIntakeTransport({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY }).send(makeTicket(overrides), []);
  return { env, signals, answers, send };
}

async function fillRequired(reporter: TriageReporter, category = 'media-bar-login') {
  await typeInto(reporter, 'summary', 'Agents cannot log in to the media bar');
  await choose(reporter, 'category', category);
}

describe('<triage-reporter> related reports count other agents only (item 1)', () => {
  it("leaves out the agent's own reports, by account ID and by login, and offers to count only other agents", async () => {
    const { signals, answers, send } = await realSignals();
    const queue = 'own-' + crypto.randomUUID();
    // Ana's earlier reports: one under her account ID, one from a console that knew only her login.
    await send({ category: 'chat-routing', records: { queue }, reporter: { accountId: 'ana-1', login: 'ana' } });
    await send({ category: 'chat-routing', records: { queue }, reporter: { login: 'ana' } });
    const me = { ...agent, reporter: { accountId: 'ana-1', login: 'ana' }, records: { queue } };

    const reporter = await openReporter({ agent: me, services: { signals } });
    await choose(reporter, 'category', 'chat-routing');
    await typeInto(reporter, 'impact.agentsAffected', '1');
    await until(() => answers.length === 1, 'the service answered');
    await reporter.updateComplete;
    expect(answers[0]).to.include({ reports: 2, otherReports: 0, otherAgents: 0 });
    expect(reporter.shadowRoot!.querySelector('[part~=signals]')).to.equal(null, 'her own reports are not other agents');
    expect(suggestionText(reporter)).to.contain('Severity 3');

    // Ben reports it too, from a console that gives only his login.
    await send({ category: 'chat-routing', records: { queue }, reporter: { login: 'ben' } });
    await choose(reporter, 'category', 'voice');
    await choose(reporter, 'category', 'chat-routing');
    await until(() => reporter.shadowRoot!.querySelector('[part~=signals]'), 'one other agent shown');
    expect(text($(reporter, '[part~=signals] p'))).to.equal('Another agent reported this in the last hour.');
    const offer = $<HTMLButtonElement>(reporter, '[part~=signals] button');
    expect(text(offer)).to.equal('Count them: 2 agents affected');
    offer.click();
    await reporter.updateComplete;
    expect(suggestionText(reporter)).to.contain('Severity 2');
  });

  it('words every count with the plural rules of the agent\'s language, in the form and in the Sent view', async () => {
    const { env, signals, send } = await realSignals();
    const queue = 'plural-' + crypto.randomUUID();
    for (const login of ['ben', 'carla']) await send({ category: 'voice', records: { queue }, reporter: { login } });
    const dbName = 'hurry-plural-' + crypto.randomUUID();
    const outbox = createOutbox({ transport: createIntakeTransport({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY }), dbName });
    try {
      const reporter = await openReporter({
        agent: { locale: 'es-ES', timeZone: 'Europe/Madrid', reporter: { accountId: 'ana-1' }, records: { queue } },
        services: { signals, outbox },
      });
      $(reporter, '[part~=submit]').click();
      await until(() => reporter.shadowRoot!.querySelector('[part~=errors]'), 'problems listed');
      expect(text($(reporter, '[part~=errors] p'))).to.equal('Corrija 2 problemas antes de enviar:');
      await typeInto(reporter, 'summary', 'No entran llamadas');
      await until(() => text($(reporter, '[part~=errors] p')) === 'Corrija 1 problema antes de enviar:', 'one problem, singular');
      await choose(reporter, 'category', 'voice');
      await until(() => reporter.shadowRoot!.querySelector('[part~=signals]'), 'other agents shown');
      expect(text($(reporter, '[part~=signals] p'))).to.equal('Otros 2 agentes informaron de esto en la última hora.');
      expect(text($(reporter, '[part~=signals] button'))).to.equal('Contarlos: 3 agentes afectados');
      expect(reporter.shadowRoot!.textContent).not.to.match(/\(s\)/);

      $(reporter, '[part~=submit]').click();
      await until(() => /Enviado/.test(text(reporter.shadowRoot!.querySelector('.result [part~=status]'))), 'sent');
      // The two other agents' reports; Ana's own is not counted as another agent's.
      expect(text($(reporter, '.result [part~=status]'))).to.contain('Soporte tiene 2 informes similares de otros 2 agentes en los últimos 60 minutos.');
      const entry = (await outbox.list())[0]!;
      await waitForEntry(outbox, entry.id, isSent);
    } finally {
      outbox.close();
      await deleteDatabase(dbName);
    }
  });
});

describe('<triage-reporter> keeps its facts while the agent works (item 3)', () => {
  const opened = { incidentReference: '261126-000100', incidentId: '100', queue: 'Billing' };
  const popped = { incidentReference: '261127-000431', incidentId: '431', queue: 'Outage' };

  async function withWorkspace(services = {}) {
    const reporter = await openReporter({ agent: { ...agent, records: opened, sources: { 'records.incidentReference': 'OSvC' } }, services });
    const provider = reporter.parentElement as TriageProvider;
    const switchTab = async (records: AgentContext['records']) => {
      provider.agent = { ...provider.agent!, records };
      await until(() => reporter.updateComplete.then(() => true));
      await reporter.updateComplete;
    };
    return { reporter, switchTab };
  }

  it('changes nothing when the workspace switches, until the agent keeps or takes the new one', async () => {
    const outbox = new OutboxDouble();
    const { reporter, switchTab } = await withWorkspace({ outbox });
    await fillRequired(reporter);
    await switchTab(popped);
    await until(() => reporter.shadowRoot!.querySelector('[part~=context]'), 'the new workspace offered');
    expect(text($(reporter, '[part~=context]'))).to.contain('Use incident 261127-000431 instead?');
    expect(control(reporter, 'records.incidentReference').value).to.equal('261126-000100');
    expect(control(reporter, 'records.queue').value).to.equal('Billing');

    // Keep: the offer goes and does not come back for the same workspace.
    [...reporter.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=context] button')].find((b) => text(b) === 'Keep as it is')!.click();
    await reporter.updateComplete;
    expect(reporter.shadowRoot!.querySelector('[part~=context]')).to.equal(null);
    const submitted = oneEvent(reporter, 'triage-submit');
    $(reporter, '[part~=submit]').click();
    expect((await submitted).detail.ticket.records).to.deep.equal(opened);
  });

  it('takes the new workspace once the agent accepts it', async () => {
    const outbox = new OutboxDouble();
    const { reporter, switchTab } = await withWorkspace({ outbox });
    await fillRequired(reporter);
    await switchTab(popped);
    await until(() => reporter.shadowRoot!.querySelector('[part~=context]'), 'the new workspace offered');
    await expect(reporter).to.be.accessible();
    [...reporter.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=context] button')].find((b) => text(b) === 'Use it')!.click();
    await reporter.updateComplete;
    expect(control(reporter, 'records.incidentReference').value).to.equal('261127-000431');
    const submitted = oneEvent(reporter, 'triage-submit');
    $(reporter, '[part~=submit]').click();
    expect((await submitted).detail.ticket.records).to.deep.equal(popped);
  });

  it('docked, leaves the host page usable beside it: a chat input outside takes focus and typing', async () => {
    localStorage.clear();
    const page = await fixture<HTMLElement>(html`<div>
      <label>Reply to the customer <input id="chat" /></label>
      <triage-provider .agent=${agent}><triage-reporter presentation="docked"></triage-reporter></triage-provider>
    </div>`);
    const reporter = page.querySelector('triage-reporter')!;
    await reporter.show();
    const dialog = $<HTMLDialogElement>(reporter, 'dialog');
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(false, 'non-modal: the page is not inert');
    expect(reporter.shadowRoot!.activeElement?.id).to.equal('f-summary', 'focus moves into the sheet on open');
    const box = dialog.getBoundingClientRect();
    expect(Math.round(box.right)).to.equal(document.documentElement.clientWidth, 'a sheet at the inline end');
    // A positioned host element later in the page (the demo's workspace launcher) stays under it.
    const badge = document.createElement('button');
    badge.textContent = 'Host control';
    badge.style.cssText = `position: relative; left: ${Math.round(box.left + 20)}px`;
    page.append(badge);
    const spot = badge.getBoundingClientRect();
    // Compared by name: a failing comparison of elements would make chai serialise the page.
    const onTop = document.elementFromPoint(spot.left + 5, spot.top + spot.height / 2);
    expect(onTop?.localName).to.equal('triage-reporter', 'the sheet stacks over the host page');

    const chat = page.querySelector<HTMLInputElement>('#chat')!;
    chat.focus();
    expect(document.activeElement).to.equal(chat);
    await sendKeys({ type: 'One moment please' });
    expect(chat.value).to.equal('One moment please');
    expect(dialog.open).to.equal(true, 'the sheet stays open while the agent answers');

    // Back in the sheet, the same rules: Escape over a started report asks first.
    control(reporter, 'summary').focus();
    await sendKeys({ type: 'Chats drop' });
    await sendKeys({ press: 'Escape' });
    await until(() => reporter.shadowRoot!.querySelector('[part~=confirm]'), 'asks before closing');
    await expect(reporter).to.be.accessible();
  });
});

describe('<triage-reporter> problems that stay true and in sight (item 4)', () => {
  it('updates the problem list as fields become valid, and drops it when none is left', async () => {
    const reporter = await openReporter({ agent, services: { outbox: new OutboxDouble() } });
    $(reporter, '[part~=submit]').click();
    await until(() => reporter.shadowRoot!.querySelector('[part~=errors]'), 'problems listed');
    expect(text($(reporter, '[part~=errors] p'))).to.equal('Please fix 2 problems before sending:');
    await typeInto(reporter, 'summary', 'Chats drop');
    await until(() => text($(reporter, '[part~=errors] p')) === 'Please fix 1 problem before sending:', 'the summary left the list');
    expect(control(reporter, 'summary').getAttribute('aria-invalid')).to.equal(null);
    // Broken again, it comes back.
    await typeInto(reporter, 'summary', ' ');
    await until(() => text($(reporter, '[part~=errors] p')) === 'Please fix 2 problems before sending:', 'the summary is back');
    await typeInto(reporter, 'summary', 'Chats drop');
    await choose(reporter, 'category', 'chat-routing');
    await until(() => !reporter.shadowRoot!.querySelector('[part~=errors]'), 'no list once nothing is left');
  });

  it('gives the validation messages in Spanish', async () => {
    const reporter = await openReporter({ agent: { locale: 'es-MX', timeZone: 'America/Mexico_City' }, services: { outbox: new OutboxDouble() } });
    await typeInto(reporter, 'impact.agentsTotal', '3');
    await typeInto(reporter, 'impact.agentsAffected', '5');
    await typeInto(reporter, 'timeZone', 'Luna/Base');
    $(reporter, '[part~=submit]').click();
    await until(() => reporter.shadowRoot!.querySelector('[part~=errors]'), 'problems listed');
    const listed = [...reporter.shadowRoot!.querySelectorAll('[part~=errors] li')].map(text);
    expect(listed).to.include.members([
      'Complete «Resumen».',
      'Complete «Categoría».',
      'Los agentes afectados no pueden ser más que los agentes del equipo.',
      'Elija una zona horaria de la lista, como America/New_York.',
    ]);
    expect(text(reporter.shadowRoot!.querySelector('#e-f-summary'))).to.equal('Complete «Resumen».');
    expect(reporter.shadowRoot!.textContent).not.to.match(/is required|must be/);
  });

  for (const [width, height] of [[360, 640], [1366, 768]]) {
    it(`never leaves a focused control under the sticky footer at ${width} px`, async () => {
      await setViewport({ width, height });
      try {
        const reporter = await openReporter({ agent, services: { outbox: new OutboxDouble() } });
        await typeInto(reporter, 'impact.agentsTotal', '3');
        await typeInto(reporter, 'impact.agentsAffected', '5');
        // Four problems listed: the footer is at its tallest.
        $(reporter, '[part~=submit]').click();
        await until(() => reporter.shadowRoot!.querySelectorAll('[part~=errors] li').length >= 3, 'problems listed');
        const footer = $<HTMLElement>(reporter, '[part~=footer]');
        control(reporter, 'summary').focus();
        let checked = 0;
        for (let step = 0; step < 80; step++) {
          const active = reporter.shadowRoot!.activeElement as HTMLElement | null;
          if (!active || footer.contains(active)) break;
          const clear = () => {
            const a = active.getBoundingClientRect();
            const f = footer.getBoundingClientRect();
            return a.bottom <= f.top || a.top >= f.bottom;
          };
          await until(clear, `#${active.id || active.localName} is under the footer`);
          checked++;
          await sendKeys({ press: 'Tab' });
        }
        expect(checked).to.be.greaterThan(15, 'walked the form');
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  }
});

describe('<triage-reporter> words an agent trusts (item 7)', () => {
  it('keeps "several" as the agent said it and grades it as more than one agent', async () => {
    const reporter = await openReporter({ agent, services: { outbox: new OutboxDouble() } });
    await fillRequired(reporter, 'chat-routing');
    await typeInto(reporter, 'impact.agentsTotal', '40');
    const several = [...reporter.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=picks] button')].find((b) => text(b) === 'Several')!;
    several.click();
    await reporter.updateComplete;
    expect(several.getAttribute('aria-pressed')).to.equal('true');
    expect(control(reporter, 'impact.agentsAffected').value).to.equal('', 'no number the agent never gave');
    expect(suggestionText(reporter)).to.contain('Severity 2');
    expect(suggestionText(reporter)).to.contain('Several agents are affected (no number given)');
    expect(suggestionText(reporter)).not.to.match(/\b2 (of 40 )?agents/);

    const submitted = oneEvent(reporter, 'triage-submit');
    $(reporter, '[part~=submit]').click();
    const { ticket } = (await submitted).detail;
    expect(ticket.impact?.agentsAffected).to.equal(undefined);
    expect(ticket.severity).to.deep.include({ suggested: 2, chosen: 2 });
    expect(ticket.severity.reasons).to.deep.equal([SEVERAL_REASON]);
  });

  it('counts the next attempt down, and recaps severity and response due after Send with a copy button', async () => {
    const outbox = new OutboxDouble();
    const reporter = await openReporter({ agent, services: { outbox } });
    await fillRequired(reporter);
    $(reporter, '[part~=submit]').click();
    await until(() => outbox.submitted.length === 1);
    const id = outbox.submitted[0]!.ticket.id;
    outbox.advance(id, { state: 'queued', attempts: 1, nextAttemptAt: Date.now() + 20_000, lastError: 'offline' });
    const status = () => text(reporter.shadowRoot!.querySelector('.result [part~=status]'));
    await until(() => /Next attempt in (20|19) seconds/.test(status()), 'a span from now');
    const first = status();
    await until(() => status() !== first, 'the span moves');
    expect(status()).to.match(/Next attempt in 1\d seconds/);

    outbox.advance(id, { state: 'sent', sentAt: new Date().toISOString(), result: { id: 'srv-1', reference: 'TK-000042' } });
    await until(() => status().includes('TK-000042'));
    const recap = text($(reporter, '[part~=recap]'));
    expect(recap).to.contain('Severity 3 · Minor Loss of Service');
    expect(recap).to.match(/First response due .*\(in \d/);
    const copy = [...reporter.shadowRoot!.querySelectorAll<HTMLButtonElement>('.result button')].find((b) => text(b) === 'Copy the reference')!;
    copy.focus();
    await sendKeys({ press: 'Enter' });
    // In the dialog's one live region, after where the report is.
    const live = () => text(reporter.shadowRoot!.querySelector('p.visually-hidden[role=status]'));
    await until(() => live().includes('copied'), 'the copy announced');
    expect(live()).to.equal('Sent. Your reference is TK-000042. Reference TK-000042 copied.');
    expect(reporter.shadowRoot!.activeElement).to.equal(copy, 'focus stays on the button');
    await expect(reporter).to.be.accessible();
  });

  it('names the support calendar\'s zone in words and marks the time zone with its source', async () => {
    const reporter = await openReporter({ agent: { ...agent, sources: { timeZone: 'OSvC' } } });
    await fillRequired(reporter);
    const sla = text($(reporter, '[part~=sla]'));
    expect(sla).to.contain('business hours (06:00–16:00, Eastern Time, New York)');
    expect(sla).not.to.contain('America/New_York');
    const label = () => text(reporter.shadowRoot!.querySelector('label[for=f-timeZone]'));
    expect(label()).to.contain('from OSvC');
    await typeInto(reporter, 'timeZone', 'Europe/Madrid');
    expect(label()).not.to.contain('from');

    const browser = await openReporter({ agent });
    expect(text(browser.shadowRoot!.querySelector('label[for=f-timeZone]'))).to.contain('from this browser');
  });

  it('says "Gravedad" for severity throughout the Spanish catalog', () => {
    expect(JSON.stringify(es)).not.to.match(/severidad/i);
    expect(es.reportsSeverity).to.equal('Gravedad {level}');
  });
});
