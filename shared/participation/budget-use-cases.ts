/**
 * Participatory budgets: projects entered or retained from proposals before the vote, and one
 * ballot per citizen, checked against the budget's rule and safe under retries and concurrency.
 */
import { ConflictError, NotFoundError, RuleViolationError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import type { Principal } from '../kernel/principal';
import { checkBallot, requirePhase, voterKeyOf, type Ballot, type Project } from './participation';
import { retryWhileStale, STALE, type Access, type ParticipationDeps } from './participation-access';
import { participationChanged } from './participation-events';

export const makeBudgetUseCases = (
  { store, clock }: ParticipationDeps,
  { requireConsultation, manage, requireProposal, participate }: Access,
) => ({
  listProjects: async (siren: string, id: string): Promise<Project[]> => {
    await requireConsultation(siren, id);
    return store.listProjects(siren, id);
  },

  /**
   * Primary course: before voting opens, an agent enters a project with its cost, or retains a
   * proposal as one (once); edits carry the version read.
   */
  saveProject: async (
    principal: Principal,
    siren: string,
    id: string,
    input: {
      projectId?: string;
      version?: number;
      title?: string;
      description?: string;
      cost: number;
      proposalId?: string;
    },
  ): Promise<Project> => {
    const c = await manage(principal, siren, id);
    if (!c.budget) throw new RuleViolationError('This consultation has no budget', 'consultation-budget');
    requirePhase(c, ['information', 'proposals'], 'Projects are edited');
    if (input.cost > c.budget.amount) {
      throw new RuleViolationError(`A project cannot cost more than the whole budget`, 'project-cost');
    }
    const previous = input.projectId
      ? (await store.listProjects(siren, id)).find((p) => p.id === input.projectId)
      : undefined;
    if (input.projectId && !previous) throw new NotFoundError(`No project ${input.projectId} in consultation ${id}`);
    if (previous && input.version !== undefined && input.version !== previous.version) {
      throw new ConflictError('The project changed meanwhile: read it again and retry');
    }
    const proposal =
      !previous && input.proposalId ? await requireProposal(c, input.proposalId, { visible: true }) : undefined;
    if (proposal?.projectId) {
      throw new RuleViolationError(
        `Proposal ${proposal.id} is already retained as project ${proposal.projectId}`,
        'proposal-retained-once',
      );
    }
    const title = input.title ?? previous?.title ?? proposal?.title;
    const description = input.description ?? previous?.description ?? proposal?.body;
    if (!title || description === undefined) {
      throw new RuleViolationError('A project entered directly needs a title and a description', 'project-fields');
    }
    const project: Project = {
      id: previous?.id ?? newId(),
      title,
      description,
      cost: input.cost,
      ...((previous?.proposalId ?? proposal?.id) ? { proposalId: previous?.proposalId ?? proposal?.id } : {}),
      submittedAt: previous?.submittedAt ?? proposal?.createdAt ?? clock.now().toISOString(),
      version: (previous?.version ?? 0) + 1,
    };
    const event = participationChanged(clock, principal, c, 'project-saved', `/project/${project.id}`, {
      before: previous ?? null,
      after: project,
    });
    await store.saveProject(siren, id, project, previous?.version, event, proposal);
    return project;
  },

  deleteProject: async (principal: Principal, siren: string, id: string, projectId: string): Promise<void> => {
    const c = await manage(principal, siren, id);
    requirePhase(c, ['information', 'proposals'], 'Projects are edited');
    const project = (await store.listProjects(siren, id)).find((p) => p.id === projectId);
    if (!project) throw new NotFoundError(`No project ${projectId} in consultation ${id}`);
    const event = participationChanged(clock, principal, c, 'project-deleted', `/project/${projectId}`, {
      before: project,
      after: null,
    });
    await store.deleteProject(siren, id, project, event);
  },

  /**
   * Primary course: an eligible citizen submits a ballot while voting is open; it is checked
   * against the budget's rule; a second one replaces the first. Concurrent submissions and
   * retries leave one ballot, counted once.
   */
  submitBallot: async (principal: Principal, siren: string, id: string, projectIds: readonly string[]) => {
    const { consultation: c, voterKey } = await participate(principal, siren, id, ['voting'], 'Ballots are accepted');
    if (!c.budget) throw new RuleViolationError('This consultation has no budget', 'consultation-budget');
    const projects = new Map((await store.listProjects(siren, id)).map((p) => [p.id, p]));
    const totalCost = checkBallot(c.budget, projects, projectIds);
    return retryWhileStale(async () => {
      const previous = await store.getBallot(siren, id, voterKey);
      const ballot: Ballot = {
        projectIds: [...projectIds],
        totalCost,
        submittedAt: clock.now().toISOString(),
        version: (previous?.version ?? 0) + 1,
      };
      const outcome = await store.saveBallot(siren, id, voterKey, ballot, previous?.version);
      if (outcome === 'stale') return STALE;
      if (outcome === 'closed') {
        throw new RuleViolationError('Voting closed before this ballot arrived', 'consultation-phase');
      }
      if (outcome === 'erased') {
        throw new RuleViolationError(
          'You already voted: your ballot stays counted, unlinked from you since your personal data were erased',
          'already-voted',
        );
      }
      return { ballot, replaced: previous !== undefined };
    });
  },

  getBallot: async (principal: Principal, siren: string, id: string): Promise<Ballot> => {
    await requireConsultation(siren, id);
    const ballot = await store.getBallot(siren, id, voterKeyOf(principal));
    if (!ballot) throw new NotFoundError('You have not voted in this consultation');
    return ballot;
  },
});
