/**
 * Budget lines on DynamoDB Local: amounts are integer cents, so sums up the tree are exact
 * decimals (0.10 + 0.20 = 0.30), under 20 concurrent lines too; consumption per year and in all;
 * a moved project carries its totals from its old parent to its new one.
 */
import { formatEuros, parseEuros } from '../../shared/portfolio/money';
import { budgetSummary, type Project } from '../../shared/portfolio/portfolio';
import { budgetView } from '../../shared/portfolio/portfolio-schemas';
import { inputOf } from '../../shared/portfolio/project-use-cases';
import {
  metropolitanAgent,
  projectInput,
  setUpPortfolio,
  SIREN,
  type PortfolioFixture,
} from '../support/portfolio-fixtures';

let portfolio: PortfolioFixture['portfolio'];
let errors: PortfolioFixture['errors'];
let axis: Project;
let programme: Project;
let a: Project;
let b: Project;

const cents = (euros: string) => parseEuros(euros)!;
const line = (year: number, kind: 'investment' | 'operating', planned: string, committed = '0', spent = '0') => ({
  year,
  kind,
  planned: cents(planned),
  committed: cents(committed),
  spent: cents(spent),
  funder: 'Région Occitanie',
});
const totals = async (id: string) => budgetView((await portfolio.getProject(SIREN, id)).budget);

beforeAll(async () => {
  ({ portfolio, errors } = await setUpPortfolio('portfolio-budget'));
  const create = (title: string, extra = {}) =>
    portfolio.createProject(metropolitanAgent, SIREN, projectInput(title, extra));
  axis = await create('Axe énergie', { kind: 'axis' });
  programme = await create('Programme sobriété', { kind: 'programme', parentId: axis.id });
  a = await create('Écoles', { parentId: programme.id });
  b = await create('Gymnases', { parentId: programme.id });
});

describe('sums in exact decimals', () => {
  test('0.10 + 0.20 on one project and 1 234 567.89 on another make 1 234 568.19 up to the axis', async () => {
    await portfolio.saveBudgetLine(metropolitanAgent, SIREN, a.id, undefined, line(2026, 'investment', '0.10', '0.10'));
    await portfolio.saveBudgetLine(metropolitanAgent, SIREN, a.id, undefined, line(2026, 'investment', '0.20', '0.05'));
    await portfolio.saveBudgetLine(
      metropolitanAgent,
      SIREN,
      b.id,
      undefined,
      line(2026, 'investment', '1234567.89', '1000000', '333333.33'),
    );
    expect((await totals(a.id)).total).toMatchObject({ planned: '0.30', committed: '0.15' });
    for (const id of [programme.id, axis.id]) {
      expect((await totals(id)).total).toEqual({
        planned: '1234568.19',
        committed: '1000000.15',
        spent: '333333.33',
        consumption: 0.27,
      });
    }
  });

  test('per year and kind, with consumption = spent / planned', async () => {
    await portfolio.saveBudgetLine(
      metropolitanAgent,
      SIREN,
      b.id,
      undefined,
      line(2027, 'operating', '300', '300', '100'),
    );
    const view = await totals(axis.id);
    expect(view.years.map((y) => [y.year, y.operating.planned, y.total.planned, y.consumption])).toEqual([
      [2026, '0', '1234568.19', 0.27],
      [2027, '300', '300', 0.3333],
    ]);
  });

  test('changing and deleting lines moves the totals by the difference, exactly', async () => {
    const [first] = await portfolio.listBudgetLines(SIREN, a.id);
    const changed = await portfolio.saveBudgetLine(metropolitanAgent, SIREN, a.id, first!.id, {
      ...line(2026, 'investment', '0.15', '0.10'),
      version: first!.version,
    });
    expect(formatEuros(changed.planned)).toBe('0.15');
    await expect(
      portfolio.saveBudgetLine(metropolitanAgent, SIREN, a.id, first!.id, {
        ...line(2026, 'investment', '9'),
        version: 1,
      }),
    ).rejects.toBeInstanceOf(errors.ConflictError);
    expect((await totals(axis.id)).years[0]!.total.planned).toBe('1234568.24');
    for (const l of await portfolio.listBudgetLines(SIREN, a.id))
      await portfolio.deleteBudgetLine(metropolitanAgent, SIREN, a.id, l.id);
    expect((await totals(a.id)).years).toEqual([]);
    expect((await totals(axis.id)).years[0]!.total.planned).toBe('1234567.89');
  });

  test('20 lines of 0.01 € added at once leave every total exact', async () => {
    const c = await portfolio.createProject(
      metropolitanAgent,
      SIREN,
      projectInput('Piscines', { parentId: programme.id }),
    );
    const before = budgetSummary((await portfolio.getProject(SIREN, axis.id)).budget).total;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        portfolio.saveBudgetLine(
          metropolitanAgent,
          SIREN,
          c.id,
          undefined,
          line(2028, 'investment', '0.01', '0.01', '0.01'),
        ),
      ),
    );
    const after = budgetSummary((await portfolio.getProject(SIREN, axis.id)).budget).total;
    expect(after.planned - before.planned).toBe(20);
    expect((await totals(c.id)).total).toEqual({ planned: '0.20', committed: '0.20', spent: '0.20', consumption: 1 });
    expect(await portfolio.listBudgetLines(SIREN, c.id)).toHaveLength(20);
  }, 60_000);

  test('a project moved to the top level takes its totals out of its old parents', async () => {
    const moved = await portfolio.getProject(SIREN, b.id);
    await portfolio.updateProject(metropolitanAgent, SIREN, b.id, {
      ...inputOf(moved),
      parentId: undefined,
      version: moved.version,
    });
    expect((await totals(b.id)).total.planned).toBe('1234867.89');
    expect((await totals(axis.id)).total.planned).toBe('0.20');
  });
});
