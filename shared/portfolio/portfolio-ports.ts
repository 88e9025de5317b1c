/** What the portfolio use cases need from the outside world. Adapters implement these. */
import type { Page } from '../kernel/schemas';
import type { BudgetLine, Domain, Kpi, KpiPoint, Milestone, Phase, Project, SlaFigure, Status } from './portfolio';
import type { PortfolioEvent } from './portfolio-events';

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

/** A public list's criteria: the most selective one is read by its index, the others filter it. */
export interface ProjectFilter {
  readonly domain?: Domain;
  readonly phase?: Phase;
  readonly status?: Status;
  /** INSEE code of a commune the projects concern. */
  readonly commune?: string;
  /** Children of this project; `root` for the top level. */
  readonly parentId?: string;
}

/** A record as read (`before`, absent when created) and as written (`after`, absent when deleted). */
export interface Versioned<T> {
  readonly before?: T;
  readonly after?: T;
}

/**
 * One change of the portfolio, written in ONE transaction with its events: projects (a node and
 * the ancestors its change reaches), and the budget line, milestone or KPI (with a value) it is
 * about. Every record is written on condition that it is still at the version read (or still
 * absent), so nothing read to compute the change can have moved meanwhile.
 */
export interface PortfolioCommit {
  readonly projects?: readonly Versioned<Project>[];
  readonly budgetLine?: Versioned<BudgetLine>;
  readonly milestone?: Versioned<Milestone>;
  readonly kpi?: Versioned<Kpi>;
  /** A KPI's value of a day, replacing that day's (with `kpi`, whose `latest` it may move). */
  readonly kpiPoint?: { readonly projectId: string; readonly point: KpiPoint };
  readonly events: readonly PortfolioEvent[];
}

/** `stale`: something read changed meanwhile (or was busy); the use case reads again and recomputes. */
export type CommitOutcome = 'done' | 'stale';

export interface MilestoneRef {
  readonly territory: string;
  readonly projectId: string;
  readonly milestoneId: string;
}

export interface KpiRef {
  readonly territory: string;
  readonly projectId: string;
  readonly kpiId: string;
}

export interface PortfolioStore {
  /** Strongly consistent: what a change is computed from. */
  getProject(siren: string, id: string): Promise<Project | undefined>;
  getProjects(siren: string, ids: readonly string[]): Promise<Map<string, Project>>;
  listProjects(siren: string, filter: ProjectFilter, page: PageRequest): Promise<Page<Project>>;
  /** Every project of a territory (exports, imports), strongly consistent. */
  allProjects(siren: string): Promise<Project[]>;
  commit(change: PortfolioCommit): Promise<CommitOutcome>;
  /** Removes what a deleted project held (lines, milestones, KPIs and their values). Idempotent. */
  deleteProjectContents(siren: string, projectId: string): Promise<void>;

  listBudgetLines(siren: string, projectId: string): Promise<BudgetLine[]>;
  getBudgetLine(siren: string, projectId: string, id: string): Promise<BudgetLine | undefined>;
  listMilestones(siren: string, projectId: string): Promise<Milestone[]>;
  getMilestone(siren: string, projectId: string, id: string): Promise<Milestone | undefined>;
  listKpis(siren: string, projectId: string): Promise<Kpi[]>;
  getKpi(siren: string, projectId: string, id: string): Promise<Kpi | undefined>;
  /** A KPI's values, oldest first unless `descending`. */
  kpiHistory(
    siren: string,
    projectId: string,
    kpiId: string,
    page: PageRequest & { readonly descending?: boolean },
  ): Promise<Page<KpiPoint>>;
  /** Removes a deleted KPI's values. Idempotent. */
  deleteKpiHistory(siren: string, projectId: string, kpiId: string): Promise<void>;

  /** Missed milestones of a territory, the oldest due first ("what is late"). */
  listLateMilestones(siren: string, page: PageRequest): Promise<Page<Milestone>>;

  /** Scheduled milestones of every territory due before `day` (YYYY-MM-DD). */
  listDueMilestones(day: string, limit: number): Promise<MilestoneRef[]>;
  /** Missed milestones whose lead service has not been mailed yet. */
  listPendingReminders(limit: number): Promise<MilestoneRef[]>;
  /** Claims the one mail of a missed milestone (for its due date): false when already claimed. */
  claimReminder(m: Milestone): Promise<boolean>;
  /** Gives a claim back after a failed send, so the next run sends it. */
  releaseReminder(m: Milestone): Promise<void>;
  /** The mail is claimed: the milestone leaves the pending list (its version unchanged). */
  clearReminderPending(m: Milestone): Promise<void>;
  /** Live KPIs of every territory, for the daily computation. */
  listLiveKpis(page: PageRequest): Promise<Page<KpiRef>>;
}

export interface BodyInfo {
  readonly id: string;
  readonly name: string;
  readonly services: readonly { readonly id: string; readonly name: string; readonly email?: string }[];
  /** The body's managers (its SLA escalation addresses). */
  readonly managers: readonly string[];
}

/** The territory context, as the portfolio sees it. */
export interface PortfolioDirectory {
  /** The territory's name; undefined when there is no such territory. */
  territoryName(siren: string): Promise<string | undefined>;
  /** Names of the communes of the territory by INSEE code. */
  communes(siren: string): Promise<ReadonlyMap<string, string>>;
  /** The metropolis (id = SIREN) and the communes' bodies, with their services. */
  bodies(siren: string): Promise<readonly BodyInfo[]>;
}

export interface SensorSelection {
  readonly property: string;
  readonly sensorType?: string;
  readonly communes?: readonly string[];
  readonly sensorIds?: readonly string[];
}

/** The sensors context's daily rollups, as the sensors' own series use case gives them. */
export interface SensorMeasures {
  /**
   * Over the UTC days from `from` to `to` (both YYYY-MM-DD, inclusive): the sensors selected that
   * measure the property, and the count and exact decimal sum of their daily rollups.
   */
  dailyTotals(
    siren: string,
    selection: SensorSelection,
    from: string,
    to: string,
  ): Promise<{ sensors: string[]; count: number; sum: string }>;
}

/** The reports context's SLA statistics of a commune, as its own route computes them. */
export interface ServiceQuality {
  figure(
    siren: string,
    insee: string,
    category: string | undefined,
    figure: SlaFigure,
    period: { readonly from: string; readonly to: string },
  ): Promise<{ value: number | null; filed: number; judged: number }>;
}
