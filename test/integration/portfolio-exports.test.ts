/**
 * The portfolio's exports on DynamoDB Local: the OC4IDS project package validates, project by
 * project, against the OC4IDS 0.9.5 project schema (JSON Schema draft-04, vendored under
 * test/fixtures/oc4ids-0.9.5 with its attribution) with ajv, ajv-draft-04 and ajv-formats, its
 * statuses taken from the closed codelists; the CSV carries projets-territoire's columns and
 * labels, and exact amounts.
 */
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../shared/portfolio/csv';
import { parseEuros } from '../../shared/portfolio/money';
import type { Project } from '../../shared/portfolio/portfolio';
import { CSV_COLUMNS } from '../../shared/portfolio/portfolio-csv';
import {
  admin,
  BLAGNAC,
  metropolitanAgent,
  projectInput,
  setUpPortfolio,
  SIREN,
  TOULOUSE,
} from '../support/portfolio-fixtures';

type Fixture = Awaited<ReturnType<typeof setUpPortfolio>>;
let fixture: Fixture;
const projects: Project[] = [];

const fixtureFile = (name: string) => new URL(`../fixtures/oc4ids-0.9.5/${name}`, import.meta.url);
const codes = (codelist: string) =>
  parseCsv(readFileSync(fixtureFile(`codelists/${codelist}`), 'utf8'))
    .slice(1)
    .map((row) => row[0]);

const validator = () => {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addVocabulary(['codelist', 'openCodelist', 'versionId']);
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(fixtureFile('project-schema.json'), 'utf8')) as object);
};

beforeAll(async () => {
  fixture = await setUpPortfolio('portfolio-exports');
  const { portfolio } = fixture;
  const create = (title: string, extra = {}) =>
    portfolio.createProject(metropolitanAgent, SIREN, projectInput(title, extra));
  const axis = await create('Mobilités durables', { kind: 'axis', communes: [] });
  const programme = await create('Stationnement intelligent', { kind: 'programme', parentId: axis.id });
  const sensors = await create('Capteurs de places libres', {
    parentId: programme.id,
    progress: 45.5,
    weight: 0.6,
    startDate: '2025-09-01',
    endDate: '2027-06-30',
    communes: [TOULOUSE, BLAGNAC],
    location: { type: 'point', lat: 43.6045, lon: 1.4442 },
    partners: [
      {
        name: 'ParkSense',
        siren: '123456789',
        siret: '12345678900012',
        role: 'capteurs',
        experimentation: { startDate: '2025-09-01', endDate: '2026-08-31', outcome: '400 places équipées' },
      },
      { name: 'Tisséo', role: 'exploitant' },
    ],
  });
  const area = await create('Zone de livraison dynamique', {
    parentId: programme.id,
    progress: 100,
    weight: 0.4,
    phase: 'done',
    status: 'finished',
    location: {
      type: 'area',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [1.44, 43.6],
            [1.45, 43.6],
            [1.45, 43.61],
            [1.44, 43.6],
          ],
        ],
      },
    },
  });
  const abandoned = await create('Péage urbain (étude)', { phase: 'study', status: 'abandoned', description: '' });
  for (const [project, planned, spent, year] of [
    [sensors, '1250000.50', '400000.25', 2026],
    [area, '80000', '80000', 2025],
  ] as const)
    await portfolio.saveBudgetLine(metropolitanAgent, SIREN, project.id, undefined, {
      year,
      kind: 'investment',
      planned: parseEuros(planned)!,
      committed: parseEuros(planned)!,
      spent: parseEuros(spent)!,
      funder: 'Banque des Territoires',
    });
  await portfolio.saveBudgetLine(metropolitanAgent, SIREN, sensors.id, undefined, {
    year: 2027,
    kind: 'operating',
    planned: parseEuros('30000')!,
    committed: 0,
    spent: 0,
    funder: 'Toulouse Métropole',
  });
  for (const [state, dueDate] of [
    ['met', '2025-12-01'],
    ['missed', '2026-02-01'],
    ['partlyMet', '2026-03-01'],
    ['scheduled', '2026-12-01'],
  ] as const)
    await portfolio.saveMilestone(metropolitanAgent, SIREN, sensors.id, undefined, {
      title: `Jalon ${state}`,
      dueDate,
      state,
      ...(state === 'met' || state === 'partlyMet' ? { metOn: dueDate } : {}),
    });
  const kpi = await portfolio.saveKpi(metropolitanAgent, SIREN, sensors.id, undefined, {
    name: 'Taux de rotation des places',
    unit: 'véhicules/place/jour',
    baseline: { value: 2.1, date: '2025-01-01' },
    target: { value: 4, date: '2027-06-30' },
    direction: 'higher',
    source: { kind: 'manual' },
  });
  await portfolio.recordValue(metropolitanAgent, SIREN, sensors.id, kpi.id, { date: '2026-04-01', value: 3.2 });
  projects.push(axis, programme, sensors, area, abandoned);
  void admin;
}, 60_000);

