/**
 * The portfolio context's HTTP contract: zod schemas that validate requests at the edge (and the
 * rows of an imported CSV) and write the OpenAPI document. Views list what the public sees, field
 * by field: organisations and figures, no person (no agent, no e-mail address).
 */
import * as z from 'zod';
import { isCalendarDate } from '../calendar/local-date';
import { ProblemSchema } from '../kernel/problem';
import { Cursor, Limit, page, StorableNumber, Ulid } from '../kernel/schemas';
import { SENSOR_TYPES } from '../sensors/sensor-catalogue';
import { Slug } from '../territory/territory';
import { BoundaryGeometry } from '../territory/territory-shared-schemas';
import { Insee, Siren } from '../territory/territory';
import { EUROS_PATTERN, formatEuros, parseEuros, ratio } from './money';
import {
  BUDGET_KINDS,
  budgetSummary,
  DOMAINS,
  KINDS,
  KPI_DIRECTIONS,
  MAX_COMMUNES,
  MILESTONE_STATES,
  PHASES,
  SLA_FIGURES,
  STATUSES,
  type Amounts,
  type BudgetLine,
  type BudgetTotals,
  type Kpi,
  type KpiPoint,
  type Milestone,
  type Project,
} from './portfolio';

export const Day = z
  .string()
  .refine(isCalendarDate, 'a date, YYYY-MM-DD')
  .meta({ example: '2026-09-30', description: 'A date, YYYY-MM-DD' });

/** A number with at most `decimals` decimals (checked on its decimal writing, not by float division). */
const decimals = (schema: z.ZodNumber, places: number) =>
  schema.refine((n) => Math.abs(n * 10 ** places - Math.round(n * 10 ** places)) < 1e-6, `at most ${places} decimals`);

export const Progress = decimals(z.number().min(0).max(100), 2).meta({
  description: 'Percent done, 0–100, 2 decimals at most',
  example: 62.5,
});
export const Weight = decimals(z.number().positive().max(1000), 4).meta({
  description: "Weight in the parent's roll-up (weights of siblings need not add up to 1)",
  example: 0.25,
});
export const Euros = z
  .string()
  .regex(EUROS_PATTERN, 'euros as a decimal string with at most 2 decimals, e.g. "1250000.50"')
  .transform((text) => parseEuros(text)!)
  .meta({ description: 'Euros, an exact decimal string', example: '1250000.50' });
const EurosOut = z.string().meta({ description: 'Euros, an exact decimal string', example: '1250000.50' });

// ----- parameters and queries -----

export const TerritoryParams = z.object({ siren: Siren });
export const ProjectParams = TerritoryParams.extend({ projectId: Ulid('a project id') });
export const BudgetLineParams = ProjectParams.extend({ lineId: Ulid('a budget line id') });
export const MilestoneParams = ProjectParams.extend({ milestoneId: Ulid('a milestone id') });
export const KpiParams = ProjectParams.extend({ kpiId: Ulid('a KPI id') });

const PageQuery = { limit: Limit(20, 100), cursor: Cursor };
export const ProjectListQuery = z.object({
  ...PageQuery,
  domain: z.enum(DOMAINS).optional(),
  phase: z.enum(PHASES).optional(),
  status: z.enum(STATUSES).optional(),
  commune: Insee.optional().meta({ description: 'Projects concerning this commune (INSEE code)' }),
  parentId: z
    .union([Ulid('a project id'), z.literal('root')])
    .optional()
    .meta({ description: 'Children of this project; `root` for the top level' }),
});
export const LateQuery = z.object(PageQuery);
export const HistoryQuery = z.object({
  limit: Limit(60, 366),
  cursor: Cursor,
  order: z.enum(['ascending', 'descending']).default('ascending'),
});

// ----- bodies -----

const Owner = z
  .discriminatedUnion('level', [
    z.object({ level: z.literal('territory') }),
    z.object({ level: z.literal('commune'), insee: Insee }),
  ])
  .meta({
    id: 'PortfolioOwner',
    description: "The metropolis (the territory) or one commune; by default the caller's",
  });

