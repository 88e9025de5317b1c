/**
 * The production SQS adapter (shared/runtime/queue.ts, AWS SDK v3) sending into the local queues
 * through the gateway's SQS-compatible endpoint, configured only by environment variables, as
 * the local runtime configures it.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/free-port';
import { createGateway, type Gateway } from '../../infra/local/gateway';
import { createHandlerLoader } from '../../infra/local/handler-loader';
import { openLocalQueues, type LocalQueues } from '../../infra/local/queues/local-queues';
import { consumers } from '../../shared/wiring/consumers';

let dataDir: string;
let gateway: Gateway;
let queues: LocalQueues;
let baseUrl: string;
let sendMessages: (typeof import('../../shared/runtime/queue'))['sendMessages'];

const depths = async () => (await (await fetch(`${baseUrl}/_local/queues`)).json()) as Record<string, unknown>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'local-sqs-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  queues = await openLocalQueues({ consumers, dataDir, baseUrl });
  gateway = createGateway({ routes: [], loadHandler: createHandlerLoader(), localRoutes: queues.routes });
  await gateway.listen(port);
  Object.assign(process.env, { QUEUE_URLS: JSON.stringify(queues.queueUrls), SQS_ENDPOINT: queues.sqsEndpoint });
  // The adapter reads its configuration when imported: only now.
  ({ sendMessages } = await import('../../shared/runtime/queue'));
});

afterAll(async () => {
  await gateway.close();
  await rm(dataDir, { recursive: true, force: true });
});

it('accepts a batch from the production adapter, which checks the MD5 of every body', async () => {
  const before = (await depths()).audit as { visible: number };
  const messages = Array.from({ length: 12 }, (_, i) => ({ id: `e${i}`, body: JSON.stringify({ n: i, text: 'été' }) }));

  await sendMessages('audit', messages);

  expect((await depths()).audit).toEqual({ visible: before.visible + 12, inFlight: 0, dlq: 0 });
});

it('accepts SendMessage with attributes and answers their MD5', async () => {
  const sqs = new SQSClient({
    region: 'eu-west-3',
    endpoint: queues.sqsEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

  const sent = await sqs.send(
    new SendMessageCommand({
      QueueUrl: queues.queueUrls.audit,
      MessageBody: 'hello',
      MessageAttributes: { SellerName: { DataType: 'String', StringValue: 'Example Store' } },
    }),
  );

  expect(sent.MessageId).toEqual(expect.any(String));
  expect(sent.MD5OfMessageAttributes).toBe('cd28f3b68aeee4b2eac9c66f2f694b58');
  sqs.destroy();
});

it("refuses a queue that is not declared with SQS's QueueDoesNotExist", async () => {
  const sqs = new SQSClient({
    region: 'eu-west-3',
    endpoint: queues.sqsEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

  await expect(
    sqs.send(new SendMessageCommand({ QueueUrl: `${queues.sqsEndpoint}/000000000000/nowhere`, MessageBody: 'x' })),
  ).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  sqs.destroy();
});

it('has written a message to its own file by the time it acknowledges it', async () => {
  const body = JSON.stringify({ marker: Math.random() });

  await sendMessages('audit', [{ id: 'e1', body }]);

  const folder = join(dataDir, 'queues', 'audit');
  const files = await readdir(folder);
  const contents = await Promise.all(files.map((file) => readFile(join(folder, file), 'utf8')));
  expect(contents.filter((content) => (JSON.parse(content) as { body: string }).body === body)).toHaveLength(1);
});
