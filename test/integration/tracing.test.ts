/**
 * X-Ray tracing as Lambda would see it, against DynamoDB Local and a UDP socket standing for the
 * X-Ray daemon: under a sampled trace header, each AWS call of the platform's own client arrives as
 * a subsegment document of that trace (operation, table, status; a refused call marked as an
 * error), hung under the handler's subsegment when one runs; unsampled or untraced calls send nothing.
 */
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { useFreshTable } from '../support/integration-table';

const ROOT = '1-67891233-abcdef012345678912345678';
const LAMBDA_SEGMENT = '53995c3f42cd8ad8';
const header = (sampled: '0' | '1') => `Root=${ROOT};Parent=${LAMBDA_SEGMENT};Sampled=${sampled}`;

let daemon: Socket;
const received: string[] = [];
let waiting: (() => void) | undefined;
let dynamo: typeof import('../../shared/runtime/dynamo');
let tracing: typeof import('../../shared/runtime/tracing');

/** The next `count` documents the daemon receives, parsed (each datagram: a header line, then the document). */
const nextDocuments = async (count: number): Promise<Record<string, unknown>[]> => {
  while (received.length < count) await new Promise<void>((resolve) => (waiting = resolve));
  return received.splice(0, count).map((datagram) => {
    const [headerLine, document] = datagram.split('\n');
    expect(JSON.parse(headerLine!)).toEqual({ format: 'json', version: 1 });
    return JSON.parse(document!) as Record<string, unknown>;
  });
};

const getMissingItem = () =>
  dynamo.dynamo.send(new GetCommand({ TableName: dynamo.TABLE_NAME, Key: { pk: 'NONE', sk: 'NONE' } }));

beforeAll(async () => {
  await useFreshTable('tracing');
  daemon = createSocket('udp4');
  daemon.on('message', (message) => {
    received.push(message.toString('utf8'));
    waiting?.();
  });
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  process.env.AWS_XRAY_DAEMON_ADDRESS = `127.0.0.1:${(daemon.address() as AddressInfo).port}`;
  dynamo = await import('../../shared/runtime/dynamo');
  tracing = await import('../../shared/runtime/tracing');
});

afterAll(() => {
  delete process.env._X_AMZN_TRACE_ID;
  delete process.env.AWS_XRAY_DAEMON_ADDRESS;
  daemon.close();
});

test('a DynamoDB call under a sampled trace is a subsegment of the invocation', async () => {
  process.env._X_AMZN_TRACE_ID = header('1');
  await getMissingItem();
  const [subsegment] = await nextDocuments(1);
  expect(subsegment).toMatchObject({
    type: 'subsegment',
    trace_id: ROOT,
    parent_id: LAMBDA_SEGMENT,
    name: 'DynamoDB',
    namespace: 'aws',
    aws: { operation: 'GetItem', table_name: dynamo.TABLE_NAME, retries: 0 },
    http: { response: { status: 200 } },
  });
  expect(subsegment!.id).toMatch(/^[0-9a-f]{16}$/);
  expect(subsegment!.end_time as number).toBeGreaterThanOrEqual(subsegment!.start_time as number);
});

test("calls inside a handler hang under the handler's subsegment, sent when it ends", async () => {
  process.env._X_AMZN_TRACE_ID = header('1');
  await tracing.inHandlerSubsegment(async () => {
    await getMissingItem();
  });
  const [call, handler] = await nextDocuments(2);
  expect(handler).toMatchObject({
    type: 'subsegment',
    trace_id: ROOT,
    parent_id: LAMBDA_SEGMENT,
    name: expect.stringMatching(/^## /),
    annotations: { Service: expect.any(String), ColdStart: expect.any(Boolean) },
  });
  expect(call).toMatchObject({ name: 'DynamoDB', parent_id: handler!.id, trace_id: ROOT });
});

test('a refused call is marked as an error with its cause; a failing handler as a fault', async () => {
  process.env._X_AMZN_TRACE_ID = header('1');
  await expect(
    tracing.inHandlerSubsegment(() =>
      dynamo.dynamo.send(
        new PutCommand({
          TableName: dynamo.TABLE_NAME,
          Item: { pk: 'TRACED', sk: 'TRACED' },
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    ),
  ).rejects.toThrow();
  const [call, handler] = await nextDocuments(2);
  expect(call).toMatchObject({
    name: 'DynamoDB',
    aws: { operation: 'PutItem' },
    http: { response: { status: 400 } },
    error: true,
    cause: { exceptions: [{ type: 'ConditionalCheckFailedException' }] },
  });
  expect(call).not.toHaveProperty('fault');
  expect(handler).toMatchObject({ fault: true, cause: { exceptions: [{ type: 'ConditionalCheckFailedException' }] } });
});

test('an unsampled or untraced call sends nothing', async () => {
  process.env._X_AMZN_TRACE_ID = header('0');
  await getMissingItem();
  delete process.env._X_AMZN_TRACE_ID;
  await tracing.inHandlerSubsegment(getMissingItem);
  // A traced call after them: the first document to arrive is its own.
  process.env._X_AMZN_TRACE_ID = header('1');
  await dynamo.dynamo.send(
    new QueryCommand({
      TableName: dynamo.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'NONE' },
    }),
  );
  const [first] = await nextDocuments(1);
  expect(first).toMatchObject({ aws: { operation: 'Query' } });
  expect(received).toEqual([]);
});
