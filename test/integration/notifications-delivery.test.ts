/**
 * Notifying a report's followers against DynamoDB Local and the local mailbox (the production SES
 * mailer pointed at it, as the local runtime does): real reports, real events, real claims; the
 * queue's redelivery is played by handing the consumer the same event again.
 */
import type { NotificationUseCases } from '../../shared/notifications/notification-use-cases';
import type { Mailer } from '../../shared/kernel/mailer';
import type { Principal } from '../../shared/kernel/principal';
import type { Report } from '../../shared/reports/report';
import { consumerDeclarations } from '../../shared/wiring/consumers';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/free-port';
import { createGateway, type Gateway } from '../../infra/local/gateway';
import { createHandlerLoader } from '../../infra/local/handler-loader';
import { openLocalMailbox } from '../../infra/local/mailbox/local-mailbox';
import type { MailboxMessage } from '../../infra/local/mailbox/mailbox-store';
import {
  CAPITOLE,
  citizen,
  delivered,
  metropolitanAgent,
  north,
  pothole,
  setUpReports,
  SIREN,
  type ReportsFixture,
} from '../support/reports-fixtures';

let dataDir: string;
let gateway: Gateway;
let baseUrl: string;
let reports: ReportsFixture['reports'];
/** The events the reports store was asked to commit, newest last. */
let events: ReportsFixture['events'];
let notifications: NotificationUseCases;
let makeNotifications: typeof import('../../shared/notifications/notification-use-cases').makeNotificationUseCases;
let ports: Omit<Parameters<typeof makeNotifications>[0], 'mailer'>;
let mailer: Mailer;

const inbox = async (to?: string) =>
  (await (
    await fetch(`${baseUrl}/_local/mailbox${to ? `?to=${encodeURIComponent(to)}` : ''}`)
  ).json()) as MailboxMessage[];
/** The last event committed, as the notifier's queue delivers it. */
const lastEvent = () => delivered(consumerDeclarations.notifyReportFollowers.subscribes, events.at(-1)!);
const withEmail = (sub: string, email: string): Principal => ({ ...citizen(sub), email });
/** A report at its own spot (supports need an open report no one else supports). */
let spot = 0;
const fileAnonymously = (email: string) =>
  reports.fileReport(undefined, SIREN, pothole(north(CAPITOLE, 100 * ++spot), { contact: { email } }));
const acknowledge = (report: Pick<Report, 'id' | 'version'>, extra: object = {}) =>
  reports.changeStatus(metropolitanAgent, SIREN, report.id, { to: 'acknowledged', version: report.version, ...extra });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'notifications-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const mailbox = await openLocalMailbox({ dataDir, baseUrl });
  gateway = createGateway({ routes: [], loadHandler: createHandlerLoader(), localRoutes: mailbox.routes });
  await gateway.listen(port);
  Object.assign(process.env, { SES_ENDPOINT: mailbox.sesEndpoint, MAIL_FROM: 'ne-pas-repondre@ville-ouverte.test' });

  const fixture = await setUpReports('notifications', { dueDates: { dueAt: () => Promise.resolve(undefined) } });
  ({ reports, events } = fixture);
  // The consumer's own wiring, configured by the environment like the deployed function.
  ({ notifications } = await import('../../shared/notifications/notifications-app'));
  ({ mailer } = await import('../../shared/runtime/mailer'));
  ({ makeNotificationUseCases: makeNotifications } = await import('../../shared/notifications/notification-use-cases'));
  const { dynamoNotificationClaims } = await import('../../shared/notifications/notification-claim-store');
  const { bodyManagers, territoryNames } = await import('../../shared/notifications/territory-names');
  const { dynamoTerritoryStore } = await import('../../shared/territory/territory-store');
  ports = {
    followers: fixture.store,
    names: territoryNames(dynamoTerritoryStore),
    managers: bodyManagers(dynamoTerritoryStore),
    claims: dynamoNotificationClaims,
    clock: fixture.clock,
  };
});

