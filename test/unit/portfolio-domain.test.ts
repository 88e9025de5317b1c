/**
 * The portfolio's pure rules with plain objects: the roll-up of progress (Decidim's weighted mean,
 * exact and order-independent), how a change climbs the tree, budget sums in cents, euros as
 * strings, CSV read back exactly (checked against csv-parse), and a CSV row read as a project.
 */
import { parse as parseWithLibrary } from 'csv-parse/sync';
import { formatCsv, parseCsv, CsvSyntaxError } from '../../shared/portfolio/csv';
import { addCents, formatEuros, parseEuros, ratio } from '../../shared/portfolio/money';
import {
  addTotals,
  budgetSummary,
  canManageOwner,
  rolledUpProgress,
  totalsOfLine,
  withDerived,
  type Project,
} from '../../shared/portfolio/portfolio';
import { bodyOfRow, CSV_COLUMNS, projectRow } from '../../shared/portfolio/portfolio-csv';
import { propagate } from '../../shared/portfolio/portfolio-tree';
import { newProject } from '../../shared/portfolio/project-use-cases';
import { admin, agentOf, citizen, metropolitanAgent, SIREN } from '../support/territory-fixtures';

const NOW = '2026-05-12T10:00:00.000Z';
const node = (id: string, extra: Partial<Project> = {}): Project =>
  withDerived({ ...newProject(SIREN, id, NOW), title: id, version: 1, ...extra });

describe('progress rolled up from the children', () => {
  test('children at 40 % and 80 % weighing 0.25 and 0.75 give 70 %', () => {
    expect(
      rolledUpProgress([
        { progress: 40, weight: 0.25, height: 1 },
        { progress: 80, weight: 0.75, height: 1 },
      ]),
    ).toBe(70);
  });

  test('without weights, the plain mean: 60 %', () => {
    expect(
      rolledUpProgress([
        { progress: 40, height: 1 },
        { progress: 80, height: 1 },
      ]),
    ).toBe(60);
  });

  test('one child without a weight: equal weights for all', () => {
    expect(
      rolledUpProgress([
        { progress: 40, weight: 0.25, height: 1 },
        { progress: 80, height: 1 },
      ]),
    ).toBe(60);
  });

  test('exact on integers, whatever the order: a third of a hundredth is rounded once', () => {
    const children = [
      { progress: 33.33, weight: 1, height: 1 },
      { progress: 66.67, weight: 2, height: 1 },
      { progress: 0.01, weight: 0.0003, height: 1 },
    ];
    const values = new Set(
      [children, [...children].reverse(), [children[1]!, children[2]!, children[0]!]].map((c) => rolledUpProgress(c)),
    );
    expect([...values]).toEqual([55.55]); // 166 670 003 / 30 003 hundredths
  });
});

describe('a change climbs the tree', () => {
  test('a leaf moves every ancestor, each from its version read', () => {
    const root = node('R', { children: { P: { progress: 50, height: 2 } }, version: 7 });
    const parent = node('P', {
      parentId: 'R',
      children: { A: { progress: 40, height: 1 }, B: { progress: 60, height: 1 } },
      version: 3,
    });
    const before = node('A', { parentId: 'P', ownProgress: 40 });
    const after = withDerived({ ...before, ownProgress: 100, version: 2 });
    const updated = propagate({ before, after, oldAncestors: [parent, root], newAncestors: [parent, root], now: NOW });
    expect(updated.map((p) => [p.id, p.progress, p.version])).toEqual([
      ['P', 80, 4],
      ['R', 80, 8],
    ]);
  });

  test('a change its parent does not see stops there', () => {
    const root = node('R', { children: { P: { progress: 40, height: 2 } } });
    const parent = node('P', { parentId: 'R', children: { A: { progress: 40, height: 1 } } });
    const before = node('A', { parentId: 'P', ownProgress: 40 });
    const after = { ...before, title: 'renamed', version: 2 };
    expect(propagate({ before, after, oldAncestors: [parent, root], newAncestors: [parent, root], now: NOW })).toEqual(
      [],
    );
  });

  test('a move leaves the old chain and joins the new one, budgets with it', () => {
    const budget = totalsOfLine({ year: 2026, kind: 'investment', planned: 1000, committed: 500, spent: 100 });
    const root = node('R', { children: { P: { progress: 40, height: 2 }, Q: { progress: 0, height: 1 } }, budget });
    const p = node('P', { parentId: 'R', children: { A: { progress: 40, height: 1 } }, budget });
    const q = node('Q', { parentId: 'R' });
    const before = node('A', { parentId: 'P', ownProgress: 40, budget });
    const after = { ...before, parentId: 'Q', version: 2 };
    const updated = new Map(
      propagate({ before, after, oldAncestors: [p, root], newAncestors: [q, root], now: NOW }).map((x) => [x.id, x]),
    );
    expect(updated.get('P')!.children).toEqual({});
    expect(updated.get('P')!.budget).toEqual({});
    expect(updated.get('Q')!.children).toEqual({ A: { progress: 40, height: 1 } });
    expect(updated.get('Q')!.budget).toEqual(budget);
    expect(updated.get('R')!.budget).toEqual(budget);
    expect(updated.get('R')!.height).toBe(3);
  });
});

