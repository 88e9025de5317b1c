/**
 * What the portfolio's pages show and do, through the portfolio's use cases (never the table): the
 * territory's projects by filters, a project with everything the public may see of it, what is
 * late, and the agents' forms — validated with the API's own schemas (portfolio-schemas.ts), their
 * refusals (the use cases' rule violations, a stale version) said in French next to the field.
 * A page shows an act only to whom the API would allow it (canManageOwner); the use cases check
 * it again.
 */
import { z } from 'zod';
import { ConflictError, NotFoundError, RuleViolationError } from '../kernel/errors';
import { Ulid } from '../kernel/schemas';
import type { Principal } from '../kernel/principal';
import {
  assertCanManageOwner,
  BUDGET_KINDS,
  canManageOwner,
  MILESTONE_STATES,
  PHASES,
  STATUSES,
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
import {
  BudgetLineBody,
  Day,
  Euros,
  KpiValueBody,
  MilestoneBody,
  Progress,
  ProjectBody,
  Weight,
} from '../portfolio/portfolio-schemas';
import { inputOf } from '../portfolio/project-use-cases';
import type { FormErrors } from './form-errors';
import type { Messages } from './i18n';
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

/** Today in Paris, YYYY-MM-DD (a milestone met today, a value of today). */
export const parisToday = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);

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

// ——— forms ———

/** A form's number as typed in French ("12,5", "1 250"), for the API's number schemas. */
const numberField = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? Number(
            value
              .trim()
              .replace(/[\s\u00a0\u202f]/g, '')
              .replace(',', '.'),
          )
        : value,
    schema,
  );

/** Euros as typed in French ("1 250 000,50") for the API's decimal strings. */
const eurosField = (fallback?: string) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .trim()
            .replace(/[\s\u00a0\u202f€]/g, '')
            .replace(',', '.')
        : (value ?? fallback),
    Euros,
  );

const VersionField = numberField(z.number().int().min(1));

/** The project form: the fields of the API's request an agent changes here. */
export const ProjectForm = z.object({
  title: ProjectBody.shape.title,
  description: z.string().trim().max(10_000).default(''),
  phase: z.enum(PHASES),
  status: z.enum(STATUSES),
  progress: numberField(Progress).optional(),
  weight: numberField(Weight).optional(),
  startDate: Day.optional(),
  endDate: Day.optional(),
  version: VersionField,
});
export type ProjectFormValue = z.output<typeof ProjectForm>;

/** The project's input for updateProject: as it is, with what the form changes. */
export const projectUpdate = (current: Project, form: ProjectFormValue) => {
  const { weight: _w, startDate: _s, endDate: _e, progress, ...kept } = inputOf(current);
  const hasChildren = Object.keys(current.children).length > 0;
  return {
    ...kept,
    title: form.title,
    description: form.description,
    phase: form.phase,
    status: form.status,
    progress: hasChildren ? progress : (form.progress ?? progress),
    ...(form.weight !== undefined ? { weight: form.weight } : {}),
    ...(form.startDate ? { startDate: form.startDate } : {}),
    ...(form.endDate ? { endDate: form.endDate } : {}),
    version: form.version,
  };
};

export const BudgetLineForm = z.object({
  year: numberField(BudgetLineBody.shape.year),
  kind: z.enum(BUDGET_KINDS),
  planned: eurosField(),
  committed: eurosField('0'),
  spent: eurosField('0'),
  funder: BudgetLineBody.shape.funder,
  lineId: Ulid('a budget line id').optional(),
  version: VersionField.optional(),
});

export const MilestoneForm = z.object({
  title: MilestoneBody.shape.title,
  description: MilestoneBody.shape.description,
  dueDate: Day,
  state: z.enum(MILESTONE_STATES),
  metOn: Day.optional(),
  milestoneId: Ulid('a milestone id').optional(),
  version: VersionField.optional(),
});

/** The "mark met" button of a milestone on the project page. */
export const MarkMetForm = z.object({
  atteint: z.literal('1'),
  milestoneId: Ulid('a milestone id'),
  version: VersionField,
});

export const KpiValueForm = z.object({
  date: KpiValueBody.shape.date,
  value: numberField(KpiValueBody.shape.value),
});

/**
 * A portfolio use case's refusal as the form shows it: a rule in words (next to `ruleFields[rule]`
 * or on top), a stale version as the "changed meanwhile" notice. Undefined for other errors.
 */
export const portfolioRefusal = (
  t: Messages,
  error: unknown,
  ruleFields: Readonly<Record<string, string>> = {},
): { readonly errors: FormErrors; readonly stale: boolean } | undefined => {
  if (error instanceof ConflictError)
    return { errors: { fields: {}, general: [t.portfolio.forms.stale] }, stale: true };
  if (error instanceof RuleViolationError) {
    const message = t.portfolio.rules[error.rule] ?? t.rules[error.rule] ?? t.ruleFallback;
    const field = ruleFields[error.rule];
    return {
      errors: field ? { fields: { [field]: message }, general: [] } : { fields: {}, general: [message] },
      stale: false,
    };
  }
  return undefined;
};
