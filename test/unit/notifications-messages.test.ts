/** The wording of a report notification, one status at a time, and what it must never say. */
import { composeNotification, recipientKey, type ReportNames } from '../../shared/notifications/report-notification';
import type { ReportStatus } from '../../shared/reports/report';
import type { ReportRef, ReportStatusChangedData } from '../../shared/reports/report-events';

const REPORT = '01JZ8X3K5M7Q9S1T3V5W7Y9A1C';
const ORIGINAL = '01JZ7A2B4C6D8E0F2G4H6J8K0M';
const ref: ReportRef = {
  reportId: REPORT,
  territory: '243100518',
  commune: '31555',
  category: 'voirie',
  bodyId: '243100518',
  bodyKind: 'territory',
  service: 'voirie',
  version: 2,
  at: '2026-05-04T08:00:00.000Z',
};
const names: ReportNames = {
  territory: 'Toulouse Métropole',
  commune: 'Toulouse',
  category: 'Voirie',
  handledBy: 'Toulouse Métropole (service Voirie)',
};
const statusChanged = (to: ReportStatus, extra: Partial<ReportStatusChangedData> = {}) =>
  composeNotification(
    { kind: 'status-changed', data: { ...ref, from: 'new', to, reopened: false, ...extra } },
    names,
    'reporter',
  );

test.each([
  ['acknowledged', 'pris en compte'],
  ['in_progress', 'en cours'],
  ['resolved', 'résolu'],
  ['rejected', 'rejeté'],
  ['duplicate', 'doublon'],
  ['new', 'nouveau'],
] as const)('a report now %s is said to be "%s", with its number, category and commune', (to, words) => {
  const message = statusChanged(to);

  expect(message.subject).toBe(`Signalement n° ${REPORT} : ${words}`);
  expect(message.text).toContain(`Catégorie : Voirie\nCommune : Toulouse\nNouveau statut : ${words}\n`);
  expect(message.html).toContain(`Nouveau statut : <strong>${words}</strong>`);
});

test('a reopened report is said to be in progress again', () => {
  const message = statusChanged('in_progress', { from: 'resolved', reopened: true });

  expect(message.subject).toBe(`Signalement n° ${REPORT} : en cours (rouvert)`);
  expect(message.text).toContain('le signalement a été rouvert');
});

test("a duplicate gives the original's number, which the citizen now follows", () => {
  const message = statusChanged('duplicate', { duplicateOf: ORIGINAL });

  expect(message.text).toContain(`le signalement n° ${ORIGINAL}. Vous le suivez désormais`);
});

test("the service's public note is quoted, escaped in the HTML", () => {
  const message = statusChanged('rejected', { publicNote: 'Hors domaine public <voir cadastre>' });

  expect(message.text).toContain('Message du service :\nHors domaine public <voir cadastre>\n');
  expect(message.html).toContain('Hors domaine public &lt;voir cadastre&gt;');
  expect(message.html).not.toContain('<voir cadastre>');
});

test('without a public note there is no message from the service', () => {
  expect(statusChanged('acknowledged').text).not.toContain('Message du service');
});

test('an internal note or an actor slipped into the event data is never written', () => {
  const leaky = {
    ...ref,
    from: 'new',
    to: 'acknowledged',
    reopened: false,
    internalNote: 'Riverain procédurier, voir M. Martin',
    actor: { sub: 'agent-secret', role: 'agent' },
  } as ReportStatusChangedData;

  const message = composeNotification({ kind: 'status-changed', data: leaky }, names, 'reporter');

  expect(`${message.subject}${message.text}${message.html}`).not.toMatch(/Martin|procédurier|agent-secret/);
});

test('a re-routing gives the new category, the one before, and who handles it', () => {
  const message = composeNotification(
    { kind: 'rerouted', data: { ...ref, before: { category: 'proprete', bodyId: '243100518' } } },
    { ...names, previousCategory: 'Propreté' },
    'supporter',
  );

  expect(message.subject).toBe(`Signalement n° ${REPORT} : réorienté`);
  expect(message.text).toContain(
    'Catégorie : Voirie (auparavant : Propreté)\nCommune : Toulouse\nTraité par : Toulouse Métropole (service Voirie)',
  );
});

test.each([
  ['reporter', 'vous avez déposé ce signalement'],
  ['supporter', 'vous avez soutenu ce signalement'],
  ['duplicate-reporter', 'vous avez signalé le même problème'],
] as const)('a %s is told why they receive it', (reason, why) => {
  const message = composeNotification(
    { kind: 'status-changed', data: { ...ref, from: 'new', to: 'acknowledged', reopened: false } },
    names,
    reason,
  );

  expect(message.text).toContain(`Vous recevez ce message parce que ${why}.`);
});

test('an address gives the same recipient key however it is typed, and the key does not reveal it', () => {
  expect(recipientKey(' Jeanne@Example.FR ')).toBe(recipientKey('jeanne@example.fr'));
  expect(recipientKey('jeanne@example.fr')).toMatch(/^[0-9a-f]{64}$/);
});
