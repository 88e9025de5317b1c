/**
 * KPIs of a project: a name, a unit, a baseline and a target, a direction, and values — entered by
 * agents, or computed live (daily by a scheduled trigger, and on demand) from the sensors' daily
 * rollups or the reports' SLA statistics, each through that context's own use case, so a value
 * equals what its API answers for the same period. One value per KPI and day: the history a chart
 * shows.
 */
import { addDays } from '../calendar/local-date';
import { ConflictError, NotFoundError, RuleViolationError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import type { Principal } from '../kernel/principal';
import type { Page } from '../kernel/schemas';
import {
  assertCanManageOwner,
  type Kpi,
  type KpiPoint,
  type KpiSource,
  type LiveKpiSource,
  type Project,
} from './portfolio';
import { retryWhileStale, STALE, type Access, type PortfolioDeps } from './portfolio-access';
import { portfolioChanged } from './portfolio-events';
import type { PageRequest, SensorMeasures, ServiceQuality } from './portfolio-ports';

export interface KpiInput {
  readonly name: string;
  readonly unit: string;
  readonly baseline?: { readonly value: number; readonly date: string };
  readonly target?: { readonly value: number; readonly date: string };
  readonly direction: 'higher' | 'lower';
  readonly source: KpiSource;
}

/** Where live values come from; a deployment without one refuses KPIs of that kind. */
export interface LiveSources {
  readonly sensors?: SensorMeasures;
  readonly reports?: ServiceQuality;
}

export interface LiveValue {
  readonly value: number;
  readonly period: { readonly from: string; readonly to: string };
  readonly detail: KpiPoint['detail'];
}

const midnight = (day: string) => `${day}T00:00:00.000Z`;

/**
 * A live KPI's value on `day` (UTC) over the `periodDays` whole days before it: [day − n, day).
 * Sensors: Σ sum / Σ count of the daily rollups of the selected sensors (the mean of every reading
 * in the period), the sum added exactly. Reports: the SLA statistics' figure for the commune (and
 * category) with from = day − n, to = day. Undefined when there is nothing to compute from.
 */
export const computeLiveValue = async (
  sources: LiveSources,
  siren: string,
  source: LiveKpiSource,
  day: string,
): Promise<LiveValue | undefined> => {
  const first = addDays(day, -source.periodDays);
  const period = { from: midnight(first), to: midnight(day) };
  if (source.kind === 'sensors') {
    if (!sources.sensors) throw new RuleViolationError('No sensor data here', 'kpi-source-available');
    const { sensors, count, sum } = await sources.sensors.dailyTotals(siren, source, first, addDays(day, -1));
    if (count === 0) return undefined;
    return { value: Number(sum) / count, period, detail: { count, sum, sensors } };
  }
  if (!sources.reports) throw new RuleViolationError('No report statistics here', 'kpi-source-available');
  const { value, filed, judged } = await sources.reports.figure(
    siren,
    source.commune,
    source.category,
    source.figure,
    period,
  );
  if (value === null) return undefined;
  return { value, period, detail: { filed, judged } };
};

export const makeKpiUseCases = (deps: PortfolioDeps, access: Access, sources: LiveSources = {}) => {
  const { store, clock, directory } = deps;
  const { requireProject } = access;

  const managed = async (principal: Principal, siren: string, projectId: string): Promise<Project> => {
    const project = await requireProject(siren, projectId);
    assertCanManageOwner(principal, siren, project.owner);
    return project;
  };

  const requireKpi = async (siren: string, projectId: string, kpiId: string): Promise<Kpi> => {
    const kpi = await store.getKpi(siren, projectId, kpiId);
    if (!kpi) throw new NotFoundError(`Project ${projectId} has no KPI ${kpiId}`);
    return kpi;
  };

  const checkSource = async (siren: string, source: KpiSource) => {
    if (source.kind === 'manual') return;
    const communes = await directory.communes(siren);
    if (source.kind === 'sensors') {
      if (!source.communes?.length && !source.sensorIds?.length)
        throw new RuleViolationError('A sensor KPI names its communes or its sensors', 'kpi-sensor-selection');
      const unknown = (source.communes ?? []).filter((insee) => !communes.has(insee));
      if (unknown.length > 0)
        throw new RuleViolationError(`${unknown.join(', ')}: not communes of territory ${siren}`, 'kpi-communes');
    } else if (!communes.has(source.commune)) {
      throw new RuleViolationError(`${source.commune} is not a commune of territory ${siren}`, 'kpi-communes');
    }
  };

  /** One attempt at writing a value of `day`: the point, and the KPI's latest when it is the newest. */
  const writePoint = async (principal: Principal | undefined, kpi: Kpi, point: KpiPoint) => {
    const now = clock.now().toISOString();
    const newest = !kpi.latest || kpi.latest.date <= point.date;
    const after: Kpi = {
      ...kpi,
      ...(newest ? { latest: { date: point.date, value: point.value } } : {}),
      updatedAt: now,
      version: kpi.version + 1,
    };
    // People's values are audited; computed ones are data, not administrative changes.
    const events = principal
      ? [
          portfolioChanged(clock, principal, kpi.territory, kpi.projectId, 'kpi-value-recorded', `/kpi/${kpi.id}`, {
            before: kpi.latest ?? null,
            after: { date: point.date, value: point.value },
          }),
        ]
      : [];
    const outcome = await store.commit({
      kpi: { before: kpi, after },
      kpiPoint: { projectId: kpi.projectId, point },
      events,
    });
    return outcome === 'stale' ? STALE : point;
  };

  /** Computes a live KPI's value of today (UTC) and keeps it as the day's point. */
  const compute = async (siren: string, projectId: string, kpiId: string): Promise<KpiPoint | null> =>
    retryWhileStale(async () => {
      const kpi = await requireKpi(siren, projectId, kpiId);
      if (kpi.source.kind === 'manual')
        throw new RuleViolationError(`KPI ${kpiId} takes values entered by agents`, 'kpi-live');
      const day = clock.now().toISOString().slice(0, 10);
      const live = await computeLiveValue(sources, siren, kpi.source, day);
      if (!live) return null;
      const point: KpiPoint = {
        kpiId,
        date: day,
        value: live.value,
        source: kpi.source.kind,
        period: live.period,
        ...(live.detail ? { detail: live.detail } : {}),
        recordedAt: clock.now().toISOString(),
      };
      return writePoint(undefined, kpi, point);
    });

  return {
    listKpis: async (siren: string, projectId: string): Promise<Kpi[]> => {
      await requireProject(siren, projectId);
      return store.listKpis(siren, projectId);
    },

    getKpi: requireKpi,

    /** Primary course: an agent defines a KPI of its project, with its target and where its values come from. */
    saveKpi: async (
      principal: Principal,
      siren: string,
      projectId: string,
      kpiId: string | undefined,
      input: KpiInput & { readonly version?: number },
    ): Promise<Kpi> => {
      await checkSource(siren, input.source);
      const id = kpiId ?? newId();
      return retryWhileStale(async () => {
        await managed(principal, siren, projectId);
        const before = kpiId ? await store.getKpi(siren, projectId, kpiId) : undefined;
        if (kpiId && !before) throw new NotFoundError(`Project ${projectId} has no KPI ${kpiId}`);
        if (before && input.version !== undefined && input.version !== before.version)
          throw new ConflictError(
            `KPI ${id} changed meanwhile (version ${before.version}, not ${input.version}): read it again`,
          );
        const now = clock.now().toISOString();
        const { version: _version, baseline, target, ...fields } = input;
        const after: Kpi = {
          id,
          territory: siren,
          projectId,
          ...fields,
          ...(baseline ? { baseline } : {}),
          ...(target ? { target } : {}),
          ...(before?.latest && before.source.kind === input.source.kind ? { latest: before.latest } : {}),
          createdAt: before?.createdAt ?? now,
          updatedAt: now,
          version: (before?.version ?? 0) + 1,
        };
        const event = portfolioChanged(clock, principal, siren, projectId, 'kpi-saved', `/kpi/${id}`, {
          before: before ?? null,
          after,
        });
        return (await store.commit({ kpi: { before, after }, events: [event] })) === 'stale' ? STALE : after;
      });
    },

    deleteKpi: async (principal: Principal, siren: string, projectId: string, kpiId: string): Promise<void> => {
      await retryWhileStale(async () => {
        await managed(principal, siren, projectId);
        const before = await requireKpi(siren, projectId, kpiId);
        const event = portfolioChanged(clock, principal, siren, projectId, 'kpi-deleted', `/kpi/${kpiId}`, {
          before,
          after: null,
        });
        return (await store.commit({ kpi: { before }, events: [event] })) === 'stale' ? STALE : true;
      });
      await store.deleteKpiHistory(siren, projectId, kpiId);
    },

    /** Primary course: an agent enters a manual KPI's value of a day (replacing that day's). */
    recordValue: async (
      principal: Principal,
      siren: string,
      projectId: string,
      kpiId: string,
      input: { readonly date: string; readonly value: number },
    ): Promise<KpiPoint> =>
      retryWhileStale(async () => {
        await managed(principal, siren, projectId);
        const kpi = await requireKpi(siren, projectId, kpiId);
        if (kpi.source.kind !== 'manual')
          throw new RuleViolationError(
            `KPI ${kpiId} is computed from the ${kpi.source.kind}: its values are not entered`,
            'kpi-manual',
          );
        const point: KpiPoint = {
          kpiId,
          date: input.date,
          value: input.value,
          source: 'manual',
          recordedAt: clock.now().toISOString(),
        };
        return writePoint(principal, kpi, point);
      }),

    /** Primary course: an agent asks for a live KPI's value now (the daily trigger does the same). */
    computeKpi: async (
      principal: Principal,
      siren: string,
      projectId: string,
      kpiId: string,
    ): Promise<KpiPoint | null> => {
      await managed(principal, siren, projectId);
      return compute(siren, projectId, kpiId);
    },

    history: async (
      siren: string,
      projectId: string,
      kpiId: string,
      page: PageRequest & { readonly descending?: boolean },
    ): Promise<Page<KpiPoint>> => {
      await requireKpi(siren, projectId, kpiId);
      return store.kpiHistory(siren, projectId, kpiId, page);
    },

    /** The last `days` values of a KPI, oldest first: the trend a chart draws. */
    trend: async (siren: string, projectId: string, kpiId: string, days = 30): Promise<KpiPoint[]> =>
      [...(await store.kpiHistory(siren, projectId, kpiId, { limit: days, descending: true })).items].reverse(),

    /**
     * Primary course (daily): every live KPI of every territory gets its value of the day. A KPI
     * whose source fails is left for tomorrow; the others go on.
     */
    computeLiveKpis: async (): Promise<{ computed: number; empty: number; failed: string[] }> => {
      let [computed, empty] = [0, 0];
      const failed: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listLiveKpis({ limit: 100, cursor });
        for (const ref of page.items) {
          try {
            if (await compute(ref.territory, ref.projectId, ref.kpiId)) computed++;
            else empty++;
          } catch (error) {
            if (error instanceof NotFoundError) continue;
            failed.push(`${ref.territory}/${ref.projectId}/${ref.kpiId}: ${(error as Error).message}`);
          }
        }
        cursor = page.cursor;
      } while (cursor);
      return { computed, empty, failed };
    },
  };
};
