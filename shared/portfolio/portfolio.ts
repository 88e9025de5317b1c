/**
 * The portfolio context's domain: the projects of a territory and its communes in a hierarchy
 * (axis → programme → project, any depth up to 4), their progress rolled up to their parents,
 * their budget lines summed up the tree, their milestones and their KPIs. Pure: no AWS, no clock
 * but the one passed in.
 *
 * Each stored value is written once, as a zod "record" schema, and its type derived from it: the
 * stores parse what they read with these (parseItem), and the API's views are derived from them
 * (portfolio-schemas.ts).
 */
import * as z from 'zod';
import { ForbiddenError } from '../kernel/errors';
import type { Principal } from '../kernel/principal';
import { addCents, ratio } from './money';

/** Policy domains (the issue's list; territoires-en-transitions and Orléans' smart-city axes). */
export const DOMAINS = [
  'mobility',
  'environment',
  'public-space',
  'energy',
  'waste',
  'tourism',
  'culture',
  'economy',
  'security',
  'housing',
  'social',
  'e-citizenship',
  'silver-economy',
  'digital-infrastructure',
] as const;
export type Domain = (typeof DOMAINS)[number];

/** The phases and statuses of the betagouv `projets-territoire` schema, plus `done`. */
export const PHASES = ['idea', 'study', 'operation', 'done'] as const;
export type Phase = (typeof PHASES)[number];
export const STATUSES = ['on-track', 'late', 'paused', 'blocked', 'abandoned', 'finished'] as const;
export type Status = (typeof STATUSES)[number];

/** What a node of the hierarchy stands for; the depth is free up to MAX_DEPTH. */
export const KINDS = ['axis', 'programme', 'project'] as const;
export type Kind = (typeof KINDS)[number];
export const MAX_DEPTH = 4;
/** A project lists at most this many communes: renaming it rewrites 2 × 45 commune entries, which with its ancestors and event still fit one transaction (100 items). */
export const MAX_COMMUNES = 45;

export const BUDGET_KINDS = ['investment', 'operating'] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];

export const MILESTONE_STATES = ['scheduled', 'met', 'missed', 'partlyMet'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

/** A calendar date, YYYY-MM-DD. */
const Day = z.string();
/** An instant, ISO 8601 in UTC. */
const Instant = z.string();

export const OwnerRecord = z.discriminatedUnion('level', [
  z.object({ level: z.literal('territory') }),
  z.object({ level: z.literal('commune'), insee: z.string() }),
]);
export type Owner = z.output<typeof OwnerRecord>;

/** The body leading the project (the metropolis: its SIREN; a commune: its INSEE code) and its service. */
export const LeadRecord = z.object({ bodyId: z.string(), serviceId: z.string().optional() });
export type Lead = z.output<typeof LeadRecord>;

export const ExperimentationRecord = z.object({
  startDate: Day,
  endDate: Day.optional(),
  outcome: z.string().optional(),
});

export const PartnerRecord = z.object({
  name: z.string(),
  siren: z.string().optional(),
  siret: z.string().optional(),
  role: z.string(),
  /** A local start-up testing its solution in the territory. */
  experimentation: ExperimentationRecord.optional(),
});
export type Partner = z.output<typeof PartnerRecord>;

const Position = z.array(z.number()).readonly();
export const AreaRecord = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position).readonly()).readonly() }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(z.array(Position).readonly()).readonly()).readonly(),
  }),
]);

export const LocationRecord = z.discriminatedUnion('type', [
  z.object({ type: z.literal('point'), lat: z.number(), lon: z.number() }),
  z.object({ type: z.literal('area'), geometry: AreaRecord }),
]);
export type Location = z.output<typeof LocationRecord>;

/** The consultations and proposals that led to the project (participation context). */
export const LinksRecord = z.object({
  consultations: z.array(z.string()).readonly(),
  proposals: z.array(z.object({ consultationId: z.string(), proposalId: z.string() })).readonly(),
});
export type Links = z.output<typeof LinksRecord>;

