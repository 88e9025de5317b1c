/**
 * The `remindLateMilestones` scheduled trigger (daily): scheduled milestones whose due date has
 * passed (in Paris) are marked missed, their project is set `late`, and the lead service is mailed
 * once per milestone and due date.
 *
 * Safe under redelivery (EventBridge Scheduler delivers at least once) and concurrent runs:
 * - marking is a transaction conditioned on the milestone's and the project's versions, taken
 *   from a strongly consistent read that only goes on while the milestone is still `scheduled`, so
 *   a second run finds nothing to do; the same transaction puts the milestone on a pending-mail
 *   list (sparse index), so a run that dies before mailing leaves the mail for the next run;
 * - mailing first claims the (milestone, due date) with a conditional put, as the report
 *   notifications do: at most one mail, even when two runs meet (a crash between claim and send
 *   loses that mail rather than sending it twice; a send that fails gives the claim back).
 */
import { localDateOf } from '../calendar/local-date';
import type { Mailer } from '../kernel/mailer';
import type { Milestone, Project } from './portfolio';
import { retryWhileStale, STALE, type PortfolioDeps } from './portfolio-access';
import { portfolioChanged } from './portfolio-events';
import type { MilestoneRef } from './portfolio-ports';

export const PORTFOLIO_TIME_ZONE = 'Europe/Paris';
const PAGE = 100;
/** A run stops after this many pages of each list: the next day's run goes on. */
const MAX_ROUNDS = 50;

export interface ReminderDeps extends PortfolioDeps {
  readonly mailer: Mailer;
}

export interface ReminderReport {
  readonly marked: number;
  readonly projectsSetLate: number;
  readonly mailed: number;
  /** Missed milestones whose lead body has no address to mail. */
  readonly unaddressed: number;
  readonly failed: readonly string[];
}

const refText = (ref: MilestoneRef) => `${ref.territory}/${ref.projectId}/${ref.milestoneId}`;

export const reminderMessage = (territoryName: string, project: Project, milestone: Milestone, leadName: string) => ({
  subject: `Jalon en retard : « ${milestone.title} » (${project.title})`,
  text: [
    `Bonjour,`,
    ``,
    `Le jalon « ${milestone.title} » du projet « ${project.title} » devait être atteint le ${milestone.dueDate}.`,
    `Il est désormais marqué « manqué » et le projet « en retard » dans le portefeuille de ${territoryName}.`,
    ``,
    `Service pilote : ${leadName}.`,
    `Mettez à jour le jalon (atteint, partiellement atteint, reporté) et l'état du projet dans le portefeuille.`,
    ``,
    `— Ville Ouverte, portefeuille de projets (message automatique, envoyé une fois par jalon)`,
  ].join('\n'),
});

