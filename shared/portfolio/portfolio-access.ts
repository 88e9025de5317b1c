/**
 * What the portfolio use cases share: their dependencies, the reads that refuse what is not
 * there, who may manage a project, the checks of references to the territory, and the loop that
 * writes a change of the tree exactly under concurrency.
 */
import type { Clock } from '../kernel/clock';
import { ConflictError, NotFoundError, RuleViolationError } from '../kernel/errors';
import type { Principal } from '../kernel/principal';
import { assertCanManageOwner, MAX_DEPTH, ownerMayNest, type Lead, type Owner, type Project } from './portfolio';
import type { PortfolioEvent } from './portfolio-events';
import type { PortfolioCommit, PortfolioDirectory, PortfolioStore, Versioned } from './portfolio-ports';
import { propagate } from './portfolio-tree';

export interface PortfolioDeps {
  readonly store: PortfolioStore;
  readonly directory: PortfolioDirectory;
  readonly clock: Clock;
}

export const STALE = Symbol('stale');

/** Attempts at a change that keeps meeting concurrent ones on its chain (20 children of one parent at once). */
const MAX_STALE_ATTEMPTS = 60;

/**
 * Optimistic concurrency on the tree: runs `attempt` — read the records, compute the change,
 * write it on condition that nothing read has changed — until it is not STALE, waiting a random,
 * growing time in between (full jitter); then a ConflictError (409). Each attempt READS AGAIN, so
 * a parent's roll-up is always computed from its children as they are when it is written.
 */
export const retryWhileStale = async <T>(attempt: () => Promise<T | typeof STALE>): Promise<T> => {
  for (let i = 0; i < MAX_STALE_ATTEMPTS; i++) {
    const result = await attempt();
    if (result !== STALE) return result;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(400, 5 * 2 ** i)));
  }
  throw new ConflictError('Too many changes at once in this part of the portfolio: retry in a moment');
};

/** A project as the audit log keeps it: without the children's entries its roll-up reads. */
export const auditOf = (p: Project | undefined) => {
  if (!p) return null;
  const { children: _children, ...rest } = p;
  return rest;
};

export const makeAccess = ({ store, directory, clock }: PortfolioDeps) => {
  const requireProject = async (siren: string, id: string): Promise<Project> => {
    const project = await store.getProject(siren, id);
    if (!project) throw new NotFoundError(`No project ${id} in the portfolio of territory ${siren}`);
    return project;
  };

  const manage = async (principal: Principal, siren: string, id: string): Promise<Project> => {
    const project = await requireProject(siren, id);
    assertCanManageOwner(principal, siren, project.owner);
    return project;
  };

  const requireTerritory = async (siren: string): Promise<string> => {
    const name = await directory.territoryName(siren);
    if (name === undefined) throw new NotFoundError(`No territory with SIREN ${siren}`);
    return name;
  };

  /** What in a project's references the territory does not know; empty when all is well. */
  const referenceProblems = async (
    siren: string,
    refs: { readonly owner: Owner; readonly communes: readonly string[]; readonly lead: Lead },
  ): Promise<string[]> => {
    const [communes, bodies] = await Promise.all([directory.communes(siren), directory.bodies(siren)]);
    const problems: string[] = [];
    if (refs.owner.level === 'commune' && !communes.has(refs.owner.insee))
      problems.push(`owner: ${refs.owner.insee} is not a commune of territory ${siren}`);
    const unknown = refs.communes.filter((insee) => !communes.has(insee));
    if (unknown.length > 0) problems.push(`communes: ${unknown.join(', ')} not in territory ${siren}`);
    const body = bodies.find((b) => b.id === refs.lead.bodyId);
    if (!body) problems.push(`lead: no body ${refs.lead.bodyId} in territory ${siren}`);
    else if (refs.lead.serviceId && !body.services.some((s) => s.id === refs.lead.serviceId))
      problems.push(`lead: body ${body.id} has no service ${refs.lead.serviceId}`);
    return problems;
  };

  const checkReferences: typeof referenceProblems = async (siren, refs) => {
    const problems = await referenceProblems(siren, refs);
    if (problems.length > 0) throw new RuleViolationError(problems.join('; '), 'references-in-territory');
    return problems;
  };

  /** The ancestors of a parent, nearest first (the parent itself first); strongly consistent. */
  const ancestorsFrom = async (siren: string, parentId: string | undefined): Promise<Project[]> => {
    const chain: Project[] = [];
    for (let id = parentId; id !== undefined;) {
      if (chain.length > MAX_DEPTH) throw new Error(`The ancestors of ${parentId} form a loop`);
      const project = await store.getProject(siren, id);
      if (!project) throw new RuleViolationError(`No project ${id} in the portfolio to be a parent`, 'parent-exists');
      chain.push(project);
      id = project.parentId;
    }
    return chain;
  };

  /**
   * One attempt at a change of the tree: `before` → `after` of one project (created, changed,
   * moved or deleted), checked against its new place, carried up to its ancestors, and committed
   * with `extra` (the budget line, milestone or KPI the change is about) and the events, every
   * record on condition of the version read. STALE when any of them changed meanwhile.
   */
  const commitTreeChange = async (
    principal: Principal | undefined,
    siren: string,
    change: Versioned<Project>,
    extra: Omit<PortfolioCommit, 'projects' | 'events'>,
    events: readonly PortfolioEvent[],
  ): Promise<typeof STALE | Project[]> => {
    const { before, after } = change;
    const oldAncestors = await ancestorsFrom(siren, before?.parentId);
    const newAncestors =
      after?.parentId === before?.parentId ? oldAncestors : await ancestorsFrom(siren, after?.parentId);
    if (after && after.parentId !== before?.parentId && newAncestors.length > 0) {
      const parent = newAncestors[0]!;
      if (newAncestors.some((a) => a.id === after.id))
        throw new RuleViolationError('A project cannot be placed under itself or one of its children', 'no-cycle');
      if (!ownerMayNest(after.owner, parent.owner))
        throw new RuleViolationError(
          "A project sits under a project of the same owner, or under one of the territory's",
          'owner-nesting',
        );
      if (principal && !principalMayAttach(principal, siren, parent))
        throw new RuleViolationError(`You may not add projects under ${parent.id}`, 'parent-managed');
    }
    if (after && newAncestors.length + after.height > MAX_DEPTH)
      throw new RuleViolationError(
        `The hierarchy is at most ${MAX_DEPTH} levels deep (axis → programme → project → …)`,
        'max-depth',
      );
    const now = clock.now().toISOString();
    const ancestors = propagate({ before, after, oldAncestors, newAncestors, now });
    const read = new Map([...oldAncestors, ...newAncestors].map((p) => [p.id, p]));
    // The ancestors' new progress and totals are derived from this change, which the events log.
    const outcome = await store.commit({
      ...extra,
      projects: [change, ...ancestors.map((a) => ({ before: read.get(a.id)!, after: a }))],
      events,
    });
    return outcome === 'stale' ? STALE : ancestors;
  };

  return { requireProject, manage, requireTerritory, referenceProblems, checkReferences, commitTreeChange };
};

/** A commune's agent may attach its projects under the territory's axes and programmes. */
const principalMayAttach = (principal: Principal, siren: string, parent: Project): boolean =>
  parent.owner.level === 'territory'
    ? principal.territory === siren && (principal.role === 'admin' || principal.role === 'agent')
    : principal.territory === siren &&
      (principal.role === 'admin' || (principal.role === 'agent' && principal.commune === parent.owner.insee));

export type Access = ReturnType<typeof makeAccess>;
