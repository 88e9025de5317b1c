/**
 * Budget lines and milestones of a project. A budget line's change is carried up to the project's
 * and its ancestors' totals in the same transaction (exact sums of integer cents); milestones are
 * the project's own, found late by the scheduled trigger (reminder-use-cases.ts).
 */
import { ConflictError, NotFoundError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import type { Principal } from '../kernel/principal';
import type { Page } from '../kernel/schemas';
import {
  addTotals,
  assertCanManageOwner,
  totalsOfLine,
  type BudgetKind,
  type BudgetLine,
  type Milestone,
  type MilestoneState,
  type Project,
} from './portfolio';
import { retryWhileStale, STALE, type Access, type PortfolioDeps } from './portfolio-access';
import { portfolioChanged } from './portfolio-events';
import type { PageRequest } from './portfolio-ports';

export interface BudgetLineInput {
  readonly year: number;
  readonly kind: BudgetKind;
  /** Integer cents (the API reads and writes decimal strings of euros: money.ts). */
  readonly planned: number;
  readonly committed: number;
  readonly spent: number;
  readonly funder: string;
}

export interface MilestoneInput {
  readonly title: string;
  readonly description?: string;
  readonly dueDate: string;
  readonly state: MilestoneState;
  readonly metOn?: string;
}

const checkVersion = (what: string, read: { version: number }, given: number | undefined) => {
  if (given !== undefined && given !== read.version)
    throw new ConflictError(`${what} changed meanwhile (version ${read.version}, not ${given}): read it again`);
};

export const makeTrackingUseCases = ({ store, clock }: PortfolioDeps, access: Access) => {
  const { requireProject, commitTreeChange } = access;

  const managed = async (principal: Principal, siren: string, projectId: string): Promise<Project> => {
    const project = await requireProject(siren, projectId);
    assertCanManageOwner(principal, siren, project.owner);
    return project;
  };

  /** One attempt at a budget line's change: the line, its project's totals and the ancestors', together. */
  const commitLine = async (
    principal: Principal,
    project: Project,
    before: BudgetLine | undefined,
    after: BudgetLine | undefined,
  ) => {
    const now = clock.now().toISOString();
    const delta = addTotals(after ? totalsOfLine(after) : {}, before ? totalsOfLine(before) : {}, -1);
    const projectAfter: Project = {
      ...project,
      budget: addTotals(project.budget, delta),
      updatedAt: now,
      version: project.version + 1,
    };
    const line = (after ?? before)!;
    const event = portfolioChanged(
      clock,
      principal,
      project.territory,
      project.id,
      after ? 'budget-line-saved' : 'budget-line-deleted',
      `/budget-line/${line.id}`,
      { before: before ?? null, after: after ?? null },
    );
    return commitTreeChange(
      principal,
      project.territory,
      { before: project, after: projectAfter },
      { budgetLine: { before, after } },
      [event],
    );
  };

  return {
    listBudgetLines: async (siren: string, projectId: string): Promise<BudgetLine[]> => {
      await requireProject(siren, projectId);
      return store.listBudgetLines(siren, projectId);
    },

    /**
     * Primary course: an agent enters a budget line (year, kind, amounts planned, committed and
     * spent, funder) or changes one read at `version`; the project's and its ancestors' totals move
     * by the difference, exactly, in the same transaction.
     */
    saveBudgetLine: async (
      principal: Principal,
      siren: string,
      projectId: string,
      lineId: string | undefined,
      input: BudgetLineInput & { readonly version?: number },
    ): Promise<BudgetLine> => {
      const id = lineId ?? newId();
      return retryWhileStale(async () => {
        const project = await managed(principal, siren, projectId);
        const before = lineId ? await store.getBudgetLine(siren, projectId, lineId) : undefined;
        if (lineId && !before) throw new NotFoundError(`Project ${projectId} has no budget line ${lineId}`);
        if (before) checkVersion(`Budget line ${id}`, before, input.version);
        const now = clock.now().toISOString();
        const { version: _version, ...fields } = input;
        const after: BudgetLine = {
          id,
          territory: siren,
          projectId,
          ...fields,
          createdAt: before?.createdAt ?? now,
          updatedAt: now,
          version: (before?.version ?? 0) + 1,
        };
        return (await commitLine(principal, project, before, after)) === STALE ? STALE : after;
      });
    },

    deleteBudgetLine: async (principal: Principal, siren: string, projectId: string, lineId: string) => {
      await retryWhileStale(async () => {
        const project = await managed(principal, siren, projectId);
        const before = await store.getBudgetLine(siren, projectId, lineId);
        if (!before) throw new NotFoundError(`Project ${projectId} has no budget line ${lineId}`);
        return (await commitLine(principal, project, before, undefined)) === STALE ? STALE : true;
      });
    },

    listMilestones: async (siren: string, projectId: string): Promise<Milestone[]> => {
      await requireProject(siren, projectId);
      return store.listMilestones(siren, projectId);
    },

    /** Primary course: an agent schedules a milestone, or records it met, partly met or missed. */
    saveMilestone: async (
      principal: Principal,
      siren: string,
      projectId: string,
      milestoneId: string | undefined,
      input: MilestoneInput & { readonly version?: number },
    ): Promise<Milestone> => {
      const id = milestoneId ?? newId();
      return retryWhileStale(async () => {
        await managed(principal, siren, projectId);
        const before = milestoneId ? await store.getMilestone(siren, projectId, milestoneId) : undefined;
        if (milestoneId && !before) throw new NotFoundError(`Project ${projectId} has no milestone ${milestoneId}`);
        if (before) checkVersion(`Milestone ${id}`, before, input.version);
        const now = clock.now().toISOString();
        const { version: _version, description, metOn, ...fields } = input;
        // A milestone rescheduled or settled by an agent owes no reminder for its former date.
        const stillMissed = before?.state === 'missed' && input.state === 'missed' && before.dueDate === input.dueDate;
        const after: Milestone = {
          id,
          territory: siren,
          projectId,
          ...fields,
          ...(description !== undefined ? { description } : {}),
          ...(metOn !== undefined && (input.state === 'met' || input.state === 'partlyMet') ? { metOn } : {}),
          ...(stillMissed && before.missedAt ? { missedAt: before.missedAt } : {}),
          ...(stillMissed && before.reminderPending ? { reminderPending: true } : {}),
          createdAt: before?.createdAt ?? now,
          updatedAt: now,
          version: (before?.version ?? 0) + 1,
        };
        const event = portfolioChanged(clock, principal, siren, projectId, 'milestone-saved', `/milestone/${id}`, {
          before: before ?? null,
          after,
        });
        const outcome = await store.commit({ milestone: { before, after }, events: [event] });
        return outcome === 'stale' ? STALE : after;
      });
    },

    deleteMilestone: async (principal: Principal, siren: string, projectId: string, milestoneId: string) => {
      await retryWhileStale(async () => {
        await managed(principal, siren, projectId);
        const before = await store.getMilestone(siren, projectId, milestoneId);
        if (!before) throw new NotFoundError(`Project ${projectId} has no milestone ${milestoneId}`);
        const event = portfolioChanged(
          clock,
          principal,
          siren,
          projectId,
          'milestone-deleted',
          `/milestone/${milestoneId}`,
          { before, after: null },
        );
        return (await store.commit({ milestone: { before }, events: [event] })) === 'stale' ? STALE : true;
      });
    },

    /** "What is late": missed milestones of the territory, the oldest due first, with their projects. */
    listLate: async (
      siren: string,
      page: PageRequest,
    ): Promise<Page<{ milestone: Milestone; project: Project | undefined }>> => {
      await access.requireTerritory(siren);
      const late = await store.listLateMilestones(siren, page);
      const projects = await store.getProjects(
        siren,
        late.items.map((m) => m.projectId),
      );
      return {
        items: late.items.map((milestone) => ({ milestone, project: projects.get(milestone.projectId) })),
        ...(late.cursor ? { cursor: late.cursor } : {}),
      };
    },
  };
};
