/**
 * The running local runtime (as `npm start` runs it) serves the mailbox: SES's SendEmail at
 * /_local/ses, the messages at GET /_local/mailbox. Other suites share this mailbox: each test
 * reads only its own address, and nothing here empties it.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { randomUUID } from 'node:crypto';
import { baseUrl, fetchJson } from '../support/http';

it('files a message sent to its SES endpoint under the recipient’s address', async () => {
  const to = `e2e-${randomUUID()}@example.fr`;
  const ses = new SESv2Client({
    region: 'eu-west-3',
    endpoint: `${baseUrl()}/_local/ses`,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: 'ne-pas-repondre@ville-ouverte.localhost',
      Destination: { ToAddresses: [to] },
      Content: { Simple: { Subject: { Data: 'Bonjour' }, Body: { Text: { Data: 'Bonjour.' } } } },
    }),
  );
  ses.destroy();

  const response = await fetchJson<{ to: string[]; subject: string }[]>(`/_local/mailbox?to=${encodeURIComponent(to)}`);
  expect(response.status).toBe(200);
  expect(response.body).toEqual([expect.objectContaining({ to: [to], subject: 'Bonjour' })]);
});
