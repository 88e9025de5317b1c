/**
 * Milestones and the daily `remindLateMilestones` trigger on DynamoDB Local: a milestone past its
 * due date (in Paris) is marked missed, its project set late, and the lead service mailed once —
 * when the trigger runs twice, twice at once, or after a failed send — and "what is late" lists it.
 */
import type { Milestone, Project } from '../../shared/portfolio/portfolio';
import {
  metropolitanAgent,
  MOBILITY_EMAIL,
  projectInput,
  setUpPortfolio,
  SIREN,
  type PortfolioFixture,
} from '../support/portfolio-fixtures';

let fixture: PortfolioFixture;
let project: Project;
let late: Milestone;
let dueToday: Milestone;

const remind = () => fixture.reminders.remindLateMilestones();

beforeAll(async () => {
  fixture = await setUpPortfolio('portfolio-milestones', { start: '2026-05-11T08:00:00Z' });
  const { portfolio } = fixture;
  project = await portfolio.createProject(metropolitanAgent, SIREN, projectInput('Stationnement intelligent'));
  late = await portfolio.saveMilestone(metropolitanAgent, SIREN, project.id, undefined, {
    title: 'Capteurs posés',
    dueDate: '2026-05-11',
    state: 'scheduled',
  });
  dueToday = await portfolio.saveMilestone(metropolitanAgent, SIREN, project.id, undefined, {
    title: 'Application publiée',
    dueDate: '2026-05-12',
    state: 'scheduled',
  });
  // The next morning in Paris: the first milestone is one day late, the second due today.
  fixture.clock.set('2026-05-12T04:30:00Z');
});

describe('the daily trigger', () => {
  test('marks the missed milestone, sets the project late and mails the lead service once', async () => {
    const report = await remind();
    expect(report).toMatchObject({ marked: 1, projectsSetLate: 1, mailed: 1, failed: [] });
    expect(await fixture.store.getMilestone(SIREN, project.id, late.id)).toMatchObject({
      state: 'missed',
      missedAt: '2026-05-12T04:30:00.000Z',
    });
    expect(await fixture.store.getMilestone(SIREN, project.id, dueToday.id)).toMatchObject({ state: 'scheduled' });
    expect((await fixture.portfolio.getProject(SIREN, project.id)).status).toBe('late');
    expect(fixture.mail.sent).toHaveLength(1);
    expect(fixture.mail.sent[0]).toMatchObject({ to: [MOBILITY_EMAIL] });
    expect(fixture.mail.sent[0]!.text).toContain('Capteurs posés');
  });

  test('run again, and twice at once (a redelivery): nothing more is marked or mailed', async () => {
    await remind();
    const [first, second] = await Promise.all([remind(), remind()]);
    expect(first!.marked + second!.marked).toBe(0);
    expect(fixture.mail.sent).toHaveLength(1);
  });

  test('"what is late" lists the missed milestone with its project', async () => {
    const page = await fixture.portfolio.listLate(SIREN, { limit: 10 });
    expect(page.items.map((i) => [i.milestone.id, i.project?.status])).toEqual([[late.id, 'late']]);
  });

  test('a run that fails to send leaves the mail to the next run, which sends it once', async () => {
    const other = await fixture.portfolio.createProject(metropolitanAgent, SIREN, projectInput('Bornes de recharge'));
    await fixture.portfolio.saveMilestone(metropolitanAgent, SIREN, other.id, undefined, {
      title: 'Marché notifié',
      dueDate: '2026-05-01',
      state: 'scheduled',
    });
    fixture.mail.failNext(2); // the run tries twice: right after marking, then from the pending list
    const failed = await remind();
    expect(failed).toMatchObject({ marked: 1, mailed: 0 });
    expect(failed.failed.length).toBeGreaterThan(0);
    expect(fixture.mail.sent).toHaveLength(1);
    const [again, once] = await Promise.all([remind(), remind()]);
    expect(again!.mailed + once!.mailed).toBe(1);
    await remind();
    expect(fixture.mail.sent.filter((m) => m.text.includes('Marché notifié'))).toHaveLength(1);
  });

  test('rescheduled by an agent, a missed milestone leaves the late list and may be reminded for its new date', async () => {
    const missed = (await fixture.store.getMilestone(SIREN, project.id, late.id))!;
    await fixture.portfolio.saveMilestone(metropolitanAgent, SIREN, project.id, late.id, {
      title: missed.title,
      dueDate: '2026-05-20',
      state: 'scheduled',
      version: missed.version,
    });
    const page = await fixture.portfolio.listLate(SIREN, { limit: 10 });
    expect(page.items.map((i) => i.milestone.id)).not.toContain(late.id);
    fixture.clock.set('2026-05-21T06:00:00Z');
    const before = fixture.mail.sent.length;
    expect(await remind()).toMatchObject({ marked: 2, mailed: 2 }); // this one, and the one due on the 12th
    expect(fixture.mail.sent.length - before).toBe(2);
  });
});
