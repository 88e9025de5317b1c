/**
 * Idempotency keys for creating POSTs (routes declared `idempotent: true`). A client that sends
 * `Idempotency-Key: <key>` and retries (a timeout, a lost answer) gets the first response again,
 * never a second resource:
 *
 *   first request   claims the key with a conditional Put ("in progress", with a lock), runs the
 *                   handler, then stores its response (24 h, TTL)
 *   retry, done     the stored response, with `Idempotent-Replayed: true`
 *   retry, running  409: the first one has not answered yet
 *   other body      422: a key names one request
 *   handler failed  the claim is released, so a retry runs again
 *
 * A key is scoped to its route, its path (which names the territory) and its caller (the token's
 * subject; anonymous callers share one scope per route, so they should send random keys).
 * If a handler dies between its commit and the recording of its response, the lock lapses after
 * LOCK_SECONDS and a retry runs the handler again: that window is the price of not coupling every
 * use case's transaction to this record.
 *
 * Access patterns
 * - claim a key         Put pk=[TERRITORY#<siren>#]IDEMPOTENCY#<sha256(scope)>, sk=REQUEST,
 *                       if absent, expired, or its lock lapsed
 * - read its state      GetItem (consistent)
 * - record the answer   Update, if the claim is still ours
 * - release the claim   Delete, if the claim is still ours
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createHash, randomUUID } from 'node:crypto';
import { dynamo, TABLE_NAME, TTL_ATTRIBUTE } from './dynamo';
import { ConflictError, InvalidInputError, RuleViolationError } from '../kernel/errors';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/** Longer than any route may run (infra/function-plan.ts: 10 s), so a live request keeps its claim. */
export const LOCK_SECONDS = 30;
export const REPLAYED_HEADER = 'Idempotent-Replayed';

type Result = APIGatewayProxyStructuredResultV2;

export interface IdempotencyScope {
  /** The header's value as sent. */
  readonly key: string;
  readonly routeId: string;
  readonly path: string;
  /** SIREN named by the path, so the record lives under its tenant. */
  readonly territory?: string;
  /** The caller's subject; undefined for an anonymous caller. */
  readonly caller?: string;
  /** What the request asks, canonical: a retry must send the same. */
  readonly request: unknown;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const keyOf = (scope: IdempotencyScope) => {
  const hash = sha256(JSON.stringify([scope.routeId, scope.path, scope.caller ?? 'anonymous', scope.key]));
  return { pk: `${scope.territory ? `TERRITORY#${scope.territory}#` : ''}IDEMPOTENCY#${hash}`, sk: 'REQUEST' };
};

interface StoredRecord {
  readonly state: 'in-progress' | 'completed';
  readonly fingerprint: string;
  readonly response?: Result;
}

/** Takes the key; returns the record already there when someone else holds or finished it. */
const claim = async (
  key: Record<string, string>,
  fingerprint: string,
  token: string,
): Promise<StoredRecord | undefined> => {
  const now = Date.now();
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          ...key,
          state: 'in-progress',
          fingerprint,
          token,
          lockedUntil: now + LOCK_SECONDS * 1000,
          [TTL_ATTRIBUTE]: Math.floor(now / 1000) + IDEMPOTENCY_TTL_SECONDS,
        },
        // TTL deletes expired items late: an expired record counts as absent.
        ConditionExpression:
          'attribute_not_exists(pk) OR #ttl < :nowSeconds OR (#state = :inProgress AND lockedUntil < :now)',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE, '#state': 'state' },
        ExpressionAttributeValues: { ':nowSeconds': Math.floor(now / 1000), ':now': now, ':inProgress': 'in-progress' },
      }),
    );
    return undefined;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const { Item } = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: key, ConsistentRead: true }));
  // Released meanwhile (the first request failed): the caller tries to claim it again.
  return Item as StoredRecord | undefined;
};

/** Runs `run` once per idempotency key; retries get its stored result. */
export const runIdempotently = async (scope: IdempotencyScope, run: () => Promise<Result>): Promise<Result> => {
  if (!KEY_PATTERN.test(scope.key)) {
    throw new InvalidInputError('The Idempotency-Key header must be 1 to 255 visible ASCII characters');
  }
  const key = keyOf(scope);
  const fingerprint = sha256(JSON.stringify(scope.request ?? null));
  const token = randomUUID();
  for (let attempt = 0; ; attempt++) {
    const existing = await claim(key, fingerprint, token);
    if (!existing) break;
    if (existing.fingerprint !== fingerprint) {
      throw new RuleViolationError(
        'This Idempotency-Key was already used for a different request: use a new key for a new request',
        'idempotency-key-reuse',
      );
    }
    if (existing.state === 'completed' && existing.response) {
      return { ...existing.response, headers: { ...existing.response.headers, [REPLAYED_HEADER]: 'true' } };
    }
    if (existing.state === 'in-progress' || attempt >= 2) {
      throw new ConflictError('A request with this Idempotency-Key is still in progress: retry in a moment');
    }
  }

  const ours = { ConditionExpression: '#token = :token', ExpressionAttributeNames: { '#token': 'token' } };
  let result: Result;
  try {
    result = await run();
  } catch (error) {
    // Nothing was created (or the use case refused): a retry must be able to run again.
    await dynamo
      .send(
        new DeleteCommand({
          TableName: TABLE_NAME,
          Key: key,
          ...ours,
          ExpressionAttributeValues: { ':token': token },
        }),
      )
      .catch(() => undefined);
    throw error;
  }
  if ((result.statusCode ?? 200) < 500) {
    await dynamo
      .send(
        new UpdateCommand({
          TableName: TABLE_NAME,
          Key: key,
          UpdateExpression: 'SET #state = :completed, #response = :response REMOVE lockedUntil',
          ...ours,
          ExpressionAttributeNames: { ...ours.ExpressionAttributeNames, '#state': 'state', '#response': 'response' },
          ExpressionAttributeValues: { ':token': token, ':completed': 'completed', ':response': result },
        }),
      )
      .catch((error: unknown) => {
        // Our lock lapsed and another request took the key: it records its own answer.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }
  return result;
};
