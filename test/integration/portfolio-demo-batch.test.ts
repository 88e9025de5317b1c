/**
 * The demo portfolio's batched writes (infra/local/demo/portfolio-batch.ts) on DynamoDB Local: the
 * use cases run on the batching store leave the table as they leave it change by change — same
 * projects with the same roll-ups and versions, budget lines, milestones, KPIs and values, one
 * outbox event per change — and the batch refuses to land over a record changed meanwhile.
 */
import { parseEuros } from '../../shared/portfolio/money';
import type { Project } from '../../shared/portfolio/portfolio';
import { inputOf } from '../../shared/portfolio/project-use-cases';
import {
  metropolitanAgent,
  projectInput,
  setUpPortfolio,
  SIREN,
  type PortfolioFixture,
} from '../support/portfolio-fixtures';

let fixture: PortfolioFixture;
type UseCases = PortfolioFixture['portfolio'];

/** A small tree with its details, titles prefixed: the same changes whatever store the use cases run on. */
const build = async (portfolio: UseCases, prefix: string) => {
  const create = (title: string, extra = {}) =>
    portfolio.createProject(metropolitanAgent, SIREN, projectInput(`${prefix} ${title}`, extra));
  const axis = await create('axe', { kind: 'axis' });
  const programme = await create('programme', { kind: 'programme', parentId: axis.id });
  const schools = await create('écoles', { parentId: programme.id, progress: 40, weight: 0.25 });
  const gyms = await create('gymnases', { parentId: programme.id, progress: 80, weight: 0.75 });
  for (const [project, planned] of [
    [schools, '1234567.89'],
    [gyms, '0.10'],
    [gyms, '0.20'],
  ] as const)
    await portfolio.saveBudgetLine(metropolitanAgent, SIREN, project.id, undefined, {
      year: 2026,
      kind: 'investment',
      planned: parseEuros(planned)!,
      committed: parseEuros(planned)!,
      spent: parseEuros('0')!,
      funder: 'Région Occitanie',
    });
  await portfolio.saveMilestone(metropolitanAgent, SIREN, schools.id, undefined, {
    title: 'Marché notifié',
    dueDate: '2026-01-15',
    state: 'missed',
  });
  const late = await portfolio.getProject(SIREN, schools.id);
  await portfolio.updateProject(metropolitanAgent, SIREN, schools.id, {
    ...inputOf(late),
    status: 'late',
    version: late.version,
  });
  const kpi = await portfolio.saveKpi(metropolitanAgent, SIREN, gyms.id, undefined, {
    name: 'Consommation de chauffage',
    unit: 'MWh',
    direction: 'lower',
    source: { kind: 'manual' },
  });
  for (const [date, value] of [
    ['2026-01-01', 120],
    ['2026-02-01', 110],
  ] as const)
    await portfolio.recordValue(metropolitanAgent, SIREN, gyms.id, kpi.id, { date, value });
};

/** What the table holds of the prefixed tree, ids replaced by titles (they are drawn at random). */
const written = async (prefix: string) => {
  const { store } = fixture;
  const projects = (await store.allProjects(SIREN)).filter((p) => p.title.startsWith(`${prefix} `));
  const titleOf = new Map(projects.map((p) => [p.id, p.title.slice(prefix.length)]));
  const named = (id: string | undefined) => (id === undefined ? undefined : titleOf.get(id));
  const withoutIds = <T extends { id?: string; projectId?: string; kpiId?: string }>(r: T) => {
    const { id: _id, projectId: _projectId, kpiId: _kpiId, ...rest } = r;
    return rest;
  };
  return Promise.all(
    projects
      .sort((a, b) => a.title.localeCompare(b.title))
      .map(async (p: Project) => {
        const kpis = await store.listKpis(SIREN, p.id);
        return {
          ...withoutIds(p),
          title: named(p.id),
          description: p.description.slice(prefix.length),
          parentId: named(p.parentId),
          children: Object.fromEntries(
            Object.entries(p.children)
              .map(([id, child]) => [named(id)!, child] as const)
              .sort(([a], [b]) => a.localeCompare(b)),
          ),
          // Lines of one year and kind come in the order of their ids: by amount here.
          lines: (await store.listBudgetLines(SIREN, p.id)).map(withoutIds).sort((a, b) => a.planned - b.planned),
          milestones: (await store.listMilestones(SIREN, p.id)).map(withoutIds),
          kpis: await Promise.all(
            kpis.map(async (k) => ({
              ...withoutIds(k),
              values: (await store.kpiHistory(SIREN, p.id, k.id, { limit: 10 })).items.map(withoutIds),
            })),
          ),
        };
      }),
  );
};

