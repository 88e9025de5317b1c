/**
 * The weighted roll-up of progress on DynamoDB Local: Decidim's example (70 % weighted, 60 %
 * without weights), a 4-level tree carried to its root, moves and their limits, and 20 concurrent
 * updates of children leaving their parents exactly at the weighted mean of what the children
 * finally hold.
 */
import type { Project } from '../../shared/portfolio/portfolio';
import { inputOf, type ProjectInput } from '../../shared/portfolio/project-use-cases';
import {
  admin,
  colomiersAgent,
  COLOMIERS,
  metropolitanAgent,
  projectInput,
  setUpPortfolio,
  SIREN,
  toulouseAgent,
  type PortfolioFixture,
} from '../support/portfolio-fixtures';

let portfolio: PortfolioFixture['portfolio'];
let errors: PortfolioFixture['errors'];

const create = (title: string, extra: Partial<ProjectInput> = {}) =>
  portfolio.createProject(metropolitanAgent, SIREN, projectInput(title, extra));
const read = (id: string) => portfolio.getProject(SIREN, id);
const change = async (id: string, fields: Partial<ProjectInput>, principal = metropolitanAgent) => {
  const project = await read(id);
  return portfolio.updateProject(principal, SIREN, id, { ...inputOf(project), ...fields, version: project.version });
};

beforeAll(async () => {
  ({ portfolio, errors } = await setUpPortfolio('portfolio-rollup'));
});

describe("Decidim's example", () => {
  let parent: Project;
  let a: Project;
  let b: Project;

  beforeAll(async () => {
    parent = await create('Programme vélo', { kind: 'programme' });
    a = await create('Compteurs', { parentId: parent.id, progress: 40, weight: 0.25 });
    b = await create('Pistes', { parentId: parent.id, progress: 80, weight: 0.75 });
  });

  test('children at 40 % and 80 % weighing 0.25 and 0.75 give their parent 70 %', async () => {
    expect((await read(parent.id)).progress).toBe(70);
  });

  test('without weights the same children give 60 %', async () => {
    await change(a.id, { weight: undefined });
    await change(b.id, { weight: undefined });
    expect((await read(parent.id)).progress).toBe(60);
  });

  test("a parent's progress is rolled up: setting another is refused (422)", async () => {
    await expect(change(parent.id, { progress: 10 })).rejects.toMatchObject({ rule: 'progress-of-parent' });
  });
});

describe('a 4-level tree', () => {
  let axis: Project;
  let programme: Project;
  let project: Project;
  let action: Project;
  let sibling: Project;

  beforeAll(async () => {
    axis = await create('Axe mobilités', { kind: 'axis' });
    programme = await create('Programme logistique', { kind: 'programme', parentId: axis.id });
    project = await create('Livraisons', { parentId: programme.id });
    action = await create('Aires dynamiques', { parentId: project.id, progress: 20 });
    sibling = await create('Vélos-cargos', { parentId: project.id, progress: 60 });
  });

  test('a change of the deepest project reaches the axis in the same transaction', async () => {
    expect((await read(axis.id)).progress).toBe(40);
    await change(action.id, { progress: 100 });
    expect((await read(project.id)).progress).toBe(80);
    expect((await read(programme.id)).progress).toBe(80);
    expect((await read(axis.id)).progress).toBe(80);
    expect((await read(axis.id)).height).toBe(4);
  });

  test('a fifth level is refused (422), as is a project placed under its own child', async () => {
    await expect(create('Trop profond', { parentId: action.id })).rejects.toMatchObject({ rule: 'max-depth' });
    await expect(change(programme.id, { parentId: sibling.id })).rejects.toMatchObject({ rule: 'no-cycle' });
  });

  test('moving a project carries its progress from its old parent to its new one', async () => {
    const other = await create('Programme stationnement', { kind: 'programme', parentId: axis.id });
    await change(sibling.id, { parentId: other.id });
    expect((await read(project.id)).progress).toBe(100);
    expect((await read(other.id)).progress).toBe(60);
    expect((await read(axis.id)).progress).toBe(80); // (100 + 60) / 2
  });

  test('a project with children cannot be deleted (422); a leaf can, and its parent follows', async () => {
    await expect(portfolio.deleteProject(metropolitanAgent, SIREN, project.id)).rejects.toMatchObject({
      rule: 'project-has-children',
    });
    await portfolio.deleteProject(metropolitanAgent, SIREN, action.id);
    const after = await read(project.id);
    expect(after.children).toEqual({});
    expect(after.progress).toBe(after.ownProgress);
  });
});