describe('OC4IDS', () => {
  test('every project of the package validates against the OC4IDS 0.9.5 project schema', async () => {
    const pkg = await fixture.portfolio.exportOc4ids(SIREN);
    expect(pkg).toMatchObject({ version: '0.9', publisher: { name: 'Toulouse Métropole' } });
    expect(pkg.projects).toHaveLength(5);
    const validate = validator();
    expect(validate({ id: 'oc4ids-x', status: 'ongoing', milestones: [] })).toBe(false); // the schema does refuse
    for (const project of pkg.projects) {
      const valid = validate(project);
      expect({ id: project.id, errors: valid ? [] : validate.errors }).toEqual({ id: project.id, errors: [] });
    }
  });

  test('statuses come from the closed codelists; amounts, parties, locations and metrics are there', async () => {
    const pkg = await fixture.portfolio.exportOc4ids(SIREN);
    const byTitle = new Map(pkg.projects.map((p) => [p.title as string, p as Record<string, any>])); // eslint-disable-line @typescript-eslint/no-explicit-any
    const statuses = codes('projectStatus.csv');
    for (const p of pkg.projects) expect(statuses).toContain(p.status);
    const sensors = byTitle.get('Capteurs de places libres')!;
    expect(sensors.status).toBe('implementation');
    expect(byTitle.get('Zone de livraison dynamique')!.status).toBe('completion');
    expect(byTitle.get('Péage urbain (étude)')!.status).toBe('cancelled');
    expect(sensors.milestones.map((m: { status: string }) => m.status)).toEqual([
      'met',
      'notMet',
      'partiallyMet',
      'scheduled',
    ]);
    for (const m of sensors.milestones) expect(codes('milestoneStatus.csv')).toContain(m.status);
    expect(sensors.budget.amount).toEqual({ amount: 1280000.5, currency: 'EUR' });
    expect(sensors.parties.map((p: { roles: string[] }) => p.roles[0])).toEqual([
      'publicAuthority',
      'experimentation',
      'partner',
    ]);
    expect(sensors.locations.map((l: { id: string }) => l.id)).toEqual(['communes', 'point']);
    expect(sensors.metrics.map((m: { id: string }) => m.id)).toEqual(['progress', expect.stringMatching(/^kpi-/)]);
    expect(sensors.forecasts[0].observations[0].measure).toBe(4);
    expect(byTitle.get('Stationnement intelligent')!.budget.amount.amount).toBe(1360000.5);
  });
});

describe('CSV', () => {
  test("projets-territoire's columns and labels first, exact amounts, parents before children", async () => {
    const [header, ...rows] = parseCsv(await fixture.portfolio.exportCsv(SIREN));
    expect(header).toEqual([...CSV_COLUMNS]);
    const cell = (row: string[], name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)];
    expect(rows.map((r) => cell(r, 'nom'))).toEqual([
      'Mobilités durables',
      'Stationnement intelligent',
      'Capteurs de places libres',
      'Zone de livraison dynamique',
      'Péage urbain (étude)',
    ]);
    const sensors = rows[2]!;
    expect([cell(sensors, 'phase'), cell(sensors, 'phaseStatut')]).toEqual(['Opération', 'En cours']);
    expect(cell(sensors, 'budgetPrevisionnel')).toBe('1280000.50');
    expect(cell(sensors, 'programme')).toBe('Stationnement intelligent');
    expect(cell(rows[0]!, 'budgetPrevisionnel')).toBe('1360000.50');
    expect([cell(rows[4]!, 'phase'), cell(rows[4]!, 'phaseStatut')]).toEqual(['Étude', 'Abandonné']);
    expect(projects).toHaveLength(5);
  });
});