const Lead = z
  .object({
    bodyId: z.union([Siren, Insee]).meta({ description: 'The metropolis (its SIREN) or a commune (its INSEE code)' }),
    serviceId: Slug.optional().meta({
      description: 'Its service leading the project (mailed when a milestone is missed)',
    }),
  })
  .meta({ id: 'PortfolioLead' });

const Partner = z
  .object({
    name: z.string().trim().min(2).max(200),
    siren: z
      .string()
      .regex(/^\d{9}$/, 'a SIREN is 9 digits')
      .optional(),
    siret: z
      .string()
      .regex(/^\d{14}$/, 'a SIRET is 14 digits')
      .optional(),
    role: z.string().trim().min(2).max(100).meta({ example: 'opérateur' }),
    experimentation: z
      .object({ startDate: Day, endDate: Day.optional(), outcome: z.string().trim().max(2000).optional() })
      .optional()
      .meta({ description: 'A local start-up testing its solution: its dates and outcome' }),
  })
  .meta({ id: 'PortfolioPartner' });

const Location = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('point'),
      lat: StorableNumber.min(-90).max(90),
      lon: StorableNumber.min(-180).max(180),
    }),
    z.object({ type: z.literal('area'), geometry: BoundaryGeometry }),
  ])
  .meta({ id: 'PortfolioLocation', description: 'A point, or an area (GeoJSON Polygon or MultiPolygon)' });

const Links = z
  .object({
    consultations: z.array(Ulid('a consultation id')).max(20).default([]),
    proposals: z
      .array(z.object({ consultationId: Ulid('a consultation id'), proposalId: Ulid('a proposal id') }))
      .max(50)
      .default([]),
  })
  .meta({ id: 'PortfolioLinks', description: 'The consultations and proposals that led to the project' });

export const ProjectBody = z
  .object({
    kind: z.enum(KINDS).default('project'),
    parentId: Ulid('a project id').optional(),
    owner: Owner.optional(),
    title: z.string().trim().min(3).max(200),
    description: z.string().trim().max(10_000).default(''),
    domain: z.enum(DOMAINS),
    communes: z.array(Insee).max(MAX_COMMUNES).default([]),
    lead: Lead,
    partners: z.array(Partner).max(50).default([]),
    phase: z.enum(PHASES).default('idea'),
    status: z.enum(STATUSES).default('on-track'),
    startDate: Day.optional(),
    endDate: Day.optional(),
    location: Location.optional(),
    links: Links.default({ consultations: [], proposals: [] }),
    progress: Progress.optional(),
    weight: Weight.optional(),
  })
  .meta({ id: 'PortfolioProjectRequest' });

const Version = z.number().int().min(1).meta({ description: 'The version read: a concurrent change is a 409' });
export const UpdateProjectBody = ProjectBody.extend({ version: Version }).meta({
  id: 'PortfolioProjectUpdateRequest',
  description: 'The whole project as it should be (fields left out take their defaults)',
});

export const BudgetLineBody = z
  .object({
    year: z.number().int().min(2000).max(2100),
    kind: z.enum(BUDGET_KINDS),
    planned: Euros,
    committed: Euros.prefault('0'),
    spent: Euros.prefault('0'),
    funder: z.string().trim().min(2).max(200).meta({ example: 'Toulouse Métropole' }),
  })
  .meta({ id: 'BudgetLineRequest' });
export const UpdateBudgetLineBody = BudgetLineBody.extend({ version: Version }).meta({ id: 'BudgetLineUpdateRequest' });

export const MilestoneBody = z
  .object({
    title: z.string().trim().min(3).max(200),
    description: z.string().trim().max(2000).optional(),
    dueDate: Day,
    state: z.enum(MILESTONE_STATES).default('scheduled'),
    metOn: Day.optional(),
  })
  .meta({ id: 'MilestoneRequest' });
