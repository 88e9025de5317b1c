/**
 * Whom the notifier writes to, with its ports as plain objects: one message per citizen, once per
 * event. (DynamoDB claims and the real mailbox: test/integration/notifications-delivery.test.ts.)
 */
import { definitionFor, type EventOf } from '../../shared/events/domain-event';
import type { ClaimKey, NotificationClaims } from '../../shared/notifications/notification-ports';
import { makeNotificationUseCases } from '../../shared/notifications/notification-use-cases';
import { fixedClock } from '../../shared/kernel/clock';
import type { MailMessage } from '../../shared/kernel/mailer';
import type { Follower } from '../../shared/reports/report';
import { REPORT_EVENTS } from '../../shared/reports/report-events';
import { consumerDeclarations } from '../../shared/wiring/consumers';

const since = '2026-05-01T08:00:00.000Z';
const event = (actorSub?: string): EventOf<typeof REPORT_EVENTS.statusChanged> => ({
  id: '01JZEVENT0000000000000000A',
  type: 'reports.status-changed',
  occurredAt: '2026-05-04T08:00:00.000Z',
  territory: '243100518',
  subject: 'report/01JZREPORT',
  ...(actorSub ? { actor: { sub: actorSub, role: 'citizen' } } : {}),
  data: {
    reportId: '01JZREPORT',
    territory: '243100518',
    commune: '31555',
    category: 'voirie',
    bodyId: '243100518',
    bodyKind: 'territory',
    version: 2,
    at: '2026-05-04T08:00:00.000Z',
    from: 'new',
    to: 'acknowledged',
    reopened: false,
  },
});

const setUp = (followers: Follower[]) => {
  const sent: MailMessage[] = [];
  const claimed = new Set<string>();
  const id = (k: ClaimKey) => `${k.territory}/${k.eventId}/${k.recipientKey}`;
  const claims: NotificationClaims = {
    claim: (k) => Promise.resolve(!claimed.has(id(k)) && Boolean(claimed.add(id(k)))),
    release: (k) => Promise.resolve(void claimed.delete(id(k))),
  };
  const notifier = makeNotificationUseCases({
    followers: { followers: () => Promise.resolve(followers) },
    names: {
      reportNames: () =>
        Promise.resolve({ territory: 'T', commune: 'Toulouse', category: 'Voirie', handledBy: 'Toulouse Métropole' }),
    },
    claims,
    managers: {
      escalationEmails: () =>
        Promise.resolve(['direction.voirie@example.fr', ' Direction.Voirie@example.fr', 'elu@example.fr']),
    },
    mailer: { send: (m) => (sent.push(m), Promise.resolve({ messageId: `m${sent.length}` })) },
    clock: fixedClock('2026-05-04T08:00:00Z'),
  });
  return { notifier, sent };
};

test('each follower gets a message of their own, never one addressed to several citizens', async () => {
  const { notifier, sent } = setUp([
    { email: 'anne@example.fr', reason: 'reporter', since },
    { sub: 'bruno', email: 'bruno@example.fr', reason: 'supporter', since },
    { sub: 'carla', email: 'carla@example.fr', reason: 'duplicate-reporter', since },
  ]);

  await notifier.notifyReportFollowers(event());

  expect(sent.map((m) => m.to)).toEqual([['anne@example.fr'], ['bruno@example.fr'], ['carla@example.fr']]);
});

test('one address followed twice (anonymous report, then a signed-in support) gets one message', async () => {
  const { notifier, sent } = setUp([
    { email: 'Anne@Example.fr', reason: 'reporter', since },
    { sub: 'anne', email: 'anne@example.fr', reason: 'supporter', since },
  ]);

  await notifier.notifyReportFollowers(event());

  expect(sent).toHaveLength(1);
  expect(sent[0]!.text).toContain('vous avez déposé ce signalement');
});

test('the citizen who made the change (a reporter reopening) is not told of it', async () => {
  const { notifier, sent } = setUp([
    { sub: 'anne', email: 'anne@example.fr', reason: 'reporter', since },
    { sub: 'bruno', email: 'bruno@example.fr', reason: 'supporter', since },
  ]);

  await notifier.notifyReportFollowers(event('anne'));

  expect(sent.map((m) => m.to)).toEqual([['bruno@example.fr']]);
});

test('the same event delivered again sends nothing more', async () => {
  const { notifier, sent } = setUp([{ email: 'anne@example.fr', reason: 'reporter', since }]);

  await notifier.notifyReportFollowers(event());
  const again = await notifier.notifyReportFollowers(event());

  expect(again).toEqual({ sent: 0, alreadySent: 1, withoutEmail: 0 });
  expect(sent).toHaveLength(1);
});

test("an event of another type never reaches the followers' notifier: its queue edge refuses it", () => {
  // The consumer edge parses each record with the definitions its consumer subscribes to, and
  // leaves a record of any other type to the DLQ (shared/events/consumer.ts).
  const { subscribes } = consumerDeclarations.notifyReportFollowers;
  expect(subscribes.map((d) => d.type)).toEqual(['reports.status-changed', 'reports.rerouted']);
  for (const type of ['reports.supported', 'reports.filed', 'reports.overdue']) {
    expect(definitionFor(subscribes, type)).toBeUndefined();
  }
});

test("an overdue report's body managers are each told once, however often the event comes", async () => {
  const { notifier, sent } = setUp([{ email: 'anne@example.fr', reason: 'reporter', since }]);
  const overdue: EventOf<typeof REPORT_EVENTS.overdue> = {
    ...event(),
    id: '01JZEVENT0000000000000000B',
    type: 'reports.overdue',
    data: { ...event().data, dueAt: '2026-05-03T15:30:00.000Z', status: 'acknowledged' },
  };

  await notifier.notifyBodyManagers(overdue);
  await notifier.notifyBodyManagers(overdue);

  expect(sent.map((m) => m.to)).toEqual([['direction.voirie@example.fr'], ['elu@example.fr']]);
  expect(sent[0]!.subject).toBe('Signalement n° 01JZREPORT en retard');
  expect(sent[0]!.text).toContain('3 mai 2026 à 17:30');
});

test('the managers are not told of a status change, nor the followers of an overdue report', () => {
  // Each consumer receives only the events it subscribes to (its queue edge refuses the others).
  const managers = consumerDeclarations.notifyBodyManagers.subscribes;
  expect(managers.map((d) => d.type)).toEqual(['reports.overdue']);
  expect(definitionFor(managers, 'reports.status-changed')).toBeUndefined();
  expect(definitionFor(consumerDeclarations.notifyReportFollowers.subscribes, 'reports.overdue')).toBeUndefined();
});