describe('who may change what', () => {
  test("a commune's agent manages its commune's projects, not the metropolis's (403)", async () => {
    const axis = await create('Axe numérique', { kind: 'axis' });
    const own = await portfolio.createProject(
      colomiersAgent,
      SIREN,
      projectInput('Démarches en ligne', {
        owner: { level: 'commune', insee: COLOMIERS },
        parentId: axis.id,
        lead: { bodyId: COLOMIERS },
      }),
    );
    expect(own.owner).toEqual({ level: 'commune', insee: COLOMIERS });
    await expect(change(axis.id, { title: 'Autre titre' }, colomiersAgent)).rejects.toBeInstanceOf(
      errors.ForbiddenError,
    );
    await expect(change(own.id, { title: 'Autre titre' }, toulouseAgent)).rejects.toBeInstanceOf(errors.ForbiddenError);
    await expect(change(own.id, { title: 'Démarches en ligne (v2)' }, admin)).resolves.toMatchObject({
      title: 'Démarches en ligne (v2)',
    });
  });

  test('a stale version is a 409; an unknown commune or service a 422 naming it', async () => {
    const p = await create('Jalonnement');
    await change(p.id, { title: 'Jalonnement piéton' });
    await expect(
      portfolio.updateProject(metropolitanAgent, SIREN, p.id, { ...inputOf(p), version: p.version }),
    ).rejects.toBeInstanceOf(errors.ConflictError);
    await expect(create('Ailleurs', { communes: ['75056'] })).rejects.toThrow(/75056/);
    await expect(create('Sans service', { lead: { bodyId: SIREN, serviceId: 'inconnu' } })).rejects.toThrow(/inconnu/);
  });
});

describe('20 concurrent updates of children', () => {
  test('leave the parent and the root at the exact weighted mean of the children as they end', async () => {
    const root = await create('Axe concurrence', { kind: 'axis' });
    const programmes = [
      await create('Programme A', { kind: 'programme', parentId: root.id, weight: 1 }),
      await create('Programme B', { kind: 'programme', parentId: root.id, weight: 3 }),
    ];
    const children: Project[] = [];
    for (let i = 0; i < 20; i++)
      children.push(await create(`Projet ${i}`, { parentId: programmes[i % 2]!.id, progress: 0, weight: 1 + (i % 4) }));

    // 20 agents at once, each changing one child's progress and weight from the version it read.
    const targets = children.map((_, i) => ({ progress: (i * 37) % 101, weight: 0.5 + (i % 3) * 0.25 }));
    await Promise.all(
      children.map((child, i) =>
        portfolio.updateProject(metropolitanAgent, SIREN, child.id, {
          ...inputOf(child),
          ...targets[i]!,
          version: child.version,
        }),
      ),
    );

    const mean = (entries: { progress: number; weight: number }[]) => {
      const total = entries.reduce((sum, e) => sum + e.weight * 10_000, 0);
      const weighted = entries.reduce((sum, e) => sum + e.weight * 10_000 * e.progress * 100, 0);
      return Math.floor((2 * weighted + total) / (2 * total)) / 100;
    };
    const finals = await Promise.all(children.map((c) => read(c.id)));
    expect(finals.map((c) => [c.progress, c.weight])).toEqual(targets.map((t) => [t.progress, t.weight]));
    const [a, b] = await Promise.all(programmes.map((p) => read(p.id)));
    expect(a!.progress).toBe(mean(targets.filter((_, i) => i % 2 === 0)));
    expect(b!.progress).toBe(mean(targets.filter((_, i) => i % 2 === 1)));
    expect(Object.keys(a!.children)).toHaveLength(10);
    expect((await read(root.id)).progress).toBe(
      mean([
        { progress: a!.progress, weight: 1 },
        { progress: b!.progress, weight: 3 },
      ]),
    );
  }, 120_000);
});
