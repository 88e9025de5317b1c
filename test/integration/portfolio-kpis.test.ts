/**
 * KPIs on DynamoDB Local: a live NO2 KPI equals the mean the NGSI-LD temporal API gives for the
 * same sensors and period (its daily sums and counts), a report KPI equals the SLA statistics
 * route's figure for the same period, both asked over HTTP from the handlers that serve them;
 * manual values keep one point per day, and the daily computation keeps one point a day too.
 */
import { freePort } from '../../infra/local/free-port';
import { createGateway, type Gateway } from '../../infra/local/gateway';
import { createHandlerLoader } from '../../infra/local/handler-loader';
import type { Project } from '../../shared/portfolio/portfolio';
import { reportRoutes } from '../../shared/reports/report-routes';
import { addExact } from '../../shared/sensors/exact-sum';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';
import { metropolitanAgent, projectInput, SIREN, TOULOUSE } from '../support/portfolio-fixtures';
import { setUpPortfolioWithSources } from '../support/portfolio-fixtures';
import { CAPITOLE, COLOMIERS_CENTRE, citizen, north, pothole } from '../support/reports-fixtures';
import { batchOf, checkedAnswers } from '../support/sensors-fixtures';
import { admin } from '../support/territory-fixtures';

type Fixture = Awaited<ReturnType<typeof setUpPortfolioWithSources>>;
let fixture: Fixture;
let gateway: Gateway;
let url: string;
let project: Project;

const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const dayAt = (daysAgo: number, hour: number, minute = 0) => {
  const midnight = Date.parse(`${today()}T00:00:00.000Z`);
  return new Date(midnight - daysAgo * DAY + hour * 3_600_000 + minute * 60_000).toISOString();
};
const get = async <T>(path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${url}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as T };
};

interface AggregatedEntity {
  readonly no2?: {
    readonly sum: [number, string, string][];
    readonly totalCount: [number, string, string][];
    readonly avg?: [number, string, string][];
  };
}

/** What the NGSI-LD temporal API says of a sensor's NO2 over [from, to): its daily sums, counts and means. */
const temporal = async (sensorId: string, from: string, to: string, methods = 'sum,totalCount,avg') => {
  const id = `urn:ngsi-ld:AirQualityObserved:${SIREN}:${sensorId}`;
  const query = `attrs=no2&aggrMethods=${methods}&aggrPeriodDuration=P1D&timerel=between&timeAt=${from}&endTimeAt=${to}`;
  const response = await get<AggregatedEntity>(`/ngsi-ld/v1/temporal/entities/${encodeURIComponent(id)}?${query}`, {
    'NGSILD-Tenant': SIREN,
  });
  expect(response.status).toBe(200);
  return response.body.no2;
};

beforeAll(async () => {
  fixture = await setUpPortfolioWithSources('portfolio-kpis');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const routes = [...Object.values(sensorRoutes), ...Object.values(reportRoutes)];
  gateway = createGateway({ routes, loadHandler: createHandlerLoader(), ...(await checkedAnswers(routes)) });
  await gateway.listen(port);
  gateway.open();

  const { sensors, ingestion } = fixture;
  await sensors.registerPartner(admin, SIREN, { id: 'atmo', name: 'Atmo Occitanie', kind: 'association' });
  const save = (id: string, location: { lat: number; lon: number }) =>
    sensors.saveSensor(admin, SIREN, id, {
      type: 'AirQualityObserved',
      name: id,
      partnerId: 'atmo',
      location,
      properties: ['no2', 'pm10'],
    });
  await save('air-1', CAPITOLE);
  await save('air-2', { lat: 43.6114, lon: 1.4536 }); // Matabiau, Toulouse
  await save('air-3', COLOMIERS_CENTRE);
  const readings = [];
  for (const [sensorId, base] of [
    ['air-1', 20.1],
    ['air-2', 31.37],
    ['air-3', 12.5],
  ] as const)
    for (const daysAgo of [1, 2, 3, 6])
      for (const hour of [7, 8, 18])
        readings.push({
          sensorId,
          property: 'no2',
          value: Number((base + hour * 0.33 + daysAgo * 1.7).toFixed(2)),
          observedAt: dayAt(daysAgo, hour),
        });
  // Today's readings: outside a period that ends at midnight.
  readings.push({ sensorId: 'air-1', property: 'no2', value: 999, observedAt: dayAt(0, 0, 5) });
  await ingestion.writeObservations(batchOf(readings));

  project = await fixture.portfolio.createProject(
    metropolitanAgent,
    SIREN,
    projectInput("Qualité de l'air", { domain: 'environment', lead: { bodyId: SIREN, serviceId: 'environnement' } }),
  );
});

