/**
 * Projects: create, change, move and delete them, each change carried up to the ancestors it
 * reaches in the same transaction; read them one by one or by list.
 */
import { ConflictError, RuleViolationError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import type { Principal } from '../kernel/principal';
import type { Page } from '../kernel/schemas';
import {
  assertCanManageOwner,
  withDerived,
  type Kind,
  type Lead,
  type Links,
  type Location,
  type Owner,
  type Partner,
  type Project,
  type Domain,
  type Phase,
  type Status,
} from './portfolio';
import { auditOf, retryWhileStale, STALE, type Access, type PortfolioDeps } from './portfolio-access';
import { portfolioChanged } from './portfolio-events';
import type { PageRequest, ProjectFilter } from './portfolio-ports';

/** What an agent writes of a project (the rest is derived). */
export interface ProjectInput {
  readonly kind: Kind;
  readonly parentId?: string;
  /** Absent: the caller's commune, or the territory for the metropolis's staff. */
  readonly owner?: Owner;
  readonly title: string;
  readonly description: string;
  readonly domain: Domain;
  readonly communes: readonly string[];
  readonly lead: Lead;
  readonly partners: readonly Partner[];
  readonly phase: Phase;
  readonly status: Status;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly location?: Location;
  readonly links: Links;
  /** 0–100, 2 decimals: a project's own; a parent's is rolled up from its children. */
  readonly progress?: number;
  readonly weight?: number;
}

export const defaultOwner = (principal: Principal): Owner =>
  principal.role === 'agent' && principal.commune !== undefined
    ? { level: 'commune', insee: principal.commune }
    : { level: 'territory' };

const checkDates = (input: Pick<ProjectInput, 'startDate' | 'endDate'>) => {
  if (input.startDate && input.endDate && input.endDate < input.startDate)
    throw new RuleViolationError('The end date comes before the start date', 'dates-order');
};

/** The fields of a project an input sets, on top of what it was (or of a new one). */
export const applyInput = (base: Project, input: ProjectInput, owner: Owner, now: string): Project => {
  const hasChildren = Object.keys(base.children).length > 0;
  if (hasChildren && input.progress !== undefined && input.progress !== base.progress)
    throw new RuleViolationError(
      `Project ${base.id} has children: its progress is rolled up from theirs (${base.progress})`,
      'progress-of-parent',
    );
  const { progress: _progress, weight, parentId, startDate, endDate, location, owner: _owner, ...fields } = input;
  const { weight: _w, parentId: _p, startDate: _s, endDate: _e, location: _l, ...kept } = base;
  return withDerived({
    ...kept,
    ...fields,
    communes: [...new Set(fields.communes)],
    owner,
    ...(parentId !== undefined ? { parentId } : {}),
    ...(weight !== undefined ? { weight } : {}),
    ...(startDate !== undefined ? { startDate } : {}),
    ...(endDate !== undefined ? { endDate } : {}),
    ...(location !== undefined ? { location } : {}),
    ownProgress: hasChildren ? base.ownProgress : (input.progress ?? base.ownProgress),
    updatedAt: now,
    version: base.version + 1,
  });
};

/** What an agent would send to keep a project as it is (to change a field or two of it). */
export const inputOf = (p: Project): ProjectInput => ({
  kind: p.kind,
  ...(p.parentId ? { parentId: p.parentId } : {}),
  owner: p.owner,
  title: p.title,
  description: p.description,
  domain: p.domain,
  communes: [...p.communes],
  lead: p.lead,
  partners: [...p.partners],
  phase: p.phase,
  status: p.status,
  ...(p.startDate ? { startDate: p.startDate } : {}),
  ...(p.endDate ? { endDate: p.endDate } : {}),
  ...(p.location ? { location: p.location } : {}),
  links: p.links,
  progress: p.progress,
  ...(p.weight !== undefined ? { weight: p.weight } : {}),
});

export const newProject = (siren: string, id: string, now: string): Project => ({
  id,
  territory: siren,
  kind: 'project',
  owner: { level: 'territory' },
  title: '',
  description: '',
  domain: 'mobility',
  communes: [],
  lead: { bodyId: siren },
  partners: [],
  phase: 'idea',
  status: 'on-track',
  links: { consultations: [], proposals: [] },
  ownProgress: 0,
  progress: 0,
  children: {},
  height: 1,
  budget: {},
  createdAt: now,
  updatedAt: now,
  version: 0,
});

export const makeProjectUseCases = (deps: PortfolioDeps, access: Access) => {
  const { store, clock } = deps;
  const { requireProject, requireTerritory, checkReferences, commitTreeChange } = access;

  return {
    /**
     * Primary course: an agent adds a project (or an axis, a programme) owned by its body, under a
     * parent or at the top; the parent's progress and budget are rolled up in the same transaction.
     */
    createProject: async (
      principal: Principal,
      siren: string,
      input: ProjectInput,
      options: { readonly id?: string } = {},
    ): Promise<Project> => {
      await requireTerritory(siren);
      const owner = input.owner ?? defaultOwner(principal);
      assertCanManageOwner(principal, siren, owner);
      checkDates(input);
      await checkReferences(siren, { owner, communes: input.communes, lead: input.lead });
      const id = options.id ?? newId();
      return retryWhileStale(async () => {
        const now = clock.now().toISOString();
        if (options.id && (await store.getProject(siren, id))) throw new ConflictError(`Project ${id} already exists`);
        const project = { ...applyInput(newProject(siren, id, now), input, owner, now), version: 1 };
        const event = portfolioChanged(clock, principal, siren, id, 'project-created', '', {
          before: null,
          after: auditOf(project),
        });
        const outcome = await commitTreeChange(principal, siren, { after: project }, {}, [event]);
        return outcome === STALE ? STALE : project;
      });
    },

    /**
     * Primary course: an agent changes a project read at `version` (fields, progress, weight, its
     * parent); its ancestors' progress and budgets follow in the same transaction. A concurrent
     * change of the project itself is a 409; one of an ancestor only makes it read them again.
     */
    updateProject: async (
      principal: Principal,
      siren: string,
      id: string,
      input: ProjectInput & { readonly version: number },
    ): Promise<Project> => {
      checkDates(input);
      let checked = false;
      return retryWhileStale(async () => {
        const before = await requireProject(siren, id);
        assertCanManageOwner(principal, siren, before.owner);
        if (before.version !== input.version)
          throw new ConflictError(
            `Project ${id} changed meanwhile (version ${before.version}, not ${input.version}): read it again`,
          );
        const owner = input.owner ?? before.owner;
        if (!checked) {
          assertCanManageOwner(principal, siren, owner);
          await checkReferences(siren, { owner, communes: input.communes, lead: input.lead });
          checked = true;
        }
        const after = applyInput(before, input, owner, clock.now().toISOString());
        const event = portfolioChanged(clock, principal, siren, id, 'project-updated', '', {
          before: auditOf(before),
          after: auditOf(after),
        });
        const outcome = await commitTreeChange(principal, siren, { before, after }, {}, [event]);
        return outcome === STALE ? STALE : after;
      });
    },

    /** Primary course: an agent deletes a project without children; its parent's roll-up follows. */
    deleteProject: async (principal: Principal, siren: string, id: string): Promise<void> => {
      await retryWhileStale(async () => {
        const before = await requireProject(siren, id);
        assertCanManageOwner(principal, siren, before.owner);
        if (Object.keys(before.children).length > 0)
          throw new RuleViolationError(
            `Project ${id} has ${Object.keys(before.children).length} children: move or delete them first`,
            'project-has-children',
          );
        const event = portfolioChanged(clock, principal, siren, id, 'project-deleted', '', {
          before: auditOf(before),
          after: null,
        });
        return (await commitTreeChange(principal, siren, { before }, {}, [event])) === STALE ? STALE : true;
      });
      await store.deleteProjectContents(siren, id);
    },

    getProject: (siren: string, id: string): Promise<Project> => requireProject(siren, id),

    listProjects: async (siren: string, filter: ProjectFilter, page: PageRequest): Promise<Page<Project>> => {
      await requireTerritory(siren);
      if (filter.parentId !== undefined && filter.parentId !== 'root') await requireProject(siren, filter.parentId);
      return store.listProjects(siren, filter, page);
    },

    /** The children of a project (its own list, by title). */
    childrenOf: async (siren: string, project: Project): Promise<Project[]> => {
      const ids = Object.keys(project.children);
      if (ids.length === 0) return [];
      const found = await store.getProjects(siren, ids);
      return ids
        .map((childId) => found.get(childId))
        .filter((p): p is Project => p !== undefined)
        .sort((a, b) => a.title.localeCompare(b.title, 'fr'));
    },
  };
};
