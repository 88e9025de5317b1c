/**
 * The portfolio's page forms read what an agent types in French — "12,5", "1 250 000,50 €", an
 * empty amount — with the API's own schemas, and refuse what the API refuses; a project's update
 * keeps what the form does not show, and a parent's progress stays its children's.
 */
import { BudgetLineForm, parisToday, ProjectForm, projectUpdate } from '../../shared/portal/portfolio-forms';
import type { Project } from '../../shared/portfolio/portfolio';

const project = (extra: Partial<Project> = {}): Project => ({
  id: '01J0000000000000000000000A',
  territory: '243100518',
  kind: 'project',
  owner: { level: 'territory' },
  title: 'Capteurs',
  description: 'Des capteurs',
  domain: 'mobility',
  communes: ['31555'],
  lead: { bodyId: '243100518', serviceId: 'mobilite' },
  partners: [{ name: 'ParkSense', role: 'opérateur' }],
  phase: 'operation',
  status: 'on-track',
  startDate: '2026-01-01',
  links: { consultations: [], proposals: [] },
  ownProgress: 40,
  progress: 40,
  weight: 0.25,
  children: {},
  height: 1,
  budget: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 3,
  ...extra,
});

describe('the portfolio forms', () => {
  it('read French numbers and euros, exactly', () => {
    const line = BudgetLineForm.parse({
      year: '2026',
      kind: 'investment',
      planned: '1 250 000,50 €',
      funder: 'Région',
    });
    expect(line).toMatchObject({ year: 2026, planned: 125_000_050, committed: 0, spent: 0 });
    const form = ProjectForm.parse({
      title: 'Capteurs',
      phase: 'study',
      status: 'late',
      progress: '12,5',
      weight: '0,75',
      version: '3',
    });
    expect(form).toMatchObject({ progress: 12.5, weight: 0.75, version: 3, description: '' });
  });

  it('refuse what the API refuses, naming the field', () => {
    const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
      result.error?.issues.map((issue) => issue.path.join('.'));
    expect(
      paths(ProjectForm.safeParse({ title: 'Ca', phase: 'study', status: 'late', progress: '101', version: '3' })),
    ).toEqual(['title', 'progress']);
    expect(
      paths(
        ProjectForm.safeParse({ title: 'Capteurs', phase: 'x', status: 'late', progress: 'beaucoup', version: '3' }),
      ),
    ).toEqual(['phase', 'progress']);
    expect(
      paths(BudgetLineForm.safeParse({ year: '2026', kind: 'investment', planned: '12,345', funder: 'Région' })),
    ).toEqual(['planned']);
  });

  it('keep what the form does not show, and drop what it empties', () => {
    const form = ProjectForm.parse({
      title: 'Capteurs 2',
      phase: 'study',
      status: 'late',
      progress: '60',
      version: '3',
    });
    const input = projectUpdate(project(), form);
    expect(input).toMatchObject({
      title: 'Capteurs 2',
      progress: 60,
      communes: ['31555'],
      lead: { bodyId: '243100518', serviceId: 'mobilite' },
      partners: [{ name: 'ParkSense', role: 'opérateur' }],
      version: 3,
    });
    expect(input).not.toHaveProperty('weight');
    expect(input).not.toHaveProperty('startDate');
  });

  it("leave a parent's progress to its children", () => {
    const parent = project({ children: { a: { progress: 70, height: 1 } }, progress: 70, height: 2 });
    const form = ProjectForm.parse({ title: 'Axe', phase: 'study', status: 'late', progress: '10', version: '3' });
    expect(projectUpdate(parent, form).progress).toBe(70);
  });

  it('say today as Paris does', () => {
    expect(parisToday(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
  });
});