/** Planned, committed and spent, in integer cents (money.ts). */
export const AmountsRecord = z.object({
  planned: z.number().int(),
  committed: z.number().int(),
  spent: z.number().int(),
});
export type Amounts = z.output<typeof AmountsRecord>;

/** Budget totals by year ("2026") and kind: a node's own lines plus its children's totals. */
export const BudgetTotalsRecord = z.record(
  z.string(),
  z.object({ investment: AmountsRecord, operating: AmountsRecord }),
);
export type BudgetTotals = z.output<typeof BudgetTotalsRecord>;

/** What a parent keeps of each child to roll up progress exactly, read with the parent in one GetItem. */
export const ChildEntryRecord = z.object({
  progress: z.number(),
  weight: z.number().optional(),
  /** Levels in the child's subtree, itself included. */
  height: z.number().int(),
});
export type ChildEntry = z.output<typeof ChildEntryRecord>;

export const ProjectRecord = z.object({
  id: z.string(),
  territory: z.string(),
  kind: z.enum(KINDS),
  parentId: z.string().optional(),
  owner: OwnerRecord,
  title: z.string(),
  description: z.string(),
  domain: z.enum(DOMAINS),
  /** INSEE codes of the communes concerned. */
  communes: z.array(z.string()).readonly(),
  lead: LeadRecord,
  partners: z.array(PartnerRecord).readonly(),
  phase: z.enum(PHASES),
  status: z.enum(STATUSES),
  startDate: Day.optional(),
  endDate: Day.optional(),
  location: LocationRecord.optional(),
  links: LinksRecord,
  /** The progress agents set (0–100, 2 decimals): the project's own while it has no child. */
  ownProgress: z.number(),
  /** The progress shown: ownProgress, or the weighted mean of the children's (rollUp). */
  progress: z.number(),
  /** Its weight in its parent's roll-up (equal weights when its siblings have none). */
  weight: z.number().optional(),
  children: z.record(z.string(), ChildEntryRecord),
  height: z.number().int(),
  /** Its own budget lines plus its children's totals. */
  budget: BudgetTotalsRecord,
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
});
export type Project = z.output<typeof ProjectRecord>;

export const BudgetLineRecord = z.object({
  id: z.string(),
  territory: z.string(),
  projectId: z.string(),
  year: z.number().int(),
  kind: z.enum(BUDGET_KINDS),
  /** Integer cents. */
  planned: z.number().int(),
  committed: z.number().int(),
  spent: z.number().int(),
  funder: z.string(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
});
export type BudgetLine = z.output<typeof BudgetLineRecord>;

export const MilestoneRecord = z.object({
  id: z.string(),
  territory: z.string(),
  projectId: z.string(),
  title: z.string(),
  description: z.string().optional(),
  dueDate: Day,
  state: z.enum(MILESTONE_STATES),
  /** When it was met (state met or partlyMet). */
  metOn: Day.optional(),
  /** When the scheduled trigger found it missed. */
  missedAt: Instant.optional(),
  /** Set with `missedAt` until the lead service has been mailed (or its mail claimed). */
  reminderPending: z.boolean().optional(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
});
export type Milestone = z.output<typeof MilestoneRecord>;

export const KPI_DIRECTIONS = ['higher', 'lower'] as const;
export const SLA_FIGURES = [
  'shareWithinTarget',
  'medianHoursToResolve',
  'medianHoursToAcknowledge',
  'openOverdue',
  'filed',
  'resolved',
] as const;
export type SlaFigure = (typeof SLA_FIGURES)[number];

export const KpiSourceRecord = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual') }),
  z.object({
    kind: z.literal('sensors'),
    /** A numeric property of the sensors (no2, pm10, intensity…): the mean of its daily rollups. */
    property: z.string(),
    sensorType: z.string().optional(),
    /** The sensors of these communes… */
    communes: z.array(z.string()).readonly().optional(),
    /** …or these sensors. */
    sensorIds: z.array(z.string()).readonly().optional(),
    /** The whole UTC days before the day of computation. */
    periodDays: z.number().int(),
  }),
  z.object({
    kind: z.literal('reports'),
    commune: z.string(),
    /** A report category, or every category. */
    category: z.string().optional(),
    figure: z.enum(SLA_FIGURES),
    periodDays: z.number().int(),
  }),
]);
export type KpiSource = z.output<typeof KpiSourceRecord>;
export type LiveKpiSource = Exclude<KpiSource, { kind: 'manual' }>;

