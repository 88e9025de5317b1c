/**
 * A citizen's whole journey over real HTTP, against the runtime `npm start` runs: a signed-in
 * citizen reports a pothole on the Place du Capitole, the metropolis's road service acknowledges
 * then resolves it, and the citizen's mailbox (the local stand-in for SES) holds one notification
 * per change, sent by the queue consumer to the address their identity provider gave.
 */
import { randomUUID } from 'node:crypto';
import type { MailboxMessage } from '../../infra/local/mailbox/mailbox-store';
import { eventually } from '../support/eventually';
import { fetchJson, getToken } from '../support/http';

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
const CAPITOLE = { lat: 43.6045, lon: 1.4442 };

interface Report {
  id: string;
  status: string;
  version: number;
  bodyId: string;
  commune: string;
}

/** Unique per run: the shared runtime's mailbox holds every test's messages. */
const email = `e2e-journey-${randomUUID()}@example.fr`;
const mailbox = async () => (await fetchJson<MailboxMessage[]>(`/_local/mailbox?to=${encodeURIComponent(email)}`)).body;

let citizen: string;
let roadAgent: string;
let report: Report;

beforeAll(async () => {
  [citizen, roadAgent] = await Promise.all([
    getToken({ role: 'citizen', sub: `e2e-journey-${randomUUID()}`, email }),
    // Roads are the metropolis's competence: its agents belong to no commune.
    getToken({ role: 'agent', territory: SIREN }),
  ]);
});

describe('a citizen reports a pothole and is told of each step until it is fixed', () => {
  test('the signed-in citizen files the report, without typing an address: the token gives it', async () => {
    const filed = await fetchJson<Report>(`${T}/reports`, {
      json: {
        category: 'voirie',
        location: CAPITOLE,
        address: 'Place du Capitole, Toulouse',
        description: 'Nid-de-poule profond devant le Capitole, dangereux pour les vélos',
        answers: { nature: 'nid-de-poule', danger: 'oui' },
      },
      token: citizen,
      headers: { 'idempotency-key': randomUUID() },
    });

    expect(filed.status).toBe(201);
    report = filed.body;
    expect(report).toMatchObject({ status: 'new', commune: '31555', bodyId: SIREN, version: 1 });
  });

  test("the metropolis's agent acknowledges it, then resolves it, each time from the version read", async () => {
    const read = await fetchJson<Report>(`${T}/reports/${report.id}/details`, { token: roadAgent });
    const acknowledged = await fetchJson<Report>(`${T}/reports/${report.id}/transitions`, {
      json: { to: 'acknowledged', publicNote: 'Une équipe de la voirie intervient cette semaine.' },
      token: roadAgent,
      headers: { 'if-match': read.headers.get('etag')! },
    });
    expect(acknowledged).toMatchObject({ status: 200, body: { status: 'acknowledged', version: 2 } });

    const resolved = await fetchJson<Report>(`${T}/reports/${report.id}/transitions`, {
      json: {
        to: 'resolved',
        version: acknowledged.body.version,
        publicNote: 'La chaussée a été rebouchée.',
        internalNote: 'Enrobé à froid, à reprendre au printemps',
      },
      token: roadAgent,
    });
    expect(resolved).toMatchObject({ status: 200, body: { status: 'resolved', version: 3 } });
  });

  test("the citizen's mailbox holds both notifications, each once, addressed to them alone", async () => {
    const messages = await eventually(mailbox, (m) => m.length >= 2);

    expect(messages).toHaveLength(2);
    expect(messages.every((m) => m.to.length === 1 && m.to[0] === email)).toBe(true);
    // The two events may be delivered in the same batch: find each message by its subject.
    const acknowledged = messages.find((m) => m.subject.endsWith(': pris en compte'));
    const resolved = messages.find((m) => m.subject.endsWith(': résolu'));
    expect(acknowledged!.subject).toBe(`Signalement n° ${report.id} : pris en compte`);
    expect(acknowledged!.text).toContain('Une équipe de la voirie intervient cette semaine.');
    expect(resolved!.subject).toBe(`Signalement n° ${report.id} : résolu`);
    expect(resolved!.text).toContain('Commune : Toulouse');
    expect(resolved!.text).toContain('La chaussée a été rebouchée.');
    expect(resolved!.text).not.toContain('Enrobé à froid');
  });
});