/** The types of the outbox's events that occurred at `at` (the clock stands still). */
const outboxEvents = async (at: string) => {
  const { INDEXES, queryAll } = await import('../../shared/runtime/dynamo');
  // Not dispatched here (no queues in this test): every event stays on the pending index.
  const pending = await queryAll({
    IndexName: INDEXES.gsi1,
    KeyConditionExpression: 'gsi1pk = :pending AND gsi1sk BETWEEN :at AND :end',
    ExpressionAttributeValues: { ':pending': 'OUTBOX#PENDING', ':at': at, ':end': `${at}~` },
  });
  return pending.map((item) => (item.event as { type: string }).type).sort();
};

beforeAll(async () => {
  fixture = await setUpPortfolio('portfolio-demo-batch', { start: '2026-03-02T09:00:00.000Z' });
});

test('the batch leaves the table as the changes one by one do, with one event each', async () => {
  const { batchedPortfolioStore } = await import('../../infra/local/demo/portfolio-batch');
  fixture.clock.set('2026-03-02T09:00:00.000Z');
  await build(fixture.portfolio, 'D');
  const direct = await outboxEvents('2026-03-02T09:00:00.000Z');

  fixture.clock.set('2026-03-02T10:00:00.000Z');
  const batch = batchedPortfolioStore(fixture.store);
  await build(fixture.makePortfolioUseCases({ ...fixture.deps, store: batch.store }), 'B');
  expect(await written('B')).toEqual([]); // nothing lands before write()
  expect(await batch.write()).toBe(direct.length);

  const [one, batched] = [await written('D'), await written('B')];
  const timesApart = (rows: unknown) => JSON.stringify(rows).replaceAll('T10:00', 'T09:00');
  expect(timesApart(batched)).toEqual(JSON.stringify(one));
  expect(await outboxEvents('2026-03-02T10:00:00.000Z')).toEqual(direct);
  expect(await batch.write()).toBe(0);
}, 60_000);

test('a record changed after the batch read it: the batch does not land over it', async () => {
  const { batchedPortfolioStore } = await import('../../infra/local/demo/portfolio-batch');
  const axis = await fixture.portfolio.createProject(
    metropolitanAgent,
    SIREN,
    projectInput('Axe disputé', { kind: 'axis' }),
  );
  const batch = batchedPortfolioStore(fixture.store);
  const batched = fixture.makePortfolioUseCases({ ...fixture.deps, store: batch.store });
  await batched.createProject(metropolitanAgent, SIREN, projectInput('Projet du lot', { parentId: axis.id }));
  // Meanwhile an agent renames the axis (its version moves on).
  await fixture.portfolio.updateProject(metropolitanAgent, SIREN, axis.id, {
    ...inputOf(axis),
    title: 'Axe renommé',
    version: axis.version,
  });
  await expect(batch.write()).rejects.toThrow(fixture.errors.ConflictError);
  const titles = (await fixture.store.allProjects(SIREN)).map((p) => p.title);
  expect(titles).toContain('Axe renommé');
  expect(titles).not.toContain('Projet du lot');
}, 60_000);
