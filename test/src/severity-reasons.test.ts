import { expect } from 'chai';
import fc from 'fast-check';
import { describe, it } from '../support/harness.js';
import { CATEGORIES, fill, REASONS, suggestSeverity, type ReasonKey, type SeverityInput, type SeveritySuggestion } from '../../src/severity.js';

const KEYS = Object.keys(REASONS) as ReasonKey[];

/** The `{name}` placeholders of a template, sorted, so two templates compare by what they need. */
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();

/**
 * One input per reason, with the sentence it must print. Written out, not computed, so a change
 * to a template or to the rounding shows here.
 */
const CASES: { key: ReasonKey; input: SeverityInput; reason: string }[] = [
  { key: 'question', input: { category: 'question' }, reason: 'A question or request for information does not take away any service: No Loss of Service.' },
  { key: 'enhancement', input: { category: 'enhancement' }, reason: 'An enhancement request does not take away any service: No Loss of Service.' },
  {
    key: 'unsupportedPlatform',
    input: { category: 'voice', unsupportedPlatformChange: true, agentsAffected: 40, agentsTotal: 40 },
    reason:
      'The problem follows a platform change the vendor does not support (for example an ACD upgrade to an unsupported version): it is No Loss of Service whatever the impact, and support for the new platform is a roadmap item.',
  },
  {
    key: 'abandonNoRates',
    input: { category: 'chat-abandonment' },
    reason: 'The chat abandon rate is rising but no rates were given: a Major Impairment unless it is happening now and more than 50 % above normal.',
  },
  {
    key: 'abandonNotNow',
    input: { category: 'chat-abandonment', abandonment: { currentlyObserved: false, ratePercent: 20, normalRatePercent: 8 } },
    reason: 'The chat abandon rate is 20 % against a normal 8 %, but it is not happening now: a Major Impairment.',
  },
  {
    key: 'abandonOutage',
    input: { category: 'chat-abandonment', abandonment: { currentlyObserved: true, ratePercent: 20.5, normalRatePercent: 8.333 } },
    reason: 'The chat abandon rate is 20.5 % against a normal 8.33 %, happening now: more than 50 % above normal (over 12.5 %) is a System Outage.',
  },
  {
    key: 'abandonMajor',
    input: { category: 'chat-abandonment', abandonment: { currentlyObserved: true, ratePercent: 12, normalRatePercent: 8 } },
    reason: 'The chat abandon rate is 12 % against a normal 8 %: not more than 50 % above normal (12 % or less) is a Major Impairment.',
  },
  {
    key: 'outageAgents',
    input: { category: 'media-bar-login', agentsAffected: 12, agentsTotal: 40 },
    reason: '12 of 40 agents (30 %) are affected: 30 % or more is a System Outage.',
  },
  {
    key: 'outageInteractions',
    input: { category: 'chat-routing', interactionsAffectedPercent: 35.125 },
    reason: '35.13 % of interactions are affected: 30 % or more is a System Outage.',
  },
  {
    key: 'majorAgents',
    input: { category: 'voice', agentsAffected: 11, agentsTotal: 40 },
    reason: '11 of 40 agents (27.5 %) are affected: more than one agent but less than 30 % is a Major Impairment.',
  },
  {
    key: 'majorAgentsNoTotal',
    input: { category: 'email-routing', agentsAffected: 25 },
    reason: '25 agents are affected (the total number of agents was not given): more than one agent is a Major Impairment.',
  },
  {
    key: 'majorInteractions',
    input: { category: 'interaction-flow', interactionsAffectedPercent: 5 },
    reason: '5 % of interactions are affected: any share under 30 % is a Major Impairment.',
  },
  {
    key: 'oneAgent',
    input: { category: 'voice', agentsAffected: 1 },
    reason: 'Only one agent is affected: a problem for a single agent is a Minor Loss of Service.',
  },
  {
    key: 'oneAgentOfTotal',
    input: { category: 'voice', agentsAffected: 1, agentsTotal: 8 },
    reason: 'Only one agent is affected (1 of 8, 12.5 %): a problem for a single agent is a Minor Loss of Service.',
  },
  {
    key: 'noImpact',
    input: { category: 'chat-routing', agentsAffected: 0, agentsTotal: 10 },
    reason: 'No agents or interactions are reported as affected: a Minor Loss of Service.',
  },
  {
    key: 'noFigures',
    input: { category: 'other-defect' },
    reason:
      'No impact figures were given: a Minor Loss of Service. Give the number of agents or the share of interactions affected if more than one agent is hit.',
  },
  {
    key: 'displayOnly',
    input: { category: 'media-bar-display', agentsAffected: 40, agentsTotal: 40 },
    reason: 'A display problem while the media bar stays readable and usable is a Minor Loss of Service, however many agents see it.',
  },
  {
    key: 'notCoreWork',
    input: { category: 'other-defect', coreFunctionAffected: false, interactionsAffectedPercent: 80 },
    reason: 'The defect does not stop core work: a Minor Loss of Service, however many agents see it.',
  },
  {
    key: 'workaroundRegrade',
    input: { category: 'chat-routing', interactionsAffectedPercent: 50, workaround: true },
    reason:
      'A workaround or business-continuity plan is in place, so the System Outage is regraded to a Major Impairment (the policy allows severity 1 to become 2 once operations continue).',
  },
];

