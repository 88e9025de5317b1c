/**
 * The production mailer (shared/runtime/mailer.ts, SES API v2) sending into the local mailbox
 * through the gateway's SES-compatible endpoint, configured only by environment variables, as the
 * local runtime configures it.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/free-port';
import { createGateway, type Gateway } from '../../infra/local/gateway';
import { createHandlerLoader } from '../../infra/local/handler-loader';
import { openLocalMailbox, type LocalMailbox } from '../../infra/local/mailbox/local-mailbox';
import type { MailboxMessage } from '../../infra/local/mailbox/mailbox-store';

let dataDir: string;
let gateway: Gateway;
let mailbox: LocalMailbox;
let baseUrl: string;
let mailer: (typeof import('../../shared/runtime/mailer'))['mailer'];

const MAIL_FROM = 'ne-pas-repondre@ville-ouverte.localhost';
const inbox = async (to?: string) =>
  (await (
    await fetch(`${baseUrl}/_local/mailbox${to ? `?to=${encodeURIComponent(to)}` : ''}`)
  ).json()) as MailboxMessage[];
const localSes = () =>
  new SESv2Client({
    region: 'eu-west-3',
    endpoint: mailbox.sesEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'local-mailbox-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  mailbox = await openLocalMailbox({ dataDir, baseUrl });
  gateway = createGateway({ routes: [], loadHandler: createHandlerLoader(), localRoutes: mailbox.routes });
  await gateway.listen(port);
  Object.assign(process.env, { SES_ENDPOINT: mailbox.sesEndpoint, MAIL_FROM });
  // The adapter reads its configuration when imported: only now.
  ({ mailer } = await import('../../shared/runtime/mailer'));
});

afterAll(async () => {
  await gateway.close();
  await rm(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await fetch(`${baseUrl}/_local/mailbox`, { method: 'DELETE' });
});

it('delivers a message from the production mailer, readable at GET /_local/mailbox', async () => {
  const sent = await mailer.send({
    to: ['camille@example.fr'],
    subject: 'Votre signalement a été pris en compte',
    text: 'Bonjour, votre signalement n° 42 est en cours de traitement.',
    html: '<p>Bonjour, votre signalement n° 42 est <strong>en cours</strong> de traitement.</p>',
    idempotencyKey: 'report.acknowledged:01JEVENT:camille@example.fr',
  });

  expect(await inbox()).toEqual([
    {
      id: sent.messageId,
      receivedAt: expect.any(String),
      from: MAIL_FROM,
      to: ['camille@example.fr'],
      cc: [],
      bcc: [],
      replyTo: [],
      subject: 'Votre signalement a été pris en compte',
      text: 'Bonjour, votre signalement n° 42 est en cours de traitement.',
      html: '<p>Bonjour, votre signalement n° 42 est <strong>en cours</strong> de traitement.</p>',
      headers: { 'X-Idempotency-Key': 'report.acknowledged:01JEVENT:camille@example.fr' },
    },
  ]);
});

it('lists messages newest first, and only those for one address when asked', async () => {
  for (const [to, subject] of [
    ['a@example.fr', 'first'],
    ['b@example.fr', 'second'],
    ['a@example.fr', 'third'],
  ] as const) {
    await mailer.send({ to: [to], subject, text: subject, idempotencyKey: subject });
  }

  expect((await inbox()).map((m) => m.subject)).toEqual(['third', 'second', 'first']);
  expect((await inbox('A@Example.fr')).map((m) => m.subject)).toEqual(['third', 'first']);
});

it('keeps every copy of a message sent twice with the same key, so a duplicate shows', async () => {
  const message = { to: ['c@example.fr'], subject: 'Résolu', text: 'Résolu.', idempotencyKey: 'same-key' };

  await mailer.send(message);
  await mailer.send(message);

  expect(await inbox('c@example.fr')).toHaveLength(2);
});

it('has written each message to its own JSON file by the time it answers', async () => {
  const { messageId } = await mailer.send({ to: ['d@example.fr'], subject: 'Fichier', text: 'x', idempotencyKey: 'k' });

  const folder = join(dataDir, 'mailbox');
  expect(await readdir(folder)).toEqual([`${messageId}.json`]);
  expect(JSON.parse(await readFile(join(folder, `${messageId}.json`), 'utf8'))).toMatchObject({ subject: 'Fichier' });
});

it('empties the mailbox on DELETE /_local/mailbox', async () => {
  await mailer.send({ to: ['e@example.fr'], subject: 'x', text: 'x', idempotencyKey: 'k' });

  const deleted = (await (await fetch(`${baseUrl}/_local/mailbox`, { method: 'DELETE' })).json()) as unknown;

  expect(deleted).toEqual({ deleted: 1 });
  expect(await inbox()).toEqual([]);
});

it("refuses a message with no recipient with SES's BadRequestException, and files nothing", async () => {
  const ses = localSes();

  await expect(
    ses.send(
      new SendEmailCommand({
        FromEmailAddress: MAIL_FROM,
        Destination: { ToAddresses: [] },
        Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } },
      }),
    ),
  ).rejects.toMatchObject({ name: 'BadRequestException', $metadata: { httpStatusCode: 400 } });
  expect(await inbox()).toEqual([]);
  ses.destroy();
});

it("refuses a malformed address with SES's MessageRejected", async () => {
  const ses = localSes();

  await expect(
    ses.send(
      new SendEmailCommand({
        FromEmailAddress: MAIL_FROM,
        Destination: { ToAddresses: ['not an address'] },
        Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } },
      }),
    ),
  ).rejects.toMatchObject({ name: 'MessageRejected' });
  ses.destroy();
});

it('refuses to send a message to nobody before calling SES', async () => {
  await expect(mailer.send({ to: [], subject: 's', text: 't', idempotencyKey: 'k' })).rejects.toThrow(
    '1 to 50 recipients',
  );
});
