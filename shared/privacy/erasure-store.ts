/**
 * DynamoDB adapter of erasure requests: one item per citizen (their pseudonymous key), outside
 * any territory since an erasure covers them all.
 *
 * Access patterns
 * - a citizen's request        GetItem pk = PRIVACY#ERASURE#<voterKey>, sk = REQUEST
 * - open one                   Transact: Put it (absent, or the last one done) + outbox event
 * - count what went          Update ADD removed.<territory>/<kind> (as each item is handled)
 * - complete it                Transact: Update state pending → done, REMOVE issuer, sub + audit events
 * Kept 30 days after the last change (TTL), so the citizen can see it was done.
 */
import * as z from 'zod';
import { commitWithEvents } from '../events/outbox';
import { ConflictError } from '../kernel/errors';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, getItem, TABLE_NAME, TTL_ATTRIBUTE } from '../runtime/dynamo';
import type { ErasureDeps } from './erasure';

const KEEP_SECONDS = 30 * 24 * 3600;
const keyOf = (voterKey: string) => ({ pk: `PRIVACY#ERASURE#${voterKey}`, sk: 'REQUEST' });
const expiry = (at: string) => Math.floor(Date.parse(at) / 1000) + KEEP_SECONDS;

const RequestRecord = z.object({
  requestId: z.string(),
  requestedAt: z.string(),
  state: z.enum(['pending', 'done']),
  issuer: z.string().optional(),
  sub: z.string().optional(),
  completedAt: z.string().optional(),
  removed: z.record(z.string(), z.number()).optional(),
});

/** commitWithEvents says a failed condition with a ConflictError. */
const conditionFailed = (error: unknown) => error instanceof ConflictError;

export const dynamoErasureRequests: ErasureDeps['requests'] = {
  get: (voterKey) => getItem(RequestRecord, keyOf(voterKey), { consistent: true }),

  async open(voterKey, request, event) {
    try {
      await commitWithEvents(
        [
          {
            Put: {
              TableName: TABLE_NAME,
              Item: { ...keyOf(voterKey), ...request, removed: {}, [TTL_ATTRIBUTE]: expiry(request.requestedAt) },
              ConditionExpression: 'attribute_not_exists(pk) OR #state = :done',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: { ':done': 'done' },
            },
          },
        ],
        [event],
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  },

  async count(voterKey, requestId, counts) {
    const kinds = Object.keys(counts);
    await dynamo.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: keyOf(voterKey),
        UpdateExpression: `ADD ${kinds.map((_, i) => `#removed.#k${i} :n${i}`).join(', ')}`,
        ConditionExpression: 'requestId = :id',
        ExpressionAttributeNames: { '#removed': 'removed', ...Object.fromEntries(kinds.map((k, i) => [`#k${i}`, k])) },
        ExpressionAttributeValues: {
          ':id': requestId,
          ...Object.fromEntries(kinds.map((k, i) => [`:n${i}`, counts[k]])),
        },
      }),
    );
  },

  async complete(voterKey, requestId, at, events) {
    try {
      await commitWithEvents(
        [
          {
            Update: {
              TableName: TABLE_NAME,
              Key: keyOf(voterKey),
              UpdateExpression: 'SET #state = :done, completedAt = :at, #ttl = :ttl REMOVE issuer, #sub',
              ConditionExpression: 'requestId = :id AND #state = :pending',
              ExpressionAttributeNames: { '#state': 'state', '#ttl': TTL_ATTRIBUTE, '#sub': 'sub' },
              ExpressionAttributeValues: {
                ':done': 'done',
                ':pending': 'pending',
                ':at': at,
                ':id': requestId,
                ':ttl': expiry(at),
              },
            },
          },
        ],
        events,
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  },
};