export const DatedValueRecord = z.object({ value: z.number(), date: Day });

export const KpiRecord = z.object({
  id: z.string(),
  territory: z.string(),
  projectId: z.string(),
  name: z.string(),
  unit: z.string(),
  baseline: DatedValueRecord.optional(),
  target: DatedValueRecord.optional(),
  direction: z.enum(KPI_DIRECTIONS),
  source: KpiSourceRecord,
  /** The newest point of its history. */
  latest: DatedValueRecord.optional(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
});
export type Kpi = z.output<typeof KpiRecord>;

/** One value per KPI and day: entered by an agent, or computed (with the period and figures it came from). */
export const KpiPointRecord = z.object({
  kpiId: z.string(),
  date: Day,
  value: z.number(),
  source: z.enum(['manual', 'sensors', 'reports']),
  /** The period a live value covers: [from, to) for sensors, the SLA statistics' from/to for reports. */
  period: z.object({ from: Instant, to: Instant }).optional(),
  /** What a live value was computed from (sensors' count and exact sum; reports' judged count). */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string()).readonly()])).optional(),
  recordedAt: Instant,
});
export type KpiPoint = z.output<typeof KpiPointRecord>;

// ---------------------------------------------------------------------------------------------
// Who may manage a project

/**
 * Agents of the owning body manage its projects: a commune's agents their commune's, the
 * metropolis's agents (no commune) the territory's; territory admins manage every project.
 */
export const canManageOwner = (principal: Principal, siren: string, owner: Owner): boolean => {
  if (principal.territory !== siren) return false;
  if (principal.role === 'admin') return true;
  if (principal.role !== 'agent') return false;
  return owner.level === 'territory' ? principal.commune === undefined : principal.commune === owner.insee;
};

export const assertCanManageOwner = (principal: Principal, siren: string, owner: Owner): void => {
  if (canManageOwner(principal, siren, owner)) return;
  throw new ForbiddenError(
    owner.level === 'territory'
      ? `Only the metropolis's agents and the admins of territory ${siren} manage its projects`
      : `Only the agents of commune ${owner.insee} and the admins of territory ${siren} manage its projects`,
  );
};

/** A child may sit under a parent of the same owner, or under one of the territory's (a metropolitan axis). */
export const ownerMayNest = (child: Owner, parent: Owner): boolean =>
  parent.level === 'territory' || (child.level === 'commune' && child.insee === parent.insee);

// ---------------------------------------------------------------------------------------------
// Progress roll-up, exact

/** Progress is kept in hundredths of a percent, weights in ten-thousandths: integers to compute with. */
const toHundredths = (progress: number) => BigInt(Math.round(progress * 100));
const toTenThousandths = (weight: number) => BigInt(Math.round(weight * 10_000));

/**
 * The progress of a parent from its children, as Decidim Accountability rolls results up: the
 * weighted mean Σ wᵢ·pᵢ / Σ wᵢ when every child has a weight (0.25 × 40 + 0.75 × 80 = 70), the
 * plain mean when one has none (40 and 80 → 60). Computed on integers and rounded half up to the
 * hundredth once, so the result depends on the children's values only, never on the order they
 * were added or changed in. Undefined without children.
 */
