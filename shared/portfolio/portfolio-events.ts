/**
 * Events of the portfolio context: every change of a project, budget line, milestone or KPI is
 * `portfolio.<what>` with its state before → after, which the audit log keeps (and what the
 * scheduled trigger does to a late milestone and its project). A parent's roll-up is derived from
 * the change of its child, written in the same transaction, and not logged apart. One family, one
 * data schema.
 */
import { ChangeData, defineEvent, newEvent, type EventOf } from '../events/domain-event';
import type { Clock } from '../kernel/clock';
import type { Principal } from '../kernel/principal';

export const PORTFOLIO_CHANGED = defineEvent('portfolio.*', ChangeData);

/** What changed: the `<what>` of `portfolio.<what>`, one per act. */
export type PortfolioChange =
  | `project-${'created' | 'updated' | 'deleted' | 'marked-late'}`
  | `budget-line-${'saved' | 'deleted'}`
  | `milestone-${'saved' | 'deleted' | 'missed'}`
  | `kpi-${'saved' | 'deleted' | 'value-recorded'}`;

export type PortfolioEvent = EventOf<typeof PORTFOLIO_CHANGED>;

/**
 * The event announcing a change of project `projectId` (or of something in it, at `subject` below
 * the project, e.g. `/milestone/<id>`); without a principal, a scheduled trigger made it.
 */
export const portfolioChanged = (
  clock: Clock,
  principal: Principal | undefined,
  siren: string,
  projectId: string,
  what: PortfolioChange,
  subject: string,
  data: ChangeData,
): PortfolioEvent =>
  newEvent(clock, PORTFOLIO_CHANGED, {
    type: `portfolio.${what}`,
    territory: siren,
    subject: `project/${projectId}${subject}`,
    ...(principal ? { actor: { sub: principal.sub, role: principal.role } } : {}),
    data,
  });
