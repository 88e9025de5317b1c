import { auditEntryFrom } from '../../shared/audit/audit-log';
import type { DomainEvent } from '../../shared/events/domain-event';

const event = (type: string, data: unknown): DomainEvent => ({
  id: '01JZEVENT0000000000000000C',
  type,
  occurredAt: '2026-05-04T08:00:00.000Z',
  territory: '243100518',
  actor: { sub: 'agent-31555', role: 'agent' },
  subject: 'report/01JZREPORT',
  data,
});

describe('audit entries', () => {
  test("an administrative change keeps the event's before and after", () => {
    const entry = auditEntryFrom(event('territory.service-saved', { before: null, after: { name: 'Voirie' } }));
    expect(entry).toMatchObject({ action: 'territory.service-saved', before: null, after: { name: 'Voirie' } });
  });

  test('an agent moving a report is kept as the status before and after, with who and when', () => {
    const entry = auditEntryFrom(event('reports.status-changed', { reportId: 'r', from: 'new', to: 'acknowledged' }));
    expect(entry).toMatchObject({
      actor: { sub: 'agent-31555', role: 'agent' },
      at: '2026-05-04T08:00:00.000Z',
      before: { status: 'new' },
      after: { status: 'acknowledged' },
    });
  });

  test('a re-routed report is kept as its category and body before and after', () => {
    const entry = auditEntryFrom(
      event('reports.rerouted', {
        category: 'proprete',
        bodyId: '31149',
        before: { category: 'voirie', bodyId: '243100518', service: 'voirie' },
      }),
    );
    expect(entry.before).toEqual({ category: 'voirie', bodyId: '243100518', service: 'voirie' });
    expect(entry.after).toEqual({ category: 'proprete', bodyId: '31149', service: undefined });
  });
});
