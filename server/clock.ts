/**
 * The SLA clock as the service sees a ticket: the severity core's `responseDueAt` on the
 * service's own clock and configuration, counted from when the intake received the ticket (not
 * from the browser's `createdAt`: a report queued offline for two hours must not arrive late),
 * and the order of the queue by what is due first.
 */
import { DEFAULT_CALENDAR, PLANS, resolveCalendar, responseDueAt, slaFor, type Level, type Plan, type SupportCalendar } from '../src/severity.js';
import type { TicketRow } from './storage/types.js';
import type { ClockRow, RegradeReason } from './storage/loop.js';

export interface ClockOptions {
  /**
   * The customer's support plan. Set, it holds for every ticket; unset, a ticket's own
   * `sla.plan` (the desktop's configuration) counts, else `standard`.
   */
  plan?: Plan;
  /** Support's business hours and holidays; default 6am-4pm America/New_York, Monday to Friday. */
  calendar?: Partial<SupportCalendar>;
}

export interface ClockConfig {
  plan?: Plan;
  calendar: SupportCalendar;
}

/** Checks the configuration once at start, so a wrong calendar stops the service, not a request. */
export function clockConfig(options: ClockOptions = {}): ClockConfig {
  if (options.plan !== undefined && !(PLANS as readonly string[]).includes(options.plan)) {
    throw new Error(`The support plan must be one of ${PLANS.join(', ')} (got ${String(options.plan).slice(0, 20)}).`);
  }
  return { plan: options.plan, calendar: resolveCalendar(options.calendar ?? DEFAULT_CALENDAR) };
}

/** Statuses in which support owes something; `waiting` stops the clock (the policy's "take no action until asked"). */
export const ACTIVE_STATUSES = ['new', 'acknowledged'] as const;
const isActive = (status: string) => (ACTIVE_STATUSES as readonly string[]).includes(status);

export interface SlaView {
  plan: Plan;
  coverage: '24x7' | 'business-hours';
  clockStartedAt: string;
  responseDueAt: string;
  respondedAt: string | null;
  nextUpdateDueAt: string | null;
  overdue: boolean;
}

export function planOf(row: TicketRow, config: ClockConfig): Plan {
  if (config.plan) return config.plan;
  const declared = (JSON.parse(row.document) as { sla?: { plan?: unknown } }).sla?.plan;
  return (PLANS as readonly unknown[]).includes(declared) ? (declared as Plan) : 'standard';
}

export function slaOf(row: TicketRow, clock: ClockRow | undefined, config: ClockConfig, now: Date): SlaView {
  const plan = planOf(row, config);
  const level = row.severity as Level;
  const sla = slaFor(level, plan);
  const clockStartedAt = clock?.clock_started_at ?? row.received_at;
  const due = responseDueAt(new Date(clockStartedAt), level, { plan, calendar: config.calendar }).toISOString();
  const respondedAt = clock?.responded_at ?? null;
  const active = isActive(row.status);
  let nextUpdateDueAt: string | null = null;
  if (active && sla.updateCadenceMinutes !== null) {
    // The last word from support, never before the clock (re)started: an upgrade to an outage
    // owes its first hourly update an hour after the upgrade, not after an old reply.
    const last = clock?.last_update_at && clock.last_update_at > clockStartedAt ? clock.last_update_at : clockStartedAt;
    nextUpdateDueAt = new Date(Date.parse(last) + sla.updateCadenceMinutes * 60_000).toISOString();
  }
  const at = now.getTime();
  const overdue = active && ((respondedAt === null && at > Date.parse(due)) || (nextUpdateDueAt !== null && at > Date.parse(nextUpdateDueAt)));
  return { plan, coverage: sla.coverage, clockStartedAt, responseDueAt: due, respondedAt, nextUpdateDueAt, overdue };
}

/** What support owes next: the response until it is given, then the next update (severity 1), else nothing. */
export function nextDueOf(sla: SlaView): string | null {
  if (sla.respondedAt === null) return sla.nextUpdateDueAt && sla.nextUpdateDueAt < sla.responseDueAt ? sla.nextUpdateDueAt : sla.responseDueAt;
  return sla.nextUpdateDueAt;
}

/**
 * The policy on regrades ("upgrades and downgrades the severity level if a change in the
 * disposition warrants"): an upgrade restarts the clock at the regrade, so the tighter response
 * time is counted from when support learnt it is worse (counting it from the arrival would make
 * most upgrades overdue at once). A downgrade keeps the clock where it started: the looser
 * response time counted from the arrival, so a downgrade never buys time it did not need.
 * A reason that contradicts the direction (more agents affected, yet a downgrade) is refused.
 */
export function regradePolicy(from: number, to: number, reason: RegradeReason): { restartClock: boolean; problem?: string } {
  const upgrade = to < from;
  if (reason === 'more-agents' && !upgrade) return { restartClock: false, problem: 'More agents affected raises the severity (a lower number).' };
  if ((reason === 'bcp-in-place' || reason === 'unsupported-platform') && upgrade) {
    return { restartClock: false, problem: 'A business continuity plan or an unsupported platform change lowers the severity (a higher number).' };
  }
  return { restartClock: upgrade };
}

export interface QueueEntry {
  row: TicketRow;
  sla: SlaView;
}

/**
 * Overdue first (the longest overdue first), then what falls due first; within one severity
 * 2-4, Premium ahead of Standard (the policy's ticket prioritization). Done in two steps so the
 * order stays consistent: everything by due time, then the places a severity holds in that list
 * are refilled Premium first, each plan keeping its own due order. Tickets with nothing due
 * (waiting, resolved, closed) come last, newest first.
 */
export function dueOrder(entries: QueueEntry[]): QueueEntry[] {
  const byDue = (a: QueueEntry, b: QueueEntry) => (nextDueOf(a.sla) ?? '\uffff').localeCompare(nextDueOf(b.sla) ?? '\uffff') || a.row.seq - b.row.seq;
  const arrange = (group: QueueEntry[]) => {
    const sorted = [...group].sort(byDue);
    for (const level of [2, 3, 4]) {
      const places = sorted.flatMap((entry, index) => (entry.row.severity === level ? [index] : []));
      const same = places.map((index) => sorted[index]!);
      const refill = [...same.filter((e) => e.sla.plan === 'premium'), ...same.filter((e) => e.sla.plan !== 'premium')];
      places.forEach((place, i) => (sorted[place] = refill[i]!));
    }
    return sorted;
  };
  const owed = entries.filter((e) => nextDueOf(e.sla) !== null && isActive(e.row.status));
  const rest = entries.filter((e) => !owed.includes(e)).sort((a, b) => b.row.seq - a.row.seq);
  return [...arrange(owed.filter((e) => e.sla.overdue)), ...arrange(owed.filter((e) => !e.sla.overdue)), ...rest];
}