afterAll(() => gateway.close());

describe('a live NO2 KPI', () => {
  test('equals the mean of the NGSI-LD temporal API for the same sensors and period', async () => {
    const kpi = await fixture.portfolio.saveKpi(metropolitanAgent, SIREN, project.id, undefined, {
      name: 'NO2 moyen à Toulouse sur 7 jours',
      unit: 'µg/m³',
      target: { value: 25, date: '2027-12-31' },
      direction: 'lower',
      source: {
        kind: 'sensors',
        property: 'no2',
        sensorType: 'AirQualityObserved',
        communes: [TOULOUSE],
        periodDays: 7,
      },
    });
    const point = await fixture.portfolio.computeKpi(metropolitanAgent, SIREN, project.id, kpi.id);
    expect(point).not.toBeNull();
    expect(point!.period).toEqual({
      from: `${new Date(Date.now() - 7 * DAY).toISOString().slice(0, 10)}T00:00:00.000Z`,
      to: `${today()}T00:00:00.000Z`,
    });
    expect(point!.detail).toMatchObject({ sensors: ['air-1', 'air-2'], count: 24 });

    // The same sensors, the same period, from the NGSI-LD temporal API: Σ sum / Σ totalCount.
    let [sum, count] = ['0', 0];
    for (const sensorId of ['air-1', 'air-2']) {
      const no2 = (await temporal(sensorId, point!.period!.from, point!.period!.to))!;
      sum = addExact(
        sum,
        no2.sum.map(([value]) => value),
      );
      count += no2.totalCount.reduce((total, [value]) => total + value, 0);
    }
    expect(count).toBe(24);
    expect(point!.value).toBe(Number(sum) / count);
    expect((await fixture.portfolio.getKpi(SIREN, project.id, kpi.id)).latest).toEqual({
      date: today(),
      value: point!.value,
    });
  });

  test("over one sensor and one day it is that day's avg in the NGSI-LD answer", async () => {
    const kpi = await fixture.portfolio.saveKpi(metropolitanAgent, SIREN, project.id, undefined, {
      name: 'NO2 hier au Capitole',
      unit: 'µg/m³',
      direction: 'lower',
      source: { kind: 'sensors', property: 'no2', sensorIds: ['air-1'], periodDays: 1 },
    });
    const point = (await fixture.portfolio.computeKpi(metropolitanAgent, SIREN, project.id, kpi.id))!;
    const no2 = (await temporal('air-1', point.period!.from, point.period!.to))!;
    expect(no2.avg).toHaveLength(1);
    expect(point.value).toBe(no2.avg![0]![0]);
  });
});