export const UpdateMilestoneBody = MilestoneBody.extend({ version: Version }).meta({ id: 'MilestoneUpdateRequest' });

const DatedValue = z.object({ value: StorableNumber, date: Day });
const PeriodDays = z.number().int().min(1).max(366).default(30);

const KpiSource = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('manual') }),
    z.object({
      kind: z.literal('sensors'),
      property: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, 'a property name, e.g. no2'),
      sensorType: z.enum(SENSOR_TYPES).optional(),
      communes: z.array(Insee).min(1).max(MAX_COMMUNES).optional(),
      sensorIds: z
        .array(z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'a sensor id'))
        .min(1)
        .max(100)
        .optional(),
      periodDays: PeriodDays,
    }),
    z.object({
      kind: z.literal('reports'),
      commune: Insee,
      category: Slug.optional().meta({ description: 'A report category; every category when absent' }),
      figure: z.enum(SLA_FIGURES),
      periodDays: PeriodDays,
    }),
  ])
  .meta({
    id: 'KpiSource',
    description:
      'manual: agents enter values. sensors: the mean of a property over the whole UTC days before the day ' +
      'of computation (Σ sum / Σ count of the daily rollups of the sensors of these communes, or of these ' +
      'sensors). reports: a figure of the SLA statistics of a commune over the same days.',
  });

export const KpiBody = z
  .object({
    name: z.string().trim().min(3).max(200),
    unit: z.string().trim().min(1).max(40).meta({ example: 'µg/m³' }),
    baseline: DatedValue.optional(),
    target: DatedValue.optional(),
    direction: z.enum(KPI_DIRECTIONS).meta({ description: 'Whether higher or lower values are better' }),
    source: KpiSource,
  })
  .meta({ id: 'KpiRequest' });
export const UpdateKpiBody = KpiBody.extend({ version: Version }).meta({ id: 'KpiUpdateRequest' });

export const KpiValueBody = z.object({ date: Day, value: StorableNumber }).meta({ id: 'KpiValueRequest' });

// ----- views -----

const AmountsView = z.object({ planned: EurosOut, committed: EurosOut, spent: EurosOut });
const amountsView = (a: Amounts) => ({
  planned: formatEuros(a.planned),
  committed: formatEuros(a.committed),
  spent: formatEuros(a.spent),
});
const Consumption = z
  .number()
  .nullable()
  .meta({ description: 'spent / planned (0.4567 = 45.67 %); null when nothing is planned' });

const BudgetTotalView = AmountsView.extend({ consumption: Consumption });
const BudgetYearView = z.object({
  year: z.number().int(),
  investment: AmountsView,
  operating: AmountsView,
  total: AmountsView,
  consumption: Consumption,
});

export const budgetView = (totals: BudgetTotals) => {
  const summary = budgetSummary(totals);
  return {
    total: { ...amountsView(summary.total), consumption: summary.consumption },
    years: summary.years.map((y) => ({
      year: y.year,
      investment: amountsView(y.investment),
      operating: amountsView(y.operating),
      total: amountsView(y.total),
      consumption: y.consumption,
    })),
  };
};

export const ProjectSummaryView = z
  .object({
    id: z.string(),
    territory: z.string(),
    kind: z.enum(KINDS),
    parentId: z.string().optional(),
    owner: Owner,
    title: z.string(),
    domain: z.enum(DOMAINS),
    communes: z.array(z.string()),
    lead: Lead,
    phase: z.enum(PHASES),
    status: z.enum(STATUSES),
    startDate: z.string().optional(),
    endDate: z.string().optional(),
    progress: z.number().meta({ description: "0–100: its own, or its children's rolled up" }),
    weight: z.number().optional(),
    childCount: z.number().int(),
    budget: BudgetTotalView.meta({ description: 'Its budget lines and its children’s, summed' }),
    updatedAt: z.string(),
  })
  .meta({ id: 'PortfolioProjectSummary' });

