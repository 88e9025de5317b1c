/**
 * Reading reports: the public view, map and list (no personal data), the nearby open reports a
 * citizen may support instead of filing, the agents' lists and details, and Open311's search by
 * filing period. Pure: each list is served by an index of the store.
 */
import { distanceMetres } from '../geo/distance';
import { cellSideMetres, cellsCovering, cellWithNeighbours } from '../geo/geohash';
import { ForbiddenError, InvalidInputError, RuleViolationError } from '../kernel/errors';
import { isTerritoryAdmin, type Principal } from '../kernel/principal';
import type { Page } from '../kernel/schemas';
import {
  canView,
  FINE_MAP_PRECISION,
  MAP_PRECISION,
  MAX_FINE_MAP_CELLS,
  MAX_MAP_CELLS,
  MAX_NEARBY_RADIUS,
  MAX_NEARBY_RESULTS,
  NEARBY_PRECISION,
  PHOTO_LINK_SECONDS,
  type HistoryEntry,
  type Report,
  type ReportStatus,
} from './report';
import type { Access, ReportDeps } from './report-access';
import type { BodyReportsQuery, CommuneReportsFilter, FollowedReport, NearbyReport, StatusCount } from './report-ports';

export type BodyReportsFilters = Omit<BodyReportsQuery, 'territory' | 'bodyId' | 'now'>;

/** Counts per status stop here: enough to tell a queue's size, a bounded read however large the body. */
export const STATUS_COUNT_CAP = 1000;

/** A commune agent lists their commune's body, a metropolitan agent or an admin any body of their territory. */
const assertListsBody = (principal: Principal, siren: string, bodyId: string): void => {
  const allowed =
    isTerritoryAdmin(principal, siren) ||
    (principal.role === 'agent' &&
      principal.territory === siren &&
      (principal.commune === undefined || principal.commune === bodyId));
  if (!allowed) throw new ForbiddenError(`You may not list the reports of body ${bodyId} of territory ${siren}`);
};

