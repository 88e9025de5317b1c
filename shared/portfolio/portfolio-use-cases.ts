/**
 * The portfolio context's use cases, all together: what portfolio-app.ts wires to the adapters.
 * The live KPIs' sources and the reminders' mailer are given by the composition roots that need
 * them (live-kpis-app.ts, reminders-app.ts), so other functions do not bundle them; so are the
 * files exchanged (CSV, OC4IDS: exchange-use-cases.ts, portfolio-exchange-app.ts), whose rows are
 * checked with the API's project schema, which the pages would otherwise build at every cold start.
 */
import { makeKpiUseCases, type LiveSources } from './kpi-use-cases';
import { makeAccess, type PortfolioDeps } from './portfolio-access';
import { makeProjectUseCases } from './project-use-cases';
import { makeReminderUseCases } from './reminder-use-cases';
import { makeTrackingUseCases } from './tracking-use-cases';
import type { Mailer } from '../kernel/mailer';

export type { PortfolioDeps } from './portfolio-access';

export const makePortfolioUseCases = (deps: PortfolioDeps, options: { readonly sources?: LiveSources } = {}) => {
  const access = makeAccess(deps);
  const projects = makeProjectUseCases(deps, access);
  const tracking = makeTrackingUseCases(deps, access);
  const kpis = makeKpiUseCases(deps, access, options.sources);

  /** A project's KPIs, each with its last 30 values. */
  const kpisWithTrends = async (siren: string, projectId: string) =>
    Promise.all(
      (await kpis.listKpis(siren, projectId)).map(async (kpi) => ({
        kpi,
        trend: await kpis.trend(siren, projectId, kpi.id),
      })),
    );

  return {
    ...projects,
    ...tracking,
    ...kpis,
    kpisWithTrends,

    /** The public page of a project: itself, its children, its milestones, its KPIs with their trends. */
    projectDetail: async (siren: string, projectId: string) => {
      const project = await projects.getProject(siren, projectId);
      const [children, milestones, kpiTrends] = await Promise.all([
        projects.childrenOf(siren, project),
        deps.store.listMilestones(siren, projectId),
        kpisWithTrends(siren, projectId),
      ]);
      return { project, children, milestones, kpis: kpiTrends };
    },
  };
};

export const makePortfolioReminders = (deps: PortfolioDeps & { readonly mailer: Mailer }) => makeReminderUseCases(deps);