describe('a report KPI', () => {
  test("equals the SLA statistics route's figure for the commune, category and period", async () => {
    const { reports, clock } = fixture;
    const at = (daysAgo: number, hour = 9) => clock.set(Date.now() - daysAgo * DAY + (hour - 12) * 3_600_000);
    const resolve = async (report: { id: string; version: number }) => {
      const acknowledged = await reports.changeStatus(metropolitanAgent, SIREN, report.id, {
        to: 'acknowledged',
        version: report.version,
      });
      return reports.changeStatus(metropolitanAgent, SIREN, report.id, {
        to: 'resolved',
        version: acknowledged.version,
      });
    };
    at(20);
    const fast = await reports.fileReport(citizen('c-1'), SIREN, pothole(CAPITOLE));
    at(19);
    await resolve(fast);
    at(25);
    const slow = await reports.fileReport(citizen('c-2'), SIREN, pothole(north(CAPITOLE, 200)));
    at(5);
    await resolve(slow);
    at(16);
    await reports.fileReport(citizen('c-3'), SIREN, pothole(north(CAPITOLE, 400)));
    clock.release();

    const kpi = await fixture.portfolio.saveKpi(metropolitanAgent, SIREN, project.id, undefined, {
      name: 'Nids-de-poule résolus dans les délais à Toulouse',
      unit: 'part',
      target: { value: 0.9, date: '2026-12-31' },
      direction: 'higher',
      source: { kind: 'reports', commune: TOULOUSE, category: 'voirie', figure: 'shareWithinTarget', periodDays: 30 },
    });
    const point = (await fixture.portfolio.computeKpi(metropolitanAgent, SIREN, project.id, kpi.id))!;
    const { from, to } = point.period!;
    const route = await get<{ categories: { category: string; shareWithinTarget: number | null; judged: number }[] }>(
      `/territories/${SIREN}/communes/${TOULOUSE}/sla-statistics?from=${from}&to=${to}`,
    );
    expect(route.status).toBe(200);
    const voirie = route.body.categories.find((c) => c.category === 'voirie')!;
    expect(voirie.judged).toBe(3);
    expect(point.value).toBe(voirie.shareWithinTarget);
    expect(point.value).toBeCloseTo(1 / 3, 3);
  });
});

describe('manual KPIs and the daily computation', () => {
  test('values entered by agents keep one point per day, oldest first, and move the latest', async () => {
    const kpi = await fixture.portfolio.saveKpi(metropolitanAgent, SIREN, project.id, undefined, {
      name: 'Arbres plantés',
      unit: 'arbres',
      baseline: { value: 0, date: '2025-01-01' },
      target: { value: 1000, date: '2027-12-31' },
      direction: 'higher',
      source: { kind: 'manual' },
    });
    for (const [date, value] of [
      ['2026-03-01', 120],
      ['2026-04-01', 260],
      ['2026-04-01', 280],
      ['2026-02-01', 40],
    ] as const)
      await fixture.portfolio.recordValue(metropolitanAgent, SIREN, project.id, kpi.id, { date, value });
    const history = await fixture.portfolio.history(SIREN, project.id, kpi.id, { limit: 10 });
    expect(history.items.map((p) => [p.date, p.value])).toEqual([
      ['2026-02-01', 40],
      ['2026-03-01', 120],
      ['2026-04-01', 280],
    ]);
    expect((await fixture.portfolio.getKpi(SIREN, project.id, kpi.id)).latest).toEqual({
      date: '2026-04-01',
      value: 280,
    });
    await expect(fixture.portfolio.computeKpi(metropolitanAgent, SIREN, project.id, kpi.id)).rejects.toMatchObject({
      rule: 'kpi-live',
    });
  });

  test('a live KPI takes no value by hand (422); the daily run writes one point a day however often it runs', async () => {
    const [live] = (await fixture.portfolio.listKpis(SIREN, project.id)).filter((k) => k.source.kind === 'sensors');
    await expect(
      fixture.portfolio.recordValue(metropolitanAgent, SIREN, project.id, live!.id, { date: today(), value: 1 }),
    ).rejects.toMatchObject({ rule: 'kpi-manual' });
    const first = await fixture.portfolio.computeLiveKpis();
    const second = await fixture.portfolio.computeLiveKpis();
    expect(first).toMatchObject({ computed: 3, failed: [] });
    expect(second.computed).toBe(3);
    const history = await fixture.portfolio.history(SIREN, project.id, live!.id, { limit: 10 });
    expect(history.items.map((p) => p.date)).toEqual([today()]);
  });
});
