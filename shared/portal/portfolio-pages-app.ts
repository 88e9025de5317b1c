/**
 * What the portfolio's pages show and do, through the portfolio's use cases (never the table): the
 * territory's projects by filters, a project with everything the public may see of it, what is
 * late. The agents' forms are in portfolio-forms.ts, imported by the form handlers only (their
 * schemas build the API's, which a page that only reads need not build at every cold start).
 * A page shows an act only to whom the API would allow it (canManageOwner); the use cases check
 * it again.
 */
import { NotFoundError } from '../kernel/errors';
import type { Principal } from '../kernel/principal';
import {
  assertCanManageOwner,
  canManageOwner,
  type BudgetLine,
  type Domain,
  type Kpi,
  type KpiPoint,
  type Milestone,
  type Phase,
  type Project,
  type Status,
} from '../portfolio/portfolio';
import { portfolio, portfolioDeps } from '../portfolio/portfolio-app';
import { portalTerritory } from './portal-app';

export { portfolio };

/** Projects on a page of the list. */
const LIST_PAGE = 50;
const LATE_PAGE = 50;

/** The SIREN of the territory the portal shows; no territory yet is a page that does not exist. */
export const portfolioSiren = async (): Promise<string> => {
  const siren = await portalTerritory();
  if (!siren) throw new NotFoundError('No territory is registered yet');
  return siren;
};

// ——— the list ———

export interface PortfolioFilter {
  readonly domain?: Domain;
  readonly commune?: string;
  readonly phase?: Phase;
  readonly status?: Status;
}

export interface PortfolioListView {
  readonly siren: string;
  readonly filter: PortfolioFilter;
  readonly communes: readonly { readonly insee: string; readonly name: string }[];
  readonly projects: readonly Project[];
  readonly cursor?: string;
  readonly isFirstPage: boolean;
}

export const loadPortfolioList = async (filter: PortfolioFilter, cursor?: string): Promise<PortfolioListView> => {
  const siren = await portfolioSiren();
  const [communes, page] = await Promise.all([
    portfolioDeps.directory.communes(siren),
    portfolio.listProjects(siren, filter, { limit: LIST_PAGE, ...(cursor ? { cursor } : {}) }),
  ]);
  return {
    siren,
    filter,
    communes: [...communes.entries()]
      .map(([insee, name]) => ({ insee, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    projects: page.items,
    ...(page.cursor ? { cursor: page.cursor } : {}),
    isFirstPage: !cursor,
  };
};

// ——— what is late ———

export interface LateView {
  readonly items: readonly { readonly milestone: Milestone; readonly project?: Pick<Project, 'id' | 'title'> }[];
  readonly cursor?: string;
}

export const loadLate = async (cursor?: string): Promise<LateView> => {
  const siren = await portfolioSiren();
  const page = await portfolio.listLate(siren, { limit: LATE_PAGE, ...(cursor ? { cursor } : {}) });
  return {
    items: page.items.map(({ milestone, project }) => ({
      milestone,
      ...(project ? { project: { id: project.id, title: project.title } } : {}),
    })),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
};

// ——— a project ———

export interface ProjectPageView {
  readonly project: Project;
  readonly parent?: Pick<Project, 'id' | 'title'>;
  readonly children: readonly Project[];
  readonly lines: readonly BudgetLine[];
  readonly milestones: readonly Milestone[];
  readonly kpis: readonly { readonly kpi: Kpi; readonly trend: readonly KpiPoint[] }[];
  readonly communeNames: ReadonlyMap<string, string>;
  /** The owner (the territory or a commune) and the lead body and service, by name. */
  readonly ownerName: string;
  readonly leadName: string;
  /** The visitor may manage it (the API would accept their changes). */
  readonly canManage: boolean;
}

export const loadProjectPage = async (
  projectId: string,
  principal: Principal | undefined,
): Promise<ProjectPageView> => {
  const siren = await portfolioSiren();
  const detail = await portfolio.projectDetail(siren, projectId);
  const { project } = detail;
  const [lines, parent, territoryName, communeNames, bodies] = await Promise.all([
    portfolio.listBudgetLines(siren, projectId),
    project.parentId
      ? portfolio.getProject(siren, project.parentId).catch(() => undefined)
      : Promise.resolve(undefined),
    portfolioDeps.directory.territoryName(siren),
    portfolioDeps.directory.communes(siren),
    portfolioDeps.directory.bodies(siren),
  ]);
  const body = bodies.find((b) => b.id === project.lead.bodyId);
  const service = body?.services.find((s) => s.id === project.lead.serviceId);
  return {
    project,
    ...(parent ? { parent: { id: parent.id, title: parent.title } } : {}),
    children: detail.children,
    lines: [...lines].sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind)),
    milestones: [...detail.milestones].sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
    kpis: detail.kpis,
    communeNames,
    ownerName:
      project.owner.level === 'territory'
        ? (territoryName ?? siren)
        : (communeNames.get(project.owner.insee) ?? project.owner.insee),
    // Names of organisations only: a service's address is not shown.
    leadName: [body?.name ?? project.lead.bodyId, service?.name].filter(Boolean).join(' — '),
    canManage: principal !== undefined && canManageOwner(principal, siren, project.owner),
  };
};

/** The project an agent is about to change, refused (403) to whom the API would refuse it. */
export const managedProject = async (principal: Principal, projectId: string) => {
  const siren = await portfolioSiren();
  const project = await portfolio.getProject(siren, projectId);
  assertCanManageOwner(principal, siren, project.owner);
  return { siren, project };
};