export const makeReadingUseCases = ({ store, territory, objects, clock }: ReportDeps, { requireReport }: Access) => ({
  /**
   * Primary course: while reporting, the citizen sees the open reports of the same category
   * within the radius, nearest first, and may support one instead.
   */
  nearby: async (
    siren: string,
    query: { readonly category: string; readonly lat: number; readonly lon: number; readonly radius: number },
  ): Promise<NearbyReport[]> => {
    if (query.radius > Math.min(MAX_NEARBY_RADIUS, cellSideMetres(NEARBY_PRECISION, query.lat))) {
      throw new InvalidInputError(`The radius is at most ${MAX_NEARBY_RADIUS} m`, [
        { path: 'query.radius', message: `at most ${MAX_NEARBY_RADIUS}` },
      ]);
    }
    await territory.getTerritory(siren);
    const cells = cellWithNeighbours(query.lat, query.lon, NEARBY_PRECISION);
    const open = await store.listOpenInCells(siren, query.category, cells);
    return open
      .map((report) => ({ report, distanceMetres: Math.round(distanceMetres(query, report.location)) }))
      .filter((n) => n.distanceMetres <= query.radius)
      .sort((a, b) => a.distanceMetres - b.distanceMetres)
      .slice(0, MAX_NEARBY_RESULTS);
  },

  /** Primary course: anyone reads a report's public view, its public history and photo links. */
  getPublic: async (
    siren: string,
    id: string,
  ): Promise<{ report: Report; history: HistoryEntry[]; photoUrls: string[] }> => {
    const report = await requireReport(siren, id);
    const [history, photoUrls] = await Promise.all([
      store.history(siren, id),
      Promise.all(report.photos.map((key) => objects.presignDownload(key, PHOTO_LINK_SECONDS))),
    ]);
    return { report, history, photoUrls };
  },

  /**
   * Primary course: a map or a list of a territory's reports, by commune or by a box, newest first;
   * a commune's list may be narrowed to some statuses and categories.
   */
  listPublic: async (
    siren: string,
    query: {
      readonly commune?: string;
      readonly bbox?: readonly [number, number, number, number];
      readonly limit: number;
      readonly cursor?: string;
      readonly statuses?: readonly ReportStatus[];
      readonly categories?: readonly string[];
    },
  ): Promise<Page<Report>> => {
    await territory.getTerritory(siren);
    if (query.commune) {
      const { statuses, categories } = query;
      const filter = { ...(statuses?.length ? { statuses } : {}), ...(categories?.length ? { categories } : {}) };
      return store.listByCommune(siren, query.commune, query.limit, query.cursor, filter);
    }
    const bbox = query.bbox!;
    // A small box reads the fine cells (about its size), a larger one the 5 km cells.
    const fine = cellsCovering(bbox, FINE_MAP_PRECISION, MAX_FINE_MAP_CELLS);
    const cells = fine ?? cellsCovering(bbox, MAP_PRECISION, MAX_MAP_CELLS);
    if (!cells) {
      throw new RuleViolationError(
        `The box is too large for one map request (more than ${MAX_MAP_CELLS} cells of ~5 km): zoom in, or list by commune`,
        'bbox-size',
      );
    }
    const precision = fine ? FINE_MAP_PRECISION : MAP_PRECISION;
    return store.listByCells({ territory: siren, precision, cells, bbox, limit: query.limit, cursor: query.cursor });
  },

  /**
   * Primary course: the reports filed in some communes of a territory during a period, newest
   * first, at most `limit`, maybe only some statuses and categories (Open311's GET requests).
   * Each commune is read by pages of its own index, merged by filing time.
   */
  listFiled: async (
    siren: string,
    query: CommuneReportsFilter & { readonly communes: readonly string[]; readonly limit: number },
  ): Promise<Report[]> => {
    await territory.getTerritory(siren);
    const { communes, limit, ...filter } = query;
    // Pages big enough that a commune is rarely read twice, small enough that 40 of them stay cheap.
    const pageSize = Math.min(limit, Math.max(25, Math.ceil((2 * limit) / Math.max(1, communes.length))));
    const sources = communes.map((commune) => ({
      commune,
      items: [] as Report[],
      cursor: undefined as string | undefined,
      done: false,
    }));
    const refill = async (source: (typeof sources)[number]) => {
      const next = await store.listByCommune(siren, source.commune, pageSize, source.cursor, filter);
      source.items.push(...next.items);
      source.cursor = next.cursor;
      source.done = next.cursor === undefined;
    };
    const filed = (r: Report) => `${r.createdAt}#${r.id}`;
    const result: Report[] = [];
    await Promise.all(sources.map(refill));
    while (result.length < limit) {
      // A source whose buffer ran out may hold the next newest: read its next page first.
      await Promise.all(sources.filter((s) => s.items.length === 0 && !s.done).map(refill));
      const live = sources.filter((s) => s.items.length > 0);
      if (live.length === 0) break;
      const newest = live.reduce((a, b) => (filed(a.items[0]!) >= filed(b.items[0]!) ? a : b));
      result.push(newest.items.shift()!);
    }
    return result;
  },

  /**
   * Primary course: an agent lists their body's reports (a commune agent their commune's, a
   * metropolitan agent or an admin any body's), filtered, sorted by filing time, by pages.
   */
  listForBody: async (
    principal: Principal,
    siren: string,
    bodyId: string,
    filters: BodyReportsFilters,
  ): Promise<Page<Report>> => {
    assertListsBody(principal, siren, bodyId);
    return store.listByBody({ ...filters, territory: siren, bodyId, now: clock.now().toISOString() });
  },

  /**
   * Primary course: the agents who may list a body's reports see how many are in each status,
   * exactly (the body's counts); for a body not yet backfilled, counted up to `cap` (a larger
   * figure is said as "more than cap").
   */
  countForBody: async (
    principal: Principal,
    siren: string,
    bodyId: string,
    cap = STATUS_COUNT_CAP,
  ): Promise<Record<ReportStatus, StatusCount>> => {
    assertListsBody(principal, siren, bodyId);
    return store.countByStatus(siren, bodyId, cap);
  },

  /**
   * Primary course: a signed-in citizen lists the reports they filed or support (and those their
   * own report was found a duplicate of), newest first, by pages.
   */
  listFollowed: (
    principal: Principal,
    siren: string,
    query: { readonly limit: number; readonly cursor?: string },
  ): Promise<Page<FollowedReport>> => store.listFollowedBy(siren, principal.sub, query.limit, query.cursor),

  /** Primary course: an agent reads a report with its contact, its whole history and internal notes. */
  getDetails: async (
    principal: Principal,
    siren: string,
    id: string,
  ): Promise<{ report: Report; history: HistoryEntry[]; photoUrls: string[] }> => {
    const report = await requireReport(siren, id);
    if (!canView(principal, report)) throw new ForbiddenError(`You may not see the details of report ${id}`);
    const [history, photoUrls] = await Promise.all([
      store.history(siren, id),
      Promise.all(report.photos.map((key) => objects.presignDownload(key, PHOTO_LINK_SECONDS))),
    ]);
    return { report, history, photoUrls };
  },
});