export const ProjectView = ProjectSummaryView.extend({
  description: z.string(),
  partners: z.array(Partner),
  location: Location.optional(),
  links: Links,
  progressSource: z.enum(['own', 'children']),
  /** Levels in its subtree, itself included. */
  height: z.number().int(),
  budgetByYear: z.array(BudgetYearView),
  createdAt: z.string(),
  version: z.number().int(),
}).meta({ id: 'PortfolioProject' });

export const summaryView = (p: Project) => ({
  id: p.id,
  territory: p.territory,
  kind: p.kind,
  ...(p.parentId ? { parentId: p.parentId } : {}),
  owner: p.owner,
  title: p.title,
  domain: p.domain,
  communes: [...p.communes],
  lead: p.lead,
  phase: p.phase,
  status: p.status,
  ...(p.startDate ? { startDate: p.startDate } : {}),
  ...(p.endDate ? { endDate: p.endDate } : {}),
  progress: p.progress,
  ...(p.weight !== undefined ? { weight: p.weight } : {}),
  childCount: Object.keys(p.children).length,
  budget: budgetView(p.budget).total,
  updatedAt: p.updatedAt,
});

export const projectView = (p: Project) => {
  const budget = budgetView(p.budget);
  return {
    ...summaryView(p),
    description: p.description,
    partners: p.partners.map((partner) => ({ ...partner })),
    ...(p.location ? { location: p.location } : {}),
    links: { consultations: [...p.links.consultations], proposals: [...p.links.proposals] },
    progressSource: Object.keys(p.children).length > 0 ? ('children' as const) : ('own' as const),
    height: p.height,
    budgetByYear: budget.years,
    createdAt: p.createdAt,
    version: p.version,
  };
};

export const BudgetLineView = z
  .object({
    id: z.string(),
    projectId: z.string(),
    year: z.number().int(),
    kind: z.enum(BUDGET_KINDS),
    planned: EurosOut,
    committed: EurosOut,
    spent: EurosOut,
    consumption: Consumption,
    funder: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'BudgetLine' });

export const budgetLineView = (l: BudgetLine) => ({
  id: l.id,
  projectId: l.projectId,
  year: l.year,
  kind: l.kind,
  ...amountsView(l),
  consumption: ratio(l.spent, l.planned),
  funder: l.funder,
  createdAt: l.createdAt,
  updatedAt: l.updatedAt,
  version: l.version,
});

export const MilestoneView = z
  .object({
    id: z.string(),
    projectId: z.string(),
    title: z.string(),
    description: z.string().optional(),
    dueDate: z.string(),
    state: z.enum(MILESTONE_STATES),
    metOn: z.string().optional(),
    missedAt: z.string().optional().meta({ description: 'When the daily check found it missed' }),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Milestone' });

export const milestoneView = (m: Milestone) => ({
  id: m.id,
  projectId: m.projectId,
  title: m.title,
  ...(m.description ? { description: m.description } : {}),
  dueDate: m.dueDate,
  state: m.state,
  ...(m.metOn ? { metOn: m.metOn } : {}),
  ...(m.missedAt ? { missedAt: m.missedAt } : {}),
  updatedAt: m.updatedAt,
  version: m.version,
});

export const KpiPointView = z
  .object({
    date: z.string(),
    value: z.number(),
    source: z.enum(['manual', 'sensors', 'reports']),
    period: z
      .object({ from: z.string(), to: z.string() })
      .optional()
      .meta({ description: "The period a live value covers: ask the sensors' or reports' API for the same" }),
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).optional(),
    recordedAt: z.string(),
  })
  .meta({ id: 'KpiPoint' });

export const kpiPointView = (p: KpiPoint) => ({
  date: p.date,
  value: p.value,
  source: p.source,
  ...(p.period ? { period: p.period } : {}),
  ...(p.detail
    ? { detail: Object.fromEntries(Object.entries(p.detail).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v])) }
    : {}),
  recordedAt: p.recordedAt,
});

