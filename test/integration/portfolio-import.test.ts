/**
 * CSV import on DynamoDB Local, all or nothing: 85 good rows go in (the demo portfolio's); a file
 * with bad rows changes nothing and names each bad row and why; an export imports back unchanged,
 * and into an empty portfolio it makes the same projects again; a file without ids sent twice
 * creates nothing twice.
 */
import { parseCsv, formatCsv } from '../../shared/portfolio/csv';
import { CSV_COLUMNS } from '../../shared/portfolio/portfolio-csv';
import type { Project } from '../../shared/portfolio/portfolio';
import {
  admin,
  colomiersAgent,
  metropolitanAgent,
  setUpPortfolio,
  SIREN,
  type PortfolioFixture,
} from '../support/portfolio-fixtures';

let fixture: PortfolioFixture;
let goodFile: string;

const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
const snapshot = async () =>
  (await fixture.store.allProjects(SIREN)).sort((a, b) => a.id.localeCompare(b.id)).map((p) => JSON.stringify(p));
/** The CSV without the columns the platform keeps (creation and update times). */
const withoutTimes = (csv: string) =>
  parseCsv(csv).map((row) => row.filter((_, i) => i !== column('createdAt') && i !== column('updatedAt')));

beforeAll(async () => {
  fixture = await setUpPortfolio('portfolio-import');
  // The real territory (37 communes) and the services the demo projects are led by.
  const { importCommunes } = await import('../../shared/territory/import-communes-app');
  const { demoPortfolioCsv, PORTFOLIO_SERVICES } = await import('../../infra/local/demo/portfolio-seed');
  await importCommunes(admin, SIREN);
  for (const service of PORTFOLIO_SERVICES) await fixture.territory.saveService(admin, SIREN, SIREN, service);
  for (const insee of ['31555', '31069'])
    await fixture.territory.saveService(admin, SIREN, insee, { id: 'espaces-verts', name: 'Espaces verts' });
  await fixture.territory.saveService(admin, SIREN, '31555', { id: 'police-municipale', name: 'Police municipale' });
  // Its first 85 rows: 4 axes, 12 programmes, 69 projects (parents come first).
  goodFile = formatCsv(parseCsv(demoPortfolioCsv(SIREN)).slice(0, 86));
}, 60_000);

describe('a good file', () => {
  test('85 good rows go in, with their tree rolled up', async () => {
    const outcome = await fixture.portfolio.importProjects(admin, SIREN, goodFile);
    expect(outcome).toMatchObject({ ok: true, created: 85, updated: 0, unchanged: 0 });
    const projects = await fixture.store.allProjects(SIREN);
    expect(projects).toHaveLength(85);
    const axes = projects.filter((p) => p.kind === 'axis');
    expect(axes).toHaveLength(4);
    const programme = projects.find((p) => p.title === 'Réseau express vélo et mobilités actives')!;
    const children = projects.filter((p) => p.parentId === programme.id);
    const weighted = children.reduce((sum, c) => sum + c.progress * c.weight!, 0);
    expect(children).toHaveLength(6);
    expect(programme.progress).toBeCloseTo(weighted, 2);
    expect(new Set(projects.map((p) => p.domain)).size).toBe(14);
  }, 60_000);

  test('sent again, it changes nothing', async () => {
    expect(await fixture.portfolio.importProjects(admin, SIREN, goodFile)).toMatchObject({
      ok: true,
      created: 0,
      updated: 0,
      unchanged: 85,
    });
  }, 60_000);
});

describe('a bad file', () => {
  test('changes nothing, and the answer names each bad row and why', async () => {
    const before = await snapshot();
    const [header, ...rows] = parseCsv(goodFile);
    const edited = rows.slice(0, 12).map((row) => [...row]);
    edited[0]![column('nom')] = 'Un titre changé (ne doit pas être écrit)';
    edited[1]![column('domain')] = 'mobilite';
    edited[3]![column('communes')] = '["75056"]';
    edited[5]![column('parentId')] = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
    edited[7]![column('progress')] = 'beaucoup';
    edited[8]![column('leadService')] = 'inconnu';
    edited[9]![column('id')] = edited[10]![column('id')]!;
    edited[11]![column('nom')] = '';
    const outcome = await fixture.portfolio.importProjects(admin, SIREN, formatCsv([header!, ...edited]));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.rows.map((r) => r.row)).toEqual([3, 5, 7, 9, 10, 12, 13]);
    const why = Object.fromEntries(outcome.rows.map((r) => [r.row, r.errors.join(' | ')]));
    expect(why[3]).toMatch(/domain/);
    expect(why[5]).toMatch(/75056/);
    expect(why[7]).toMatch(/parentId: no project/);
    expect(why[9]).toMatch(/progress: "beaucoup" is not a number/);
    expect(why[10]).toMatch(/leadService/);
    expect(why[12]).toMatch(/already the id of row 11/);
    expect(why[13]).toMatch(/title/);
    expect(await snapshot()).toEqual(before);
  });

  test('an unreadable file is refused whole, naming where', async () => {
    const unclosed = await fixture.portfolio.importProjects(admin, SIREN, 'nom,domain\n"Pistes,mobility\n');
    expect(unclosed).toMatchObject({ ok: false, rows: [{ row: 2 }] });
    const noTitle = await fixture.portfolio.importProjects(admin, SIREN, 'titre,domain\nPistes,mobility\n');
    expect(noTitle).toMatchObject({ ok: false, rows: [{ row: 1, errors: ['missing columns: nom'] }] });
  });

  test("a commune's agent may import its commune's projects only: the others' rows are refused", async () => {
    const file =
      'nom,domain,owner,leadBody\nJardins,environment,31149,31149\nVoirie,public-space,territory,243100518\n';
    const outcome = await fixture.portfolio.importProjects(colomiersAgent, SIREN, file);
    expect(outcome).toMatchObject({ ok: false, rows: [{ row: 3 }] });
    expect(outcome.ok ? [] : outcome.rows[0]!.errors[0]).toMatch(/owner/);
  });
});

describe('round trip', () => {
  let exported: string;

  test('an export imports back unchanged', async () => {
    exported = await fixture.portfolio.exportCsv(SIREN);
    expect(parseCsv(exported)[0]).toEqual([...CSV_COLUMNS]);
    expect(await fixture.portfolio.importProjects(admin, SIREN, exported)).toMatchObject({ ok: true, unchanged: 85 });
  }, 60_000);

  test('into an emptied portfolio, it makes the same projects, which export the same', async () => {
    const byHeight = (await fixture.store.allProjects(SIREN)).sort((a: Project, b: Project) => a.height - b.height);
    for (const p of byHeight) await fixture.portfolio.deleteProject(admin, SIREN, p.id);
    expect(await fixture.store.allProjects(SIREN)).toHaveLength(0);
    expect(await fixture.portfolio.importProjects(admin, SIREN, exported)).toMatchObject({ ok: true, created: 85 });
    expect(withoutTimes(await fixture.portfolio.exportCsv(SIREN))).toEqual(withoutTimes(exported));
  }, 120_000);

  test('a file without ids sent twice creates its projects once', async () => {
    const file = 'nom,domain,communes\nBornes à vélo,mobility,31555;31069\nBancs connectés,public-space,\n';
    expect(await fixture.portfolio.importProjects(metropolitanAgent, SIREN, file)).toMatchObject({
      ok: true,
      created: 2,
    });
    expect(await fixture.portfolio.importProjects(metropolitanAgent, SIREN, file)).toMatchObject({
      ok: true,
      unchanged: 2,
    });
    expect(await fixture.store.allProjects(SIREN)).toHaveLength(87);
  });
});