export const rolledUpProgress = (children: readonly ChildEntry[]): number | undefined => {
  if (children.length === 0) return undefined;
  const weighted = children.every((c) => c.weight !== undefined && c.weight > 0);
  let numerator = 0n;
  let denominator = 0n;
  for (const child of children) {
    const weight = weighted ? toTenThousandths(child.weight!) : 1n;
    numerator += weight * toHundredths(child.progress);
    denominator += weight;
  }
  const hundredths = (2n * numerator + denominator) / (2n * denominator);
  return Number(hundredths) / 100;
};

/** What a parent keeps of a child. */
export const childEntryOf = (p: Pick<Project, 'progress' | 'weight' | 'height'>): ChildEntry => ({
  progress: p.progress,
  ...(p.weight !== undefined ? { weight: p.weight } : {}),
  height: p.height,
});

/** A node's derived fields (progress, height) from its own progress and its children. */
export const withDerived = <P extends Project>(p: P): P => {
  const entries = Object.values(p.children);
  return {
    ...p,
    progress: rolledUpProgress(entries) ?? p.ownProgress,
    height: entries.length === 0 ? 1 : 1 + Math.max(...entries.map((e) => e.height)),
  };
};

// ---------------------------------------------------------------------------------------------
// Budget totals

export const ZERO: Amounts = { planned: 0, committed: 0, spent: 0 };

const addAmounts = (a: Amounts, b: Amounts, sign = 1): Amounts => ({
  planned: addCents(a.planned, sign * b.planned),
  committed: addCents(a.committed, sign * b.committed),
  spent: addCents(a.spent, sign * b.spent),
});

const isZero = (a: Amounts) => a.planned === 0 && a.committed === 0 && a.spent === 0;

/** totals + sign × delta, by year and kind; years left at zero are dropped. */
export const addTotals = (totals: BudgetTotals, delta: BudgetTotals, sign = 1): BudgetTotals => {
  const result: Record<string, { investment: Amounts; operating: Amounts }> = { ...totals };
  for (const [year, kinds] of Object.entries(delta)) {
    const current = result[year] ?? { investment: ZERO, operating: ZERO };
    const next = {
      investment: addAmounts(current.investment, kinds.investment, sign),
      operating: addAmounts(current.operating, kinds.operating, sign),
    };
    if (isZero(next.investment) && isZero(next.operating)) delete result[year];
    else result[year] = next;
  }
  return result;
};

/** A budget line as totals (its year and kind). */
export const totalsOfLine = (line: Pick<BudgetLine, 'year' | 'kind' | 'planned' | 'committed' | 'spent'>) => {
  const amounts = { planned: line.planned, committed: line.committed, spent: line.spent };
  return {
    [String(line.year)]: {
      investment: line.kind === 'investment' ? amounts : ZERO,
      operating: line.kind === 'operating' ? amounts : ZERO,
    },
  } as BudgetTotals;
};

export interface BudgetYear {
  readonly year: number;
  readonly investment: Amounts;
  readonly operating: Amounts;
  readonly total: Amounts;
  /** spent / planned; null when nothing is planned. */
  readonly consumption: number | null;
}

/** Totals per year (oldest first) and in all, with consumption = spent / planned. */
export const budgetSummary = (totals: BudgetTotals) => {
  const years: BudgetYear[] = Object.entries(totals)
    .map(([year, { investment, operating }]) => {
      const total = addAmounts(investment, operating);
      return { year: Number(year), investment, operating, total, consumption: ratio(total.spent, total.planned) };
    })
    .sort((a, b) => a.year - b.year);
  const total = years.reduce((sum, y) => addAmounts(sum, y.total), ZERO);
  return { years, total, consumption: ratio(total.spent, total.planned) };
};

// ---------------------------------------------------------------------------------------------
// Lists

/** The order of every list: title without case or accents, then id. */
export const sortKeyOf = (p: Pick<Project, 'title' | 'id'>): string =>
  `${p.title
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .slice(0, 80)}#${p.id}`;
