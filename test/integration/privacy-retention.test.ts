/**
 * Retention against DynamoDB Local: the daily job forgets the people of a report closed longer
 * than the territory keeps them — to the second — and not of one closed since, nor of one
 * reopened; a shorter delay set by the admin applies at the next run; audit entries older than
 * theirs are deleted, newer ones kept; the run itself is audited in counts.
 */
import type { DomainEvent } from '../../shared/events/domain-event';
import type { RetentionUseCases } from '../../shared/privacy/retention';
import {
  CAPITOLE,
  citizen,
  metropolitanAgent,
  north,
  pothole,
  setUpReports,
  type ReportsFixture,
} from '../support/reports-fixtures';
import { admin, SIREN } from '../support/territory-fixtures';

let env: ReportsFixture;
let retention: RetentionUseCases;
const published: DomainEvent[] = [];
const ids: Record<string, string> = {};
const claire = citizen('citizen-claire-77aa');

/** Files a report with contact data and a supporter, then moves it to `to` at the clock's time. */
const closedReport = async (metres: number, to: 'resolved' | 'rejected') => {
  const filed = await env.reports.fileReport(
    claire,
    SIREN,
    pothole(north(CAPITOLE, metres), { contact: { email: 'claire@example.fr', phone: '0611111111' } }),
  );
  await env.reports.support(citizen(`supporter-${metres}`), SIREN, filed.id);
  const acknowledged = await env.reports.changeStatus(metropolitanAgent, SIREN, filed.id, {
    to: 'acknowledged',
    version: filed.version,
  });
  return env.reports.changeStatus(metropolitanAgent, SIREN, filed.id, {
    to,
    version: acknowledged.version,
    ...(to === 'resolved' ? { publicNote: 'Fait' } : { publicNote: 'Hors compétence' }),
  });
};

const contactOf = async (id: string) => (await env.store.get(SIREN, id))?.contact;
const followersOf = async (id: string) => (await env.store.followers(SIREN, id)).length;

beforeAll(async () => {
  env = await setUpReports('privacy-retention', { start: '2026-03-02T09:00:00.000Z' });
  ids.resolved = (await closedReport(0, 'resolved')).id; // closed 2026-03-02T09:00:00Z
  env.clock.set('2026-05-10T09:00:00.000Z');
  ids.rejected = (await closedReport(500, 'rejected')).id; // closed 2026-05-10
  const reopened = await closedReport(1000, 'resolved');
  ids.reopened = reopened.id;
  env.clock.set('2026-05-20T09:00:00.000Z');
  await env.reports.reopen(claire, SIREN, reopened.id, { version: reopened.version, note: 'Toujours là' });

  const { dynamoAuditStore } = await import('../../shared/audit/audit-store');
  const entry = (at: string, eventId: string) => ({
    eventId,
    territory: SIREN,
    at,
    actor: { sub: 'admin-1', role: 'admin' as const },
    action: 'territory.category-saved',
    subject: 'category/voirie',
    before: null,
    after: null,
  });
  await dynamoAuditStore.record(entry('2026-01-15T10:00:00.000Z', 'old-entry'));
  await dynamoAuditStore.record(entry('2026-12-15T10:00:00.000Z', 'recent-entry'));

  const { dynamoReportPrivacyStore } = await import('../../shared/reports/report-privacy-store');
  const { dynamoRetentionSettings } = await import('../../shared/privacy/retention-store');
  const { makeRetentionUseCases } = await import('../../shared/privacy/retention');
  retention = makeRetentionUseCases({
    settings: dynamoRetentionSettings,
    territories: env.territory,
    reports: dynamoReportPrivacyStore,
    audit: dynamoAuditStore,
    events: { publish: (events) => Promise.resolve(void published.push(...events)) },
    clock: env.clock,
  });
});

describe('the retention job', () => {
  test('by default: a report closed 12 months ago to the second keeps its people one second before', async () => {
    env.clock.set('2027-03-02T08:59:59.000Z');
    await retention.enforceRetention();
    expect(await contactOf(ids.resolved!)).toMatchObject({ email: 'claire@example.fr' });
  });

  test('…and loses them one second after: contact, reporter, followers; the report and its count stay', async () => {
    env.clock.set('2027-03-02T09:00:01.000Z');
    expect(await retention.enforceRetention()).toEqual({ reports: 1, auditEntries: 0 });
    const report = await env.store.get(SIREN, ids.resolved!);
    expect(report).toMatchObject({ status: 'resolved', supportCount: 1 });
    expect(report?.contact).toBeUndefined();
    expect(report?.reporterSub).toBeUndefined();
    expect(await followersOf(ids.resolved!)).toBe(0);
    // The one closed in May keeps its people for now.
    expect(await contactOf(ids.rejected!)).toMatchObject({ email: 'claire@example.fr' });
  });

  test('an admin shortens the delays; the next run applies them, to reports and to the audit log', async () => {
    const saved = await retention.setSettings(admin, SIREN, { contactRetentionMonths: 6, auditRetentionMonths: 6 });
    expect(saved).toMatchObject({ contactRetentionMonths: 6, auditRetentionMonths: 6, version: 1 });
    published.length = 0;
    expect(await retention.enforceRetention()).toEqual({ reports: 1, auditEntries: 1 });
    expect(await contactOf(ids.rejected!)).toBeUndefined();
    const { dynamoAuditStore } = await import('../../shared/audit/audit-store');
    const left = await dynamoAuditStore.list(SIREN, 10);
    expect(left.items.map((e) => e.eventId)).toEqual(['recent-entry']);
    expect(published.map((e) => e.type)).toEqual(['privacy.retention-applied']);
    expect(JSON.stringify(published)).not.toContain('claire');
  });

  test('a report reopened since its first closure keeps its people', async () => {
    expect(await contactOf(ids.reopened!)).toMatchObject({ email: 'claire@example.fr' });
    expect(await followersOf(ids.reopened!)).toBe(2);
  });

  test('an agent may not change the delays', async () => {
    await expect(
      retention.setSettings(metropolitanAgent, SIREN, { contactRetentionMonths: 24, auditRetentionMonths: 24 }),
    ).rejects.toThrow(/admin/);
  });
});