export const KpiView = z
  .object({
    id: z.string(),
    projectId: z.string(),
    name: z.string(),
    unit: z.string(),
    baseline: DatedValue.optional(),
    target: DatedValue.optional(),
    direction: z.enum(KPI_DIRECTIONS),
    source: KpiSource,
    latest: DatedValue.optional(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Kpi' });

export const kpiView = (k: Kpi) => ({
  id: k.id,
  projectId: k.projectId,
  name: k.name,
  unit: k.unit,
  ...(k.baseline ? { baseline: k.baseline } : {}),
  ...(k.target ? { target: k.target } : {}),
  direction: k.direction,
  source: k.source as z.input<typeof KpiSource>,
  ...(k.latest ? { latest: k.latest } : {}),
  updatedAt: k.updatedAt,
  version: k.version,
});

export const KpiWithTrendView = KpiView.extend({
  trend: z.array(z.object({ date: z.string(), value: z.number() })).meta({
    description: 'The last 30 values, oldest first',
  }),
}).meta({ id: 'KpiWithTrend' });

export const ProjectDetailView = ProjectView.extend({
  children: z.array(
    z.object({ id: z.string(), title: z.string(), progress: z.number(), weight: z.number().optional() }),
  ),
  milestones: z.array(MilestoneView),
  kpis: z.array(KpiWithTrendView),
}).meta({ id: 'PortfolioProjectDetail' });

export const LateItemView = z
  .object({
    milestone: MilestoneView,
    project: ProjectSummaryView.nullable(),
  })
  .meta({ id: 'LateMilestone' });

export const ProjectPage = page(ProjectSummaryView);
export const LatePage = page(LateItemView);
export const KpiHistoryPage = page(KpiPointView);
export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** The import's body: the CSV text itself (bodyFormat 'csv'), read by portfolio-csv.ts. */
export const ProjectsCsv = z
  .string()
  .refine((text) => text.trim() !== '', 'A CSV request body is required')
  .meta({ id: 'ProjectsCsv', description: 'CSV with the columns of export.csv, the header row first' });

export const ImportResultView = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rows: z.array(
      z.object({
        row: z.number().int(),
        id: z.string(),
        action: z.enum(['created', 'updated', 'unchanged']),
      }),
    ),
  })
  .meta({ id: 'PortfolioImportResult' });

export const ImportRefusedView = ProblemSchema.extend({
  rows: z
    .array(z.object({ row: z.number().int(), errors: z.array(z.string()) }))
    .optional()
    .meta({ description: 'Each bad row (1 = the header line) and why; nothing was written' }),
}).meta({ id: 'PortfolioImportRefused' });

export const Oc4idsPackageView = z
  .object({
    version: z.string(),
    publishedDate: z.string(),
    publisher: z.object({ name: z.string() }),
    license: z.string(),
    publicationPolicy: z.string().optional(),
    projects: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'Oc4idsProjectPackage', description: 'OC4IDS 0.9 project package: one project per portfolio project' });

export const ComputedKpiView = z
  .object({ point: KpiPointView.nullable().meta({ description: 'null when the source had no data for the period' }) })
  .meta({ id: 'ComputedKpi' });

/** The 422 of a refused import: RFC 9457 problem details with each bad row. */
export const importRefusedProblem = (
  rows: readonly { readonly row: number; readonly errors: readonly string[] }[],
  instance: string,
): z.input<typeof ImportRefusedView> => ({
  type: 'urn:ville-ouverte:problem:import-refused',
  title: 'The file was not imported',
  status: 422,
  detail: `${rows.length} row${rows.length > 1 ? 's' : ''} cannot be imported: nothing was written. ${rows
    .slice(0, 5)
    .map((r) => `Row ${r.row}: ${r.errors.join('; ')}`)
    .join('. ')}${rows.length > 5 ? '. …' : ''}`,
  instance,
  errors: rows.flatMap((r) => r.errors.map((message) => ({ path: `row ${r.row}`, message }))),
  rows: rows.map((r) => ({ row: r.row, errors: [...r.errors] })),
});
