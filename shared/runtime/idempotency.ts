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
 * subject; anonymous callers share one scope per route, so they should send random keys). A
 * resource offered in several formats (Open311's `requests.json` and `requests.xml`: route ids
 * differing by their `Xml` suffix) shares one scope: one key, one request, whatever the format.
 *
 * The gap between a commit and the recording of its response is closed where it matters: a use
 * case that creates something (report filing) records its outcome (`outcome`, e.g. the report's id)
 * on the claim IN its own transaction (`outcomeItem`, conditioned on holding the claim). If the
 * function then dies before the response is recorded, the claim's lock lapses (LOCK_SECONDS) and
 * a retry takes it over WITH that outcome: the use case finds it (`committedOutcome`) and answers
 * with what was created instead of creating it again. A failed handler releases its claim only
 * when nothing was committed; otherwise it lets the lock lapse at once, keeping the outcome.
 * Use cases that record no outcome keep the old window (a retry after a crash runs them again).
 * A request with an outcome does not store its answer: a retry is answered again from what it
 * created, as it is now (so a filer's contact erased since is not replayed from here).
 *
 * Access patterns
 * - claim a key         Put pk=[TERRITORY#<siren>#]IDEMPOTENCY#<sha256(scope)>, sk=REQUEST,
 *                       if absent, expired, or its lock lapsed with nothing committed
 * - take over a claim   Update (new token, lock), if its lock lapsed and it holds an outcome
 * - read its state      GetItem (consistent)
 * - record the outcome  Update in the use case's transaction, if the claim is still ours
 * - record the answer   Update, if the claim is still ours
 * - release the claim   Delete, if the claim is still ours and holds no outcome
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';
import { config } from './config';
import { dynamo, TABLE_NAME, TTL_ATTRIBUTE, type TransactItem } from './dynamo';
import { ConflictError, InvalidInputError, RuleViolationError } from '../kernel/errors';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/** Longer than any route may run (infra/function-plan.ts: 10 s), so a live request keeps its claim. */
const LOCK_SECONDS = config.idempotencyLockSeconds;
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

/** The format of a resource offered in several (`….json`, `….xml`), which the scope leaves out. */
const FORMAT = /\.(json|xml)$/;
const variantOf = (scope: IdempotencyScope) => FORMAT.exec(scope.path)?.[1] ?? '';

const keyOf = (scope: IdempotencyScope) => {
  const route = scope.routeId.replace(/Xml$/, '');
  const path = scope.path.replace(FORMAT, '');
  const hash = sha256(JSON.stringify([route, path, scope.caller ?? 'anonymous', scope.key]));
  return { pk: `${scope.territory ? `TERRITORY#${scope.territory}#` : ''}IDEMPOTENCY#${hash}`, sk: 'REQUEST' };
};

/** What a use case created under a key, e.g. { report: <id> }: enough to answer again without creating. */
export type Outcome = Readonly<Record<string, string>>;

interface StoredRecord {
  readonly state: 'in-progress' | 'completed';
  readonly fingerprint: string;
  readonly token: string;
  readonly lockedUntil?: number;
  readonly outcome?: Outcome;
  readonly response?: Result;
  /** The format the response was rendered in ('' for a resource with one format). */
  readonly variant?: string;
}

interface RunContext {
  readonly key: Record<string, string>;
  readonly token: string;
  readonly outcome?: Outcome;
  /** Set when the use case recorded its outcome on the claim (outcomeItem). */
  recorded?: boolean;
}

/** The idempotent request being handled, for the use case's store (one per request, even when concurrent). */
const running = new AsyncLocalStorage<RunContext>();

/** Inside an idempotent request: what an earlier attempt with the same key already committed. */
export const committedOutcome = (): Outcome | undefined => running.getStore()?.outcome;

/**
 * Inside an idempotent request: the transaction item recording `outcome` on the claim, to add to
 * the use case's own transaction; undefined outside one. It fails the transaction when the claim
 * is no longer ours (a retry took it over meanwhile).
 */
export const outcomeItem = (outcome: Outcome): TransactItem | undefined => {
  const context = running.getStore();
  if (!context) return undefined;
  context.recorded = true;
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: context.key,
      UpdateExpression: 'SET #outcome = :outcome',
      ConditionExpression: '#token = :token',
      ExpressionAttributeNames: { '#outcome': 'outcome', '#token': 'token' },
      ExpressionAttributeValues: { ':outcome': outcome, ':token': context.token },
    },
  };
};

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
        // A lapsed claim holding an outcome is taken over (takeOver), never overwritten.
        ConditionExpression:
          'attribute_not_exists(pk) OR #ttl < :nowSeconds OR (#state = :inProgress AND lockedUntil < :now AND attribute_not_exists(#outcome))',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE, '#state': 'state', '#outcome': 'outcome' },
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

/** Takes over a lapsed claim that holds an outcome, keeping the outcome; false when someone else did first. */
const takeOver = async (key: Record<string, string>, existing: StoredRecord, token: string): Promise<boolean> => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: key,
        UpdateExpression: 'SET #token = :token, lockedUntil = :lockedUntil',
        ConditionExpression: '#token = :previous AND #state = :inProgress AND lockedUntil < :now',
        ExpressionAttributeNames: { '#token': 'token', '#state': 'state' },
        ExpressionAttributeValues: {
          ':token': token,
          ':previous': existing.token,
          ':inProgress': 'in-progress',
          ':now': Date.now(),
          ':lockedUntil': Date.now() + LOCK_SECONDS * 1000,
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/** After a failed handler: free the key when nothing was committed, else let its lock lapse now (the outcome stays). */
const release = async (key: Record<string, string>, token: string): Promise<void> => {
  try {
    await dynamo.send(
      new DeleteCommand({
        TableName: TABLE_NAME,
        Key: key,
        ConditionExpression: '#token = :token AND attribute_not_exists(#outcome)',
        ExpressionAttributeNames: { '#token': 'token', '#outcome': 'outcome' },
        ExpressionAttributeValues: { ':token': token },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    await dynamo.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: key,
        UpdateExpression: 'SET lockedUntil = :lapsed',
        ConditionExpression: '#token = :token AND #state = :inProgress',
        ExpressionAttributeNames: { '#token': 'token', '#state': 'state' },
        ExpressionAttributeValues: { ':token': token, ':lapsed': 0, ':inProgress': 'in-progress' },
      }),
    );
  }
};

/** Runs `run` once per idempotency key; retries get its stored result. */
export const runIdempotently = async (scope: IdempotencyScope, run: () => Promise<Result>): Promise<Result> => {
  if (!KEY_PATTERN.test(scope.key)) {
    throw new InvalidInputError('The Idempotency-Key header must be 1 to 255 visible ASCII characters');
  }
  const key = keyOf(scope);
  const variant = variantOf(scope);
  const fingerprint = sha256(JSON.stringify(scope.request ?? null));
  const token = randomUUID();
  let outcome: Outcome | undefined;
  for (let attempt = 0; ; attempt++) {
    const existing = await claim(key, fingerprint, token);
    if (!existing) break;
    if (existing.fingerprint !== fingerprint) {
      throw new RuleViolationError(
        'This Idempotency-Key was already used for a different request: use a new key for a new request',
        'idempotency-key-reuse',
      );
    }
    // A request that created something is answered again from what it created, as it is now: its
    // answer is not stored, so nothing personal it held (a filer's contact) outlives an erasure here.
    if (existing.state === 'completed' && existing.outcome) {
      const again = await running.run({ key, token: existing.token, outcome: existing.outcome }, run);
      return { ...again, headers: { ...again.headers, [REPLAYED_HEADER]: 'true' } };
    }
    if (existing.state === 'completed' && existing.response) {
      return { ...existing.response, headers: { ...existing.response.headers, [REPLAYED_HEADER]: 'true' } };
    }
    // A lapsed claim whose use case committed (its function died before answering): take it over.
    if (existing.state === 'in-progress' && existing.outcome && (existing.lockedUntil ?? 0) < Date.now()) {
      if (await takeOver(key, existing, token)) {
        outcome = existing.outcome;
        break;
      }
      continue;
    }
    if (existing.state === 'in-progress' || attempt >= 2) {
      throw new ConflictError('A request with this Idempotency-Key is still in progress: retry in a moment');
    }
  }

  const ours = { ConditionExpression: '#token = :token', ExpressionAttributeNames: { '#token': 'token' } };
  let result: Result;
  const context: RunContext = { key, token, ...(outcome ? { outcome } : {}) };
  try {
    result = await running.run(context, run);
  } catch (error) {
    // Nothing was created (or the use case refused): a retry must be able to run again.
    await release(key, token).catch(() => undefined);
    throw error;
  }
  // With an outcome (recorded now, or by the attempt this one took over), the answer is rebuilt on a retry.
  const rebuiltOnRetry = context.recorded === true || outcome !== undefined;
  if ((result.statusCode ?? 200) < 500) {
    await dynamo
      .send(
        new UpdateCommand({
          TableName: TABLE_NAME,
          Key: key,
          UpdateExpression: rebuiltOnRetry
            ? 'SET #state = :completed, variant = :variant REMOVE lockedUntil'
            : 'SET #state = :completed, #response = :response, variant = :variant REMOVE lockedUntil',
          ...ours,
          ExpressionAttributeNames: {
            ...ours.ExpressionAttributeNames,
            '#state': 'state',
            ...(rebuiltOnRetry ? {} : { '#response': 'response' }),
          },
          ExpressionAttributeValues: {
            ':token': token,
            ':completed': 'completed',
            ':variant': variant,
            ...(rebuiltOnRetry ? {} : { ':response': result }),
          },
        }),
      )
      .catch(async (error: unknown) => {
        // Our lock lapsed and another request took the key: it records its own answer.
        if (error instanceof ConditionalCheckFailedException) return;
        // The answer could not be recorded (too large, the store failing): what was committed stays
        // on the claim, and the lock lapses now, so a retry answers from it.
        await release(key, token).catch(() => undefined);
        throw error;
      });
  }
  return result;
};