export const makeReminderUseCases = ({ store, directory, clock, mailer }: ReminderDeps) => {
  /** One due milestone: marked missed and its project late, in one transaction; false when there was nothing to do. */
  const markMissed = (ref: MilestoneRef, today: string) =>
    retryWhileStale(async () => {
      const milestone = await store.getMilestone(ref.territory, ref.projectId, ref.milestoneId);
      if (!milestone || milestone.state !== 'scheduled' || milestone.dueDate >= today) return { marked: false };
      const project = await store.getProject(ref.territory, ref.projectId);
      if (!project) {
        // Left behind by a deleted project: it leaves the list.
        return (await store.commit({ milestone: { before: milestone }, events: [] })) === 'stale'
          ? STALE
          : { marked: false };
      }
      const now = clock.now().toISOString();
      const after: Milestone = {
        ...milestone,
        state: 'missed',
        missedAt: now,
        reminderPending: true,
        updatedAt: now,
        version: milestone.version + 1,
      };
      const late: Project | undefined =
        project.status === 'on-track'
          ? { ...project, status: 'late', updatedAt: now, version: project.version + 1 }
          : undefined;
      const events = [
        portfolioChanged(
          clock,
          undefined,
          ref.territory,
          ref.projectId,
          'milestone-missed',
          `/milestone/${milestone.id}`,
          {
            before: milestone,
            after,
          },
        ),
        ...(late
          ? [
              portfolioChanged(clock, undefined, ref.territory, ref.projectId, 'project-marked-late', '', {
                before: { status: project.status },
                after: { status: late.status },
              }),
            ]
          : []),
      ];
      const outcome = await store.commit({
        milestone: { before: milestone, after },
        projects: late ? [{ before: project, after: late }] : [],
        events,
      });
      return outcome === 'stale' ? STALE : { marked: true, setLate: late !== undefined };
    });

  /** The addresses of a project's lead service (its own, else its body's managers). */
  const leadOf = async (project: Project) => {
    const body = (await directory.bodies(project.territory)).find((b) => b.id === project.lead.bodyId);
    const service = body?.services.find((s) => s.id === project.lead.serviceId);
    const to = service?.email ? [service.email] : [...(body?.managers ?? [])];
    const name = [body?.name ?? project.lead.bodyId, service?.name].filter(Boolean).join(' — ');
    return { to, name };
  };

  /** One pending mail: claimed, sent, then the milestone leaves the pending list. */
  const remind = async (ref: MilestoneRef): Promise<'mailed' | 'unaddressed' | 'none'> => {
    const milestone = await store.getMilestone(ref.territory, ref.projectId, ref.milestoneId);
    if (!milestone?.reminderPending) return 'none';
    const project = await store.getProject(ref.territory, ref.projectId);
    if (!project) {
      await store.clearReminderPending(milestone);
      return 'none';
    }
    let outcome: 'mailed' | 'unaddressed' | 'none' = 'none';
    if (await store.claimReminder(milestone)) {
      const lead = await leadOf(project);
      if (lead.to.length === 0) outcome = 'unaddressed';
      else {
        const territoryName = (await directory.territoryName(ref.territory)) ?? ref.territory;
        try {
          await mailer.send({
            to: lead.to,
            ...reminderMessage(territoryName, project, milestone, lead.name),
            idempotencyKey: `portfolio-milestone:${ref.territory}:${milestone.id}:${milestone.dueDate}`,
          });
        } catch (error) {
          await store.releaseReminder(milestone);
          throw error;
        }
        outcome = 'mailed';
      }
    }
    await store.clearReminderPending(milestone);
    return outcome;
  };

  return {
    remindLateMilestones: async (): Promise<ReminderReport> => {
      const today = localDateOf(clock.now().getTime(), PORTFOLIO_TIME_ZONE);
      let [marked, projectsSetLate, mailed, unaddressed] = [0, 0, 0, 0];
      const failed: string[] = [];
      const justMarked: MilestoneRef[] = [];
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const due = await store.listDueMilestones(today, PAGE);
        let progressed = 0;
        for (const ref of due) {
          try {
            const result = await markMissed(ref, today);
            if (result.marked) {
              progressed++;
              marked++;
              justMarked.push(ref);
              if (result.setLate) projectsSetLate++;
            }
          } catch (error) {
            failed.push(`${refText(ref)}: ${(error as Error).message}`);
          }
        }
        // What the index still lists was handled already (it lags behind the table): done.
        if (due.length < PAGE || progressed === 0) break;
      }
      const tally = (result: 'mailed' | 'unaddressed' | 'none') => {
        if (result === 'mailed') mailed++;
        if (result === 'unaddressed') unaddressed++;
      };
      // Those just marked first (the pending list is an index, a moment behind), then any left by an earlier run.
      for (const ref of justMarked) {
        try {
          tally(await remind(ref));
        } catch (error) {
          failed.push(`${refText(ref)}: ${(error as Error).message}`);
        }
      }
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const pending = await store.listPendingReminders(PAGE);
        let progressed = 0;
        for (const ref of pending) {
          try {
            const result = await remind(ref);
            if (result !== 'none') progressed++;
            tally(result);
          } catch (error) {
            failed.push(`${refText(ref)}: ${(error as Error).message}`);
          }
        }
        if (pending.length < PAGE || progressed === 0) break;
      }
      return { marked, projectsSetLate, mailed, unaddressed, failed };
    },
  };
};