/** What every suggestion owes a translator: reasons as data, in step with the English sentences. */
function expectExplained(suggestion: SeveritySuggestion, label: string) {
  const { reasons, explanations } = suggestion;
  expect(explanations.length, label).to.equal(reasons.length);
  explanations.forEach(({ key, values }, i) => {
    expect(KEYS, label).to.include(key);
    expect(fill(REASONS[key], values), label).to.equal(reasons[i]);
    // Exactly the figures the template asks for: none missing, none a translator cannot place.
    expect(Object.keys(values).sort(), `${label}: ${key}`).to.deep.equal(placeholders(REASONS[key]));
    for (const value of Object.values(values)) expect(Number.isFinite(value), `${label}: ${key}`).to.equal(true);
  });
}

describe('suggestSeverity explanations: the reasons as translatable data', () => {
  it('has an input in this table for every reason template, so a new template cannot go untested', () => {
    expect([...new Set(CASES.map((c) => c.key))].sort()).to.deep.equal([...KEYS].sort());
  });

  for (const { key, input, reason } of CASES) {
    it(`explains ${key} with the figures its English sentence shows`, () => {
      const suggestion = suggestSeverity(input);
      expectExplained(suggestion, key);
      const position = suggestion.explanations.findIndex((explanation) => explanation.key === key);
      expect(position, `${key} among ${JSON.stringify(suggestion.explanations)}`).to.be.at.least(0);
      expect(suggestion.reasons[position]).to.equal(reason);
    });
  }

  it('keeps the raw figures as numbers rounded like the sentence, for another locale to format', () => {
    const { explanations } = suggestSeverity({ category: 'voice', agentsAffected: 11, agentsTotal: 40 });
    expect(explanations).to.deep.equal([{ key: 'majorAgents', values: { agents: 11, total: 40, share: 27.5 } }]);
    const both = suggestSeverity({ category: 'chat-routing', agentsAffected: 13, agentsTotal: 40, interactionsAffectedPercent: 31.456 });
    expect(both.explanations.map((e) => e.key)).to.deep.equal(['outageAgents', 'outageInteractions']);
    expect(both.explanations[1]!.values).to.deep.equal({ percent: 31.46 });
  });

  it('stays in step with reasons for any valid input', () => {
    const input = fc.record(
      {
        category: fc.constantFrom(...CATEGORIES),
        agentsAffected: fc.nat({ max: 50 }),
        agentsTotal: fc.integer({ min: 50, max: 5000 }),
        interactionsAffectedPercent: fc.double({ min: 0, max: 100, noNaN: true }),
        workaround: fc.boolean(),
        unsupportedPlatformChange: fc.boolean(),
        coreFunctionAffected: fc.boolean(),
        abandonment: fc.record({
          currentlyObserved: fc.boolean(),
          ratePercent: fc.double({ min: 0, max: 100, noNaN: true }),
          normalRatePercent: fc.double({ min: 0, max: 100, noNaN: true }),
        }),
      },
      { requiredKeys: ['category'] },
    );
    fc.assert(
      fc.property(input, (given) => expectExplained(suggestSeverity(given), JSON.stringify(given))),
      { numRuns: 300 },
    );
  });
});