afterAll(async () => {
  await gateway.close();
  await rm(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await fetch(`${baseUrl}/_local/mailbox`, { method: 'DELETE' });
});

test('an event delivered twice, even at the same time, sends one message to each follower', async () => {
  const report = await fileAnonymously('anne@example.fr');
  await reports.support(withEmail('bruno', 'bruno@example.fr'), SIREN, report.id);
  await acknowledge(report);
  const event = lastEvent();

  const [first, second] = await Promise.all([
    notifications.notifyReportFollowers(event),
    notifications.notifyReportFollowers(event),
  ]);
  const third = await notifications.notifyReportFollowers(event);

  expect(first.sent + second.sent).toBe(2);
  expect(third).toMatchObject({ sent: 0, alreadySent: 2 });
  const messages = await inbox();
  expect(messages.map((m) => m.to).sort()).toEqual([['anne@example.fr'], ['bruno@example.fr']]);
});

test('a follower without an e-mail address is skipped, and the others are told', async () => {
  const report = await fileAnonymously('claire@example.fr');
  await reports.support(citizen('no-email'), SIREN, report.id);
  await acknowledge(report);

  const outcome = await notifications.notifyReportFollowers(lastEvent());

  expect(outcome).toEqual({ sent: 1, alreadySent: 0, withoutEmail: 1 });
  expect((await inbox()).map((m) => m.to)).toEqual([['claire@example.fr']]);
});

test("a signed-in citizen is told at their token's address, as reporter and as supporter", async () => {
  const report = await reports.fileReport(withEmail('denis', 'denis@example.fr'), SIREN, {
    ...pothole(north(CAPITOLE, 100 * ++spot)),
    contact: {},
  });
  await reports.support(withEmail('eve', 'eve@example.fr'), SIREN, report.id);
  await acknowledge(report);

  await notifications.notifyReportFollowers(lastEvent());

  expect((await inbox('denis@example.fr')).map((m) => m.subject)).toEqual([
    `Signalement n° ${report.id} : pris en compte`,
  ]);
  expect(await inbox('eve@example.fr')).toHaveLength(1);
});

test('the message names the report, its category, commune and new status, with the public note and never the internal one', async () => {
  const report = await fileAnonymously('flore@example.fr');
  await acknowledge(report, { publicNote: 'Une équipe passe jeudi.', internalNote: 'Voir avec M. Dupont, 06 12' });

  await notifications.notifyReportFollowers(lastEvent());

  const [message] = await inbox('flore@example.fr');
  expect(message!.text).toContain(`Le signalement n° ${report.id} que vous suivez a changé de statut.`);
  expect(message!.text).toContain('Catégorie : voirie\nCommune : Toulouse\nNouveau statut : pris en compte');
  expect(message!.text).toContain('Message du service :\nUne équipe passe jeudi.');
  expect(message!.html).toContain('Une équipe passe jeudi.');
  expect(`${message!.text}${message!.html}`).not.toMatch(/Dupont|06 12/);
  expect(message!.headers['X-Idempotency-Key']).toMatch(new RegExp(`^${lastEvent().id}:[0-9a-f]{64}$`));
});

test("a report marked duplicate tells its followers the original's number", async () => {
  const original = await fileAnonymously('gael@example.fr');
  const duplicate = await fileAnonymously('hugo@example.fr');
  await reports.changeStatus(metropolitanAgent, SIREN, duplicate.id, {
    to: 'duplicate',
    version: duplicate.version,
    duplicateOf: original.id,
  });

  await notifications.notifyReportFollowers(lastEvent());

  const [message] = await inbox('hugo@example.fr');
  expect(message!.subject).toBe(`Signalement n° ${duplicate.id} : doublon`);
  expect(message!.text).toContain(`le signalement n° ${original.id}`);
  expect(await inbox('gael@example.fr')).toEqual([]);
});

test('a re-routed report tells its followers the new category and who handles it now', async () => {
  const report = await fileAnonymously('ines@example.fr');
  await reports.changeCategory(metropolitanAgent, SIREN, report.id, { category: 'proprete', version: 1 });

  await notifications.notifyReportFollowers(lastEvent());

  const [message] = await inbox('ines@example.fr');
  expect(message!.subject).toBe(`Signalement n° ${report.id} : réorienté`);
  expect(message!.text).toContain('Catégorie : proprete (auparavant : voirie)');
  expect(message!.text).toMatch(/Traité par : .+ \(service Propreté\)/);
});

test('a send that fails gives its claim back: the next delivery sends that message, and only that one', async () => {
  const report = await fileAnonymously('jules@example.fr');
  await reports.support(withEmail('karim', 'karim@example.fr'), SIREN, report.id);
  await acknowledge(report);
  let refuseKarim = true;
  const flaky: Mailer = {
    send: (message) =>
      refuseKarim && message.to[0] === 'karim@example.fr'
        ? Promise.reject(new Error('Throttling: Maximum sending rate exceeded'))
        : mailer.send(message),
  };
  const consumer = makeNotifications({ ...ports, mailer: flaky });

  await expect(consumer.notifyReportFollowers(lastEvent())).rejects.toThrow('1 notification(s)');
  refuseKarim = false;
  const retried = await consumer.notifyReportFollowers(lastEvent());

  expect(retried).toMatchObject({ sent: 1, alreadySent: 1 });
  expect(await inbox('jules@example.fr')).toHaveLength(1);
  expect(await inbox('karim@example.fr')).toHaveLength(1);
});
