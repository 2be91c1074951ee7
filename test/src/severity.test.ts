import { expect } from 'chai';
import { describe, it } from '../support/harness.js';
import { CATEGORIES, SEVERITY_NAMES, suggestSeverity, type Category, type SeverityInput } from '../../src/severity.js';

const CORE_CATEGORIES: Category[] = ['media-bar-login', 'interaction-flow', 'chat-routing', 'email-routing', 'voice', 'other-defect'];

const levelOf = (input: SeverityInput) => suggestSeverity(input).level;

/** Calls suggestSeverity with something a caller outside TypeScript could send. */
const suggestUnchecked = (input: unknown) => suggestSeverity(input as SeverityInput);

function refusal(input: unknown): string {
  try {
    suggestUnchecked(input);
  } catch (error) {
    expect(error).to.be.instanceOf(Error);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

describe('suggestSeverity: the shape of a suggestion', () => {
  it('names the level and gives at least one readable sentence for every category', () => {
    for (const category of CATEGORIES) {
      const suggestion = suggestSeverity({ category });
      expect(suggestion.name, category).to.equal(SEVERITY_NAMES[suggestion.level]);
      expect(suggestion.reasons, category).to.not.be.empty;
      for (const reason of suggestion.reasons) expect(reason, category).to.match(/^[A-Z0-9].{20,}\.$/);
    }
  });

  it('prints level 1 with its name and reasons for 35 % of chats misrouted', () => {
    const suggestion = suggestSeverity({ category: 'chat-routing', interactionsAffectedPercent: 35 });
    expect(suggestion.level).to.equal(1);
    expect(suggestion.name).to.equal('System Outage');
    expect(suggestion.reasons).to.deep.equal(['35 % of interactions are affected: 30 % or more is a System Outage.']);
  });
});

describe('suggestSeverity rule 1: enhancements and questions', () => {
  it('grades an enhancement request 4 even when it claims every agent and interaction', () => {
    const suggestion = suggestSeverity({ category: 'enhancement', agentsAffected: 40, agentsTotal: 40, interactionsAffectedPercent: 100 });
    expect(suggestion.level).to.equal(4);
    expect(suggestion.name).to.equal('No Loss of Service');
    expect(suggestion.reasons[0]).to.contain('enhancement');
  });

  it('grades a question 4', () => {
    const suggestion = suggestSeverity({ category: 'question', interactionsAffectedPercent: 100 });
    expect(suggestion.level).to.equal(4);
    expect(suggestion.reasons[0]).to.contain('question');
  });
});

describe('suggestSeverity rule 2: unsupported platform change', () => {
  it('grades an unsupported ACD upgrade 4 even when 100 % of chats and emails fail', () => {
    const suggestion = suggestSeverity({
      category: 'chat-routing',
      agentsAffected: 40,
      agentsTotal: 40,
      interactionsAffectedPercent: 100,
      unsupportedPlatformChange: true,
    });
    expect(suggestion.level).to.equal(4);
    expect(suggestion.reasons[0]).to.contain('not support');
  });

  it('beats a severe chat abandonment as well', () => {
    expect(
      levelOf({
        category: 'chat-abandonment',
        unsupportedPlatformChange: true,
        abandonment: { currentlyObserved: true, ratePercent: 60, normalRatePercent: 5 },
      }),
    ).to.equal(4);
  });

  it('does not apply when the change is supported', () => {
    expect(levelOf({ category: 'email-routing', interactionsAffectedPercent: 100, unsupportedPlatformChange: false })).to.equal(1);
  });
});

describe('suggestSeverity rule 3: chat abandonment', () => {
  const abandonment = (currentlyObserved: boolean, ratePercent: number, normalRatePercent: number): SeverityInput => ({
    category: 'chat-abandonment',
    abandonment: { currentlyObserved, ratePercent, normalRatePercent },
  });

  it('is a System Outage when happening now and more than 50 % above normal, with the rates in the reason', () => {
    const suggestion = suggestSeverity(abandonment(true, 20, 8));
    expect(suggestion.level).to.equal(1);
    expect(suggestion.reasons[0]).to.contain('20 %').and.to.contain('8 %').and.to.contain('12 %');
  });

  it('is a Major Impairment at exactly 50 % above normal and a System Outage just above it', () => {
    expect(levelOf(abandonment(true, 12, 8))).to.equal(2);
    expect(levelOf(abandonment(true, 12.01, 8))).to.equal(1);
  });

  it('treats decimal rates at exactly +50 % as +50 %, not as binary noise above it', () => {
    // 1.5 * 0.3 is 0.44999999999999996 in binary floating point.
    expect(levelOf(abandonment(true, 0.45, 0.3))).to.equal(2);
    expect(levelOf(abandonment(true, 0.46, 0.3))).to.equal(1);
  });

  it('is a Major Impairment when the rate is high but not currently observed', () => {
    const suggestion = suggestSeverity(abandonment(false, 40, 8));
    expect(suggestion.level).to.equal(2);
    expect(suggestion.reasons[0]).to.contain('not happening now');
  });

  it('is a Major Impairment when no rates are given', () => {
    expect(levelOf({ category: 'chat-abandonment' })).to.equal(2);
  });

  it('decides by the rates, not by the agent or interaction share', () => {
    expect(levelOf({ ...abandonment(false, 9, 8), agentsAffected: 40, agentsTotal: 40, interactionsAffectedPercent: 100 })).to.equal(2);
  });

  it('counts any abandonment against a normal rate of 0 as more than 50 % above it', () => {
    expect(levelOf(abandonment(true, 1, 0))).to.equal(1);
    expect(levelOf(abandonment(true, 0, 0))).to.equal(2);
  });

  it('regrades a System Outage to 2 when a business-continuity plan is in place, saying why', () => {
    const suggestion = suggestSeverity({ ...abandonment(true, 20, 8), workaround: true });
    expect(suggestion.level).to.equal(2);
    expect(suggestion.name).to.equal('Major Impairment');
    expect(suggestion.reasons).to.have.length(2);
    expect(suggestion.reasons[1]).to.contain('business-continuity plan').and.to.contain('regraded');
  });
});

describe('suggestSeverity rule 4: impact share for core categories', () => {
  it('is a System Outage at exactly 30 % of agents, with the count and share in the reason', () => {
    const suggestion = suggestSeverity({ category: 'media-bar-login', agentsAffected: 12, agentsTotal: 40 });
    expect(suggestion.level).to.equal(1);
    expect(suggestion.reasons).to.deep.equal(['12 of 40 agents (30 %) are affected: 30 % or more is a System Outage.']);
    expect(levelOf({ category: 'media-bar-login', agentsAffected: 3, agentsTotal: 10 })).to.equal(1);
  });

  it('is a Major Impairment just under 30 % of agents', () => {
    const suggestion = suggestSeverity({ category: 'media-bar-login', agentsAffected: 11, agentsTotal: 40 });
    expect(suggestion.level).to.equal(2);
    expect(suggestion.reasons[0]).to.contain('11 of 40 agents (27.5 %)');
    expect(levelOf({ category: 'voice', agentsAffected: 2999, agentsTotal: 10_000 })).to.equal(2);
  });

  it('never prints a share just under 30 % as "30 %"', () => {
    const suggestion = suggestSeverity({ category: 'voice', agentsAffected: 2999, agentsTotal: 10_000 });
    expect(suggestion.reasons[0]).to.contain('(29.99 %)');
  });

  it('is a System Outage at exactly 30 % of interactions and a Major Impairment just under', () => {
    expect(levelOf({ category: 'email-routing', interactionsAffectedPercent: 30 })).to.equal(1);
    expect(levelOf({ category: 'email-routing', interactionsAffectedPercent: 29.99 })).to.equal(2);
  });

  it('applies to every core category, other-defect included by default', () => {
    for (const category of CORE_CATEGORIES) {
      expect(levelOf({ category, interactionsAffectedPercent: 35 }), category).to.equal(1);
      expect(levelOf({ category, agentsAffected: 2, agentsTotal: 100 }), category).to.equal(2);
      expect(levelOf({ category, agentsAffected: 1, agentsTotal: 100 }), category).to.equal(3);
    }
    expect(levelOf({ category: 'other-defect', coreFunctionAffected: true, interactionsAffectedPercent: 35 })).to.equal(1);
  });

  it('reads coreFunctionAffected only for other-defect: the other core categories are core work', () => {
    expect(levelOf({ category: 'voice', coreFunctionAffected: false, interactionsAffectedPercent: 35 })).to.equal(1);
  });

  it('checks abandonment figures sent with another category but grades that category by impact', () => {
    const abandonment = { currentlyObserved: true, ratePercent: 50, normalRatePercent: 5 };
    expect(levelOf({ category: 'chat-routing', abandonment, agentsAffected: 1 })).to.equal(3);
    expect(refusal({ category: 'chat-routing', abandonment: { ...abandonment, ratePercent: -1 } })).to.match(/^abandonment\.ratePercent/);
  });

  it('takes the larger of the agent share and the interaction share', () => {
    const byInteractions = suggestSeverity({ category: 'chat-routing', agentsAffected: 1, agentsTotal: 100, interactionsAffectedPercent: 35 });
    expect(byInteractions.level).to.equal(1);
    expect(byInteractions.reasons.join(' ')).to.contain('35 % of interactions');
    const byAgents = suggestSeverity({ category: 'chat-routing', agentsAffected: 40, agentsTotal: 40, interactionsAffectedPercent: 0 });
    expect(byAgents.level).to.equal(1);
    expect(byAgents.reasons.join(' ')).to.contain('40 of 40 agents (100 %)');
  });

  it('grades one agent a Minor Loss of Service and several agents a Major Impairment (the policy login scenario)', () => {
    expect(levelOf({ category: 'media-bar-login', agentsAffected: 1, agentsTotal: 200 })).to.equal(3);
    expect(levelOf({ category: 'media-bar-login', agentsAffected: 1 })).to.equal(3);
    expect(levelOf({ category: 'media-bar-login', agentsAffected: 6, agentsTotal: 200 })).to.equal(2);
  });

  it('counts one agent of a team of three as 33 %: the contract measures the share, not the head count', () => {
    expect(levelOf({ category: 'voice', agentsAffected: 1, agentsTotal: 3 })).to.equal(1);
  });

  it('grades several agents a Major Impairment when the population is unknown, and says it is unknown', () => {
    const suggestion = suggestSeverity({ category: 'voice', agentsAffected: 25 });
    expect(suggestion.level).to.equal(2);
    expect(suggestion.reasons[0]).to.contain('25 agents').and.to.contain('not given');
  });

  it('grades any share of interactions above 0 a Major Impairment, and 0 % as nothing affected', () => {
    expect(levelOf({ category: 'interaction-flow', interactionsAffectedPercent: 0.5 })).to.equal(2);
    const none = suggestSeverity({ category: 'interaction-flow', interactionsAffectedPercent: 0 });
    expect(none.level).to.equal(3);
    expect(none.reasons[0]).to.contain('No agents or interactions');
  });

  it('grades zero agents, a population alone, or no figures at all a Minor Loss of Service', () => {
    expect(levelOf({ category: 'chat-routing', agentsAffected: 0, agentsTotal: 40 })).to.equal(3);
    expect(levelOf({ category: 'chat-routing', agentsTotal: 40 })).to.equal(3);
    const unknown = suggestSeverity({ category: 'chat-routing' });
    expect(unknown.level).to.equal(3);
    expect(unknown.reasons[0]).to.contain('No impact figures');
  });

  it('gives a reason for each measurement that makes a Major Impairment', () => {
    const suggestion = suggestSeverity({ category: 'chat-routing', agentsAffected: 5, agentsTotal: 100, interactionsAffectedPercent: 10 });
    expect(suggestion.level).to.equal(2);
    expect(suggestion.reasons).to.have.length(2);
    expect(suggestion.reasons[0]).to.contain('5 of 100 agents (5 %)');
    expect(suggestion.reasons[1]).to.contain('10 % of interactions');
  });
});

describe('suggestSeverity rule 5: display problems and defects that spare core work', () => {
  it('grades a media-bar display problem 3 even when every agent sees it', () => {
    const suggestion = suggestSeverity({ category: 'media-bar-display', agentsAffected: 40, agentsTotal: 40, interactionsAffectedPercent: 100 });
    expect(suggestion.level).to.equal(3);
    expect(suggestion.name).to.equal('Minor Loss of Service');
  });

  it('grades a defect that does not stop core work 3 whatever the impact', () => {
    const suggestion = suggestSeverity({ category: 'other-defect', coreFunctionAffected: false, agentsAffected: 40, agentsTotal: 40 });
    expect(suggestion.level).to.equal(3);
    expect(suggestion.reasons[0]).to.contain('core work');
  });

  it('is not changed by a workaround', () => {
    expect(levelOf({ category: 'media-bar-display', workaround: true, interactionsAffectedPercent: 100 })).to.equal(3);
  });
});

describe('suggestSeverity rule 6: business continuity', () => {
  it('regrades an impact outage to 2 with a workaround and keeps the impact reason first', () => {
    const suggestion = suggestSeverity({ category: 'chat-routing', agentsAffected: 12, agentsTotal: 40, workaround: true });
    expect(suggestion.level).to.equal(2);
    expect(suggestion.reasons[0]).to.equal('12 of 40 agents (30 %) are affected: 30 % or more is a System Outage.');
    expect(suggestion.reasons[1]).to.contain('regraded to a Major Impairment');
  });

  it('leaves the outage at 1 without a workaround', () => {
    expect(levelOf({ category: 'chat-routing', interactionsAffectedPercent: 100, workaround: false })).to.equal(1);
  });

  it('does not touch a Major Impairment or lower, and adds no regrade reason to it', () => {
    const suggestion = suggestSeverity({ category: 'chat-routing', interactionsAffectedPercent: 10, workaround: true });
    expect(suggestion.level).to.equal(2);
    expect(suggestion.reasons.join(' ')).to.not.contain('regraded');
    expect(levelOf({ category: 'voice', agentsAffected: 1, workaround: true })).to.equal(3);
  });
});

describe('suggestSeverity refuses invalid input, naming the field', () => {
  it('refuses a missing or non-object input', () => {
    expect(refusal(null)).to.match(/^input must be an object/);
    expect(refusal('chat-routing')).to.match(/^input must be an object/);
    expect(refusal([])).to.match(/^input must be an object/);
  });

  it('refuses an unknown or missing category and lists the allowed ones', () => {
    const message = refusal({ category: 'printer' });
    expect(message).to.match(/^category must be one of/);
    expect(message).to.contain("'chat-routing'").and.to.contain('"printer"');
    expect(refusal({})).to.match(/^category must be one of/);
  });

  it('refuses negative, fractional and non-finite agent counts', () => {
    for (const agentsAffected of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3', null]) {
      expect(refusal({ category: 'voice', agentsAffected }), String(agentsAffected)).to.match(/^agentsAffected must be a whole number/);
    }
  });

  it('refuses an agent population of 0 or less', () => {
    for (const agentsTotal of [0, -5, 2.5, Number.NaN]) {
      expect(refusal({ category: 'voice', agentsTotal }), String(agentsTotal)).to.match(/^agentsTotal must be a whole number, more than 0/);
    }
  });

  it('refuses more agents affected than the population', () => {
    expect(refusal({ category: 'voice', agentsAffected: 41, agentsTotal: 40 })).to.equal('agentsAffected must not exceed agentsTotal (got 41 of 40).');
  });

  it('refuses an interaction share outside 0..100 or not a finite number', () => {
    for (const interactionsAffectedPercent of [-0.1, 100.5, Number.NaN, Number.NEGATIVE_INFINITY, '30']) {
      expect(refusal({ category: 'chat-routing', interactionsAffectedPercent }), String(interactionsAffectedPercent)).to.match(
        /^interactionsAffectedPercent must be a number from 0 to 100/,
      );
    }
  });

  it('refuses flags that are not booleans', () => {
    expect(refusal({ category: 'voice', workaround: 'yes' })).to.match(/^workaround must be true or false/);
    expect(refusal({ category: 'voice', unsupportedPlatformChange: 1 })).to.match(/^unsupportedPlatformChange must be true or false/);
    expect(refusal({ category: 'other-defect', coreFunctionAffected: null })).to.match(/^coreFunctionAffected must be true or false/);
  });

  it('refuses bad abandonment figures, naming the nested field', () => {
    const observed = { currentlyObserved: true, ratePercent: 20, normalRatePercent: 8 };
    expect(refusal({ category: 'chat-abandonment', abandonment: 'high' })).to.match(/^abandonment must be an object/);
    expect(refusal({ category: 'chat-abandonment', abandonment: { ...observed, currentlyObserved: 'now' } })).to.match(
      /^abandonment\.currentlyObserved must be true or false/,
    );
    expect(refusal({ category: 'chat-abandonment', abandonment: { ratePercent: 20, normalRatePercent: 8 } })).to.match(
      /^abandonment\.currentlyObserved must be true or false/,
    );
    for (const ratePercent of [-1, 101, Number.NaN, undefined]) {
      expect(refusal({ category: 'chat-abandonment', abandonment: { ...observed, ratePercent } }), String(ratePercent)).to.match(
        /^abandonment\.ratePercent must be a number from 0 to 100/,
      );
    }
    for (const normalRatePercent of [-3, Number.POSITIVE_INFINITY, '8']) {
      expect(refusal({ category: 'chat-abandonment', abandonment: { ...observed, normalRatePercent } }), String(normalRatePercent)).to.match(
        /^abandonment\.normalRatePercent must be a number from 0 to 100/,
      );
    }
  });

  it('checks every field even when the category alone would decide', () => {
    expect(refusal({ category: 'enhancement', agentsAffected: -1 })).to.match(/^agentsAffected/);
    expect(refusal({ category: 'question', interactionsAffectedPercent: 120 })).to.match(/^interactionsAffectedPercent/);
  });
});
