/** What the report use cases need from the outside world. Adapters implement these. */
import type { DomainEvent } from '../events/domain-event';
import type { Page } from '../kernel/schemas';
import type { Category, Commune, Territory } from '../territory/territory';
import type { FINE_MAP_PRECISION, Follower, HistoryEntry, MAP_PRECISION, Report, ReportStatus } from './report';

/** The territory context, as reports see it (implemented by its use cases). */
export interface TerritoryDirectory {
  getTerritory(siren: string): Promise<Territory>;
  listCategories(siren: string): Promise<Category[]>;
  /** Throws NotFoundError when no commune of the territory contains the point. */
  locate(siren: string, lat: number, lon: number): Promise<Commune>;
}

/**
 * When a report should be resolved, from its category's target (business hours) and its
 * responsible body. The SLA engine brings business calendars; `undefined` when the category has
 * no target.
 */
export interface DueDateCalculator {
  dueAt(input: {
    readonly territory: string;
    readonly bodyId: string;
    readonly commune: string;
    readonly category: Category;
    readonly from: Date;
  }): Promise<Date | undefined>;
}

type SortOrder = 'newest' | 'oldest';

/** An agent's list: one body's reports, at most one index filter plus the others applied on it. */
export interface BodyReportsQuery {
  readonly territory: string;
  readonly bodyId: string;
  readonly status?: ReportStatus;
  readonly category?: string;
  readonly commune?: string;
  readonly overdue?: boolean;
  /** ISO instants, filing time, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly order: SortOrder;
  readonly limit: number;
  readonly cursor?: string;
  /** Overdue means open and due before this instant. */
  readonly now: string;
}

/** Narrows a commune's list: filed within [from, to] (ISO instants as toISOString writes them), in a status or category among these. */
export interface CommuneReportsFilter {
  readonly from?: string;
  readonly to?: string;
  readonly statuses?: readonly ReportStatus[];
  /** At most 100 (DynamoDB's IN). */
  readonly categories?: readonly string[];
}

export interface MapQuery {
  readonly territory: string;
  /** Geohash cells to read, all of this precision: MAP_PRECISION, or FINE_MAP_PRECISION for a small box. */
  readonly precision: typeof MAP_PRECISION | typeof FINE_MAP_PRECISION;
  readonly cells: readonly string[];
  readonly bbox: readonly [number, number, number, number];
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * Persistence. Every write carries the events announcing it: the adapter stores both atomically.
 * Agent changes take the version read before and throw ConflictError when it moved meanwhile.
 */
export interface ReportStore {
  get(territory: string, id: string): Promise<Report | undefined>;
  history(territory: string, id: string): Promise<HistoryEntry[]>;
  followers(territory: string, id: string): Promise<Follower[]>;
  /** A new report with its first history entry and its reporter as follower. */
  /**
   * Stores a new report with its first entry, reporter and event; returns the report stored — under
   * an idempotency key whose first attempt already committed one, that report instead.
   */
  create(report: Report, first: HistoryEntry, reporter: Follower | undefined, event: DomainEvent): Promise<Report>;
  /**
   * Applies an agent's (or the reporter's) change: the report as it is now, written if still at
   * the version read (`before`), with its history entry; the body's counts per status move from
   * `before`'s status and body to the report's, and its place in the SLA engine's work list from
   * `before`'s status, body, due date and flag to the report's.
   */
  update(
    report: Report,
    before: Pick<Report, 'version' | 'status' | 'bodyId' | 'dueAt' | 'overdue'>,
    entry: HistoryEntry,
    event: DomainEvent,
    extra?: { readonly followOriginal?: { readonly id: string; readonly followers: readonly Follower[] } },
  ): Promise<void>;
  /**
   * One support per supporter (AlreadySupportedError when there is one), counted atomically with
   * it while the report is open (ConflictError otherwise). Returns the count after it.
   */
  support(report: Report, supporter: Follower, event: DomainEvent): Promise<number>;
  listByBody(query: BodyReportsQuery): Promise<Page<Report>>;
  /**
   * How many of a body's reports are in each status: exact from the body's counts; for a body whose
   * counts are not yet backfilled, counted up to `cap` (then `more`).
   */
  countByStatus(territory: string, bodyId: string, cap: number): Promise<Record<ReportStatus, StatusCount>>;
  /** A commune's reports, newest first; `filter` narrows them to a filing period, statuses, categories. */
  listByCommune(
    territory: string,
    commune: string,
    limit: number,
    cursor?: string,
    filter?: CommuneReportsFilter,
  ): Promise<Page<Report>>;
  listByCells(query: MapQuery): Promise<Page<Report>>;
  /**
   * The reports a citizen follows — filed, supported, or filed a duplicate of — newest first, each
   * with why they follow it.
   */
  listFollowedBy(territory: string, sub: string, limit: number, cursor?: string): Promise<Page<FollowedReport>>;
  /** Open reports of a category in these cells (precision NEARBY_PRECISION). */
  listOpenInCells(territory: string, category: string, cells: readonly string[]): Promise<Report[]>;
  /** A body's open reports due before `now` and not yet flagged overdue. */
  listPastDue(territory: string, bodyId: string, now: string): Promise<Report[]>;
  /**
   * Flags an open report overdue, without a new version (agents' edits in flight stay valid); the
   * first time, also records the escalation and writes its event. False when it was no longer
   * open or already flagged.
   */
  markOverdue(report: Report, at: string, escalation: DomainEvent | undefined): Promise<boolean>;
}

/** A count that stops at a cap: `more` when there are more than `count`. */
export interface StatusCount {
  readonly count: number;
  readonly more: boolean;
}

/** A report a citizen follows, and why. */
export interface FollowedReport {
  readonly report: Report;
  readonly reason: Follower['reason'];
}

/** Nearby reports of the same category, as offered to a citizen while reporting. */
export interface NearbyReport {
  readonly report: Report;
  readonly distanceMetres: number;
}