describe('money', () => {
  test('euros as decimal strings, cents as integers, both ways', () => {
    expect(parseEuros('1250000.5')).toBe(125000050);
    expect(parseEuros('0.1')).toBe(10);
    expect(parseEuros('12.345')).toBeUndefined();
    expect(parseEuros('-3')).toBeUndefined();
    expect(formatEuros(125000050)).toBe('1250000.50');
    expect(formatEuros(45000000)).toBe('450000');
  });

  test('0.10 + 0.20 is 0.30, where floats say 0.30000000000000004', () => {
    expect(formatEuros(addCents(parseEuros('0.10')!, parseEuros('0.20')!))).toBe('0.30');
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  test('consumption is spent / planned, rounded half up to 4 decimals on the integers', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(5, 0)).toBeNull();
  });

  test('totals by year and kind add and subtract exactly, dropping what returns to zero', () => {
    const a = totalsOfLine({ year: 2026, kind: 'investment', planned: 10, committed: 5, spent: 1 });
    const b = totalsOfLine({ year: 2027, kind: 'operating', planned: 20, committed: 0, spent: 0 });
    const both = addTotals(a, b);
    expect(budgetSummary(both).total).toEqual({ planned: 30, committed: 5, spent: 1 });
    expect(addTotals(both, a, -1)).toEqual(b);
  });
});

describe('who manages a project', () => {
  test("a commune's agents theirs, the metropolis's agents the territory's, admins all", () => {
    const commune = { level: 'commune' as const, insee: '31555' };
    const territory = { level: 'territory' as const };
    expect(canManageOwner(agentOf('31555'), SIREN, commune)).toBe(true);
    expect(canManageOwner(agentOf('31149'), SIREN, commune)).toBe(false);
    expect(canManageOwner(agentOf('31555'), SIREN, territory)).toBe(false);
    expect(canManageOwner(metropolitanAgent, SIREN, territory)).toBe(true);
    expect(canManageOwner(metropolitanAgent, SIREN, commune)).toBe(false);
    expect(canManageOwner(admin, SIREN, commune)).toBe(true);
    expect(canManageOwner(admin, '200046977', territory)).toBe(false);
    expect(canManageOwner(citizen('x'), SIREN, territory)).toBe(false);
  });
});

describe('CSV', () => {
  const tricky = [
    ['id', 'nom', 'description'],
    ['1', 'Quai, "Daurade"', 'deux\r\nlignes'],
    ['2', ' espace devant', ''],
    ['3', 'été à Toulouse ; 50 %', '[{"name":"A, B"}]'],
  ];

  test('what formatCsv writes, parseCsv reads back exactly, and csv-parse reads the same', () => {
    const text = formatCsv(tricky);
    expect(parseCsv(text)).toEqual(tricky);
    expect(parseWithLibrary(text, { relax_column_count: false })).toEqual(tricky);
  });

  test('a byte-order mark, LF line ends and semicolons (a French spreadsheet) are read', () => {
    expect(parseCsv('\uFEFFa;b\n1;"x;y"\n')).toEqual([
      ['a', 'b'],
      ['1', 'x;y'],
    ]);
  });

  test('a quote never closed is named with its record', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(CsvSyntaxError);
  });

  test('a project written as a row reads back as the body that makes it', () => {
    const p = node('01JX0000000000000000000000', {
      kind: 'project',
      owner: { level: 'commune', insee: '31555' },
      communes: ['31555', '31149'],
      lead: { bodyId: '31555', serviceId: 'espaces-verts' },
      partners: [{ name: 'Hydrosol', role: 'sondes', experimentation: { startDate: '2026-01-01', outcome: 'ok' } }],
      location: { type: 'point', lat: 43.6, lon: 1.44 },
      ownProgress: 62.5,
      weight: 0.25,
      startDate: '2026-01-01',
    });
    const row = projectRow(p, undefined);
    const cells = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]!]));
    const { body, errors } = bodyOfRow(cells);
    expect(errors).toEqual([]);
    expect(body).toMatchObject({
      title: p.title,
      owner: p.owner,
      communes: ['31555', '31149'],
      lead: p.lead,
      partners: p.partners,
      location: p.location,
      progress: 62.5,
      weight: 0.25,
      phase: 'idea',
      status: 'on-track',
    });
  });
});
