/**
 * Just enough of the SQS wire protocol for the production adapter (shared/runtime/queue.ts) to
 * run unchanged against the local queues. Measured with @aws-sdk/client-sqs 3.117x: it speaks
 * AWS JSON 1.0 (`POST`, `X-Amz-Target: AmazonSQS.SendMessageBatch`, the QueueUrl in the body) to
 * `<endpoint>/`; with no endpoint configured it would post to the QueueUrl's origin instead (and
 * warn on every call), so the runtime sets SQS_ENDPOINT. It checks MD5OfMessageBody of every
 * sent message against its own digest.
 */
import { randomUUID } from 'node:crypto';
import type { HttpResponse } from '../api-gateway-event';
import { jsonResponse, parseJsonBody, type LocalRoute } from '../local-http';
import { md5OfBody, md5OfMessageAttributes } from './message-md5';
import type { LocalQueue, MessageAttributeValue, StoredMessage } from './queue-store';

export const SQS_ACCOUNT = '000000000000';
/** SQS's largest message (body and attributes) since August 2025. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

interface MessageInput {
  readonly MessageBody?: unknown;
  readonly DelaySeconds?: number;
  readonly MessageAttributes?: Record<string, MessageAttributeValue>;
}

class SqsError extends Error {
  constructor(
    /** The JSON protocol's error shape name (`__type`). */
    readonly type: string,
    /** The legacy query error code the SDK also reads. */
    readonly queryCode: string,
    message: string,
  ) {
    super(message);
  }
}

const sqsResponse = (value: unknown): HttpResponse =>
  jsonResponse(200, value, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() });

const sqsErrorResponse = (error: SqsError): HttpResponse =>
  jsonResponse(
    400,
    { __type: `com.amazonaws.sqs#${error.type}`, message: error.message },
    {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': randomUUID(),
      'x-amzn-query-error': `${error.queryCode};Sender`,
    },
  );

const invalidParameter = (message: string) => new SqsError('InvalidParameterValue', 'InvalidParameterValue', message);

/** Refuses what SQS refuses; returns the message to store. */
const validateMessage = (input: MessageInput) => {
  if (typeof input.MessageBody !== 'string' || input.MessageBody === '') {
    throw new SqsError('MissingParameter', 'MissingParameter', 'The request must contain the parameter MessageBody.');
  }
  const attributes = input.MessageAttributes ?? {};
  const size =
    Buffer.byteLength(input.MessageBody) +
    Object.entries(attributes).reduce(
      (sum, [name, a]) =>
        sum +
        Buffer.byteLength(name) +
        Buffer.byteLength(a.DataType) +
        Buffer.byteLength(a.StringValue ?? a.BinaryValue ?? ''),
      0,
    );
  if (size > MAX_MESSAGE_BYTES) {
    throw invalidParameter(
      `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.`,
    );
  }
  const delaySeconds = input.DelaySeconds ?? 0;
  if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > 900) {
    throw invalidParameter(
      `Value ${delaySeconds} for parameter DelaySeconds is invalid. Reason: must be between 0 and 900.`,
    );
  }
  return { body: input.MessageBody, messageAttributes: attributes, delaySeconds };
};

const sentResult = (message: StoredMessage) => {
  const attributesMd5 = md5OfMessageAttributes(message.messageAttributes);
  return {
    MessageId: message.messageId,
    MD5OfMessageBody: md5OfBody(message.body),
    ...(attributesMd5 ? { MD5OfMessageAttributes: attributesMd5 } : {}),
  };
};

export const createSqsEndpoint = (
  queues: ReadonlyMap<string, LocalQueue>,
  queueUrl: (name: string) => string,
): LocalRoute => {
  const queueOf = (url: unknown): LocalQueue => {
    const name = typeof url === 'string' ? url.split('/').filter(Boolean).pop() : undefined;
    const queue = name ? queues.get(name) : undefined;
    if (!queue)
      throw new SqsError(
        'QueueDoesNotExist',
        'AWS.SimpleQueueService.NonExistentQueue',
        'The specified queue does not exist.',
      );
    return queue;
  };

  const actions: Record<string, (input: Record<string, unknown>) => Promise<unknown>> = {
    async SendMessage(input) {
      const queue = queueOf(input.QueueUrl);
      return sentResult(await queue.send(validateMessage(input)));
    },

    async SendMessageBatch(input) {
      const queue = queueOf(input.QueueUrl);
      const entries = Array.isArray(input.Entries) ? (input.Entries as (MessageInput & { Id?: unknown })[]) : [];
      if (entries.length === 0) {
        throw new SqsError(
          'EmptyBatchRequest',
          'AWS.SimpleQueueService.EmptyBatchRequest',
          'There should be at least one SendMessageBatchRequestEntry in the request.',
        );
      }
      if (entries.length > 10) {
        throw new SqsError(
          'TooManyEntriesInBatchRequest',
          'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
          `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
        );
      }
      if (new Set(entries.map((e) => e.Id)).size !== entries.length) {
        throw new SqsError(
          'BatchEntryIdsNotDistinct',
          'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
          'Two or more batch entries in the request have the same Id.',
        );
      }
      const Successful: unknown[] = [];
      const Failed: unknown[] = [];
      for (const entry of entries) {
        try {
          Successful.push({ Id: entry.Id, ...sentResult(await queue.send(validateMessage(entry))) });
        } catch (error) {
          if (!(error instanceof SqsError)) throw error;
          Failed.push({ Id: entry.Id, SenderFault: true, Code: error.type, Message: error.message });
        }
      }
      return { Successful, Failed };
    },

    async GetQueueUrl(input) {
      return { QueueUrl: queueUrl(queueOf(input.QueueName).name) };
    },
  };

  return {
    method: 'POST',
    path: '/_local/sqs',
    async handle(request) {
      const target = String(request.headers['x-amz-target'] ?? '');
      const action = actions[target.replace(/^AmazonSQS\./, '')];
      try {
        if (!target.startsWith('AmazonSQS.') || !action) {
          throw new SqsError(
            'UnsupportedOperation',
            'AWS.SimpleQueueService.UnsupportedOperation',
            `The local SQS endpoint does not support ${target || 'this request'}.`,
          );
        }
        const input = parseJsonBody(request.body);
        if (!input.ok || typeof input.value !== 'object' || input.value === null)
          throw invalidParameter('The request body is not a JSON object.');
        return sqsResponse(await action(input.value as Record<string, unknown>));
      } catch (error) {
        if (error instanceof SqsError) return sqsErrorResponse(error);
        throw error;
      }
    },
  };
};
