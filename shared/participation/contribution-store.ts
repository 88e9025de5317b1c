/**
 * DynamoDB adapter of what citizens say in a consultation: proposals, supports, comments, flags
 * and moderation, all in the consultation's partition (keys: participation-keys.ts).
 *
 * Access patterns
 * pk = TERRITORY#<siren>#CONSULTATION#<id>
 * - a proposal                        GetItem  sk = PROPOSAL#<ring>#<proposalId>  (ring = hash of the id)
 * - proposals in random order         Query    sk from PROPOSAL#<seed's ring position>, then wrap around
 * - proposals, newest first           Query    gsi1  gsi1pk = <pk>#PROPOSALS, gsi1sk = <proposalId>, descending
 * - proposals, most supported first   Query    gsi2  gsi2pk = <pk>#PROPOSALS, gsi2sk = <count, 10 digits>#<id>
 *                                              (both index keys removed while hidden: sparse)
 * - whether a citizen supports one    GetItem  sk = SUPPORT#<proposalId>#<voterKey>
 * - comments of a proposal            Query    sk begins_with COMMENT#<proposalId>#, oldest first
 * - the moderation queue              Query    sk begins_with MODERATION#PENDING# (or MODERATION#HIDDEN#)
 * - the flags of a content (reasons)   Query    sk begins_with FLAG#<P#proposalId | C#proposalId#commentId>#
 */
import * as z from 'zod';
import { commitWithEvents } from '../events/outbox';
import { ConflictError } from '../kernel/errors';
import type { Page } from '../kernel/schemas';
import {
  ABSENT,
  decodeCursor,
  deleteItem,
  encodeCursor,
  failedConditions,
  getItem,
  INDEXES,
  isBusy,
  type Item,
  parseItem,
  putItem,
  queryAll,
  QueryFilter,
  queryPage,
  retryWhileBusy,
  StoreBusyError,
  TABLE_NAME,
  transact,
  type TransactItem,
} from '../runtime/dynamo';
import {
  CommentRecord,
  FlagRecord,
  ModerationEntryRecord,
  ProposalRecord,
  ringPosition,
  type Proposal,
} from './participation';
import {
  commentsPrefix,
  commentSk,
  consultationPk,
  flagSk,
  flagsPrefix,
  personIndexKeys,
  moderationPrefix,
  moderationSk,
  PROPOSAL_PREFIX,
  proposalSk,
  proposalsIndexPk,
  STATS_SK,
  supportRank,
  supportSk,
  targetKey,
} from './participation-keys';
import type { ContributionStore, PageRequest, SupportOutcome } from './participation-ports';

/** `hidden` is a reserved word in expressions. */
const HIDDEN = { '#hidden': 'hidden' };
/** Leaves hidden content out of a list. */
const visible = () => new QueryFilter().add('attribute_not_exists(#hidden)', HIDDEN, {});

/** A failed condition of a plain transaction, told as a ConflictError saying `message`. */
const conflictAs =
  (message: string) =>
  (error: unknown): never => {
    if (failedConditions(error).length > 0) throw new ConflictError(message);
    throw error;
  };

/** A visible proposal is in both list indexes; a hidden one in neither (sparse). */
const proposalIndexKeys = (p: Pick<Proposal, 'territory' | 'consultationId' | 'id' | 'supportCount'>) => ({
  gsi1pk: proposalsIndexPk(p.territory, p.consultationId),
  gsi1sk: p.id,
  gsi2pk: proposalsIndexPk(p.territory, p.consultationId),
  gsi2sk: supportRank(p.supportCount, p.id),
});

/** A proposal's item, index keys included (exported for bulk loading: bench/flat-costs.ts). */
export const proposalItem = (p: Proposal): Item => ({
  pk: consultationPk(p.territory, p.consultationId),
  sk: proposalSk(p.id),
  entity: 'proposal',
  ...p,
  ...(p.hidden ? {} : proposalIndexKeys(p)),
  ...personIndexKeys(p.authorKey, consultationPk(p.territory, p.consultationId), proposalSk(p.id)),
});

const countStat = (
  siren: string,
  consultationId: string,
  counter: 'proposals' | 'comments' | 'supports',
  delta: 1 | -1 = 1,
): TransactItem => ({
  Update: {
    TableName: TABLE_NAME,
    Key: { pk: consultationPk(siren, consultationId), sk: STATS_SK },
    UpdateExpression: 'ADD #counter :one',
    ExpressionAttributeNames: { '#counter': counter },
    ExpressionAttributeValues: { ':one': delta },
  },
});

const proposalsOf = (page: Page<Item>): Page<Proposal> => ({
  ...page,
  items: page.items.map((item) => parseItem(ProposalRecord, item)),
});

export const dynamoContributionStore: ContributionStore = {
  async createProposal(p) {
    await retryWhileBusy(() =>
      transact([putItem(proposalItem(p), ABSENT), countStat(p.territory, p.consultationId, 'proposals')]),
    ).catch(conflictAs('This proposal already exists'));
  },

  getProposal: (siren, consultationId, proposalId) =>
    getItem(
      ProposalRecord,
      { pk: consultationPk(siren, consultationId), sk: proposalSk(proposalId) },
      { consistent: true },
    ),

  async listProposals(siren, consultationId, order, page) {
    if (order === 'random') return randomPage(siren, consultationId, page);
    return proposalsOf(
      await queryPage({
        index: order === 'newest' ? INDEXES.gsi1 : INDEXES.gsi2,
        partition: proposalsIndexPk(siren, consultationId),
        order: 'descending',
        limit: page.limit,
        cursor: page.cursor,
      }),
    );
  },

  async allProposals(siren, consultationId) {
    const filter = visible();
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: filter.expression,
      ExpressionAttributeNames: filter.names,
      ExpressionAttributeValues: { ':pk': consultationPk(siren, consultationId), ':prefix': PROPOSAL_PREFIX },
      ConsistentRead: true,
    });
    return items.map((item) => parseItem(ProposalRecord, item));
  },

  async hasSupported(p, voterKey) {
    const key = { pk: consultationPk(p.territory, p.consultationId), sk: supportSk(p.id, voterKey) };
    return (await getItem(z.object({}), key, { consistent: true })) !== undefined;
  },

  addSupport: (p, voterKey, at) => changeSupport(p, voterKey, +1, at),
  removeSupport: (p, voterKey) => changeSupport(p, voterKey, -1),

  async addComment(c) {
    const pk = consultationPk(c.territory, c.consultationId);
    await retryWhileBusy(() =>
      transact([
        putItem(
          {
            pk,
            sk: commentSk(c.proposalId, c.id),
            entity: 'comment',
            ...c,
            ...personIndexKeys(c.authorKey, pk, commentSk(c.proposalId, c.id)),
          },
          ABSENT,
        ),
        {
          Update: {
            TableName: TABLE_NAME,
            Key: { pk, sk: proposalSk(c.proposalId) },
            UpdateExpression: 'ADD commentCount :one',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#hidden)',
            ExpressionAttributeNames: HIDDEN,
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
        countStat(c.territory, c.consultationId, 'comments'),
      ]),
    ).catch(conflictAs('The proposal was hidden meanwhile'));
  },

  getComment: (siren, consultationId, proposalId, commentId) =>
    getItem(
      CommentRecord,
      { pk: consultationPk(siren, consultationId), sk: commentSk(proposalId, commentId) },
      { consistent: true },
    ),

  async listComments(siren, consultationId, proposalId, { limit, cursor }) {
    const page = await queryPage({
      partition: consultationPk(siren, consultationId),
      sortKey: { beginsWith: commentsPrefix(proposalId) },
      filter: visible(),
      limit,
      cursor,
    });
    return { ...page, items: page.items.map((item) => parseItem(CommentRecord, item)) };
  },

  async flag(siren, consultationId, target, content, voterKey, reason, event) {
    const pk = consultationPk(siren, consultationId);
    try {
      await retryWhileBusy(() =>
        commitWithEvents(
          [
            putItem(
              {
                pk,
                sk: flagSk(target, voterKey),
                target,
                reason,
                at: event.occurredAt,
                ...personIndexKeys(voterKey, pk, flagSk(target, voterKey)),
              },
              ABSENT,
            ),
            {
              Update: {
                TableName: TABLE_NAME,
                Key: targetKey(siren, consultationId, target),
                UpdateExpression: 'ADD flagCount :one',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
            {
              // Hidden content stays in the hidden list; anything else waits for a moderator.
              Update: {
                TableName: TABLE_NAME,
                Key: { pk, sk: moderationSk(content.hidden ? 'hidden' : 'pending', target) },
                UpdateExpression: 'SET #target = :target, lastReason = :reason, lastFlaggedAt = :at ADD flagCount :one',
                ExpressionAttributeNames: { '#target': 'target' },
                ExpressionAttributeValues: { ':target': target, ':reason': reason, ':at': event.occurredAt, ':one': 1 },
              },
            },
          ],
          [event],
        ),
      );
      return true;
    } catch (error) {
      // Only the flag's own condition can fail here: the use case found the content.
      if (error instanceof ConflictError && !(error instanceof StoreBusyError)) return false;
      throw error;
    }
  },

  async setHidden(siren, consultationId, target, content, hidden, event) {
    const pk = consultationPk(siren, consultationId);
    // A hidden proposal leaves the list indexes (sparse); restored, it comes back at its place.
    const indexKeys: Item = target.kind === 'proposal' && 'supportCount' in content ? proposalIndexKeys(content) : {};
    const set: Item = { version: content.version + 1, ...(hidden ? { hidden } : indexKeys) };
    const removed = hidden ? Object.keys(indexKeys) : ['hidden'];
    const names = [...Object.keys(set), ...removed];
    await retryWhileBusy(() =>
      commitWithEvents(
        [
          {
            Update: {
              TableName: TABLE_NAME,
              Key: targetKey(siren, consultationId, target),
              UpdateExpression: [
                `SET ${Object.keys(set)
                  .map((name) => `#${name} = :${name}`)
                  .join(', ')}`,
                ...(removed.length > 0 ? [`REMOVE ${removed.map((name) => `#${name}`).join(', ')}`] : []),
              ].join(' '),
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
              ExpressionAttributeValues: {
                ...Object.fromEntries(Object.entries(set).map(([name, value]) => [`:${name}`, value])),
                ':expected': content.version,
              },
            },
          },
          deleteItem({ pk, sk: moderationSk(hidden ? 'pending' : 'hidden', target) }),
          ...(hidden
            ? [putItem({ pk, sk: moderationSk('hidden', target), target, flagCount: content.flagCount, hidden })]
            : []),
        ],
        [event],
      ),
    );
  },

  async listModeration(siren, consultationId, status, { limit, cursor }) {
    const page = await queryPage({
      partition: consultationPk(siren, consultationId),
      sortKey: { beginsWith: moderationPrefix(status) },
      limit,
      cursor,
    });
    return { ...page, items: page.items.map((item) => parseItem(ModerationEntryRecord, item)) };
  },

  async listFlags(siren, consultationId, target, limit) {
    const page = await queryPage({
      partition: consultationPk(siren, consultationId),
      sortKey: { beginsWith: flagsPrefix(target) },
      limit,
    });
    return page.items.map((item) => parseItem(FlagRecord, item));
  },
};

/**
 * A support (or its withdrawal) and the proposal's count in one transaction. The count is set to
 * the value read plus or minus one, on condition it is still the value read, so the "most
 * supported" index key (a zero-padded count) moves with it exactly. One attempt: a concurrent
 * change, or a transaction holding the proposal, makes it `stale`, and the use case reads again
 * (retryWhileStale) — retrying the same write would only fail the same condition.
 */
const changeSupport = async (p: Proposal, voterKey: string, delta: 1 | -1, at?: string): Promise<SupportOutcome> => {
  const pk = consultationPk(p.territory, p.consultationId);
  const supportKey = { pk, sk: supportSk(p.id, voterKey) };
  const count = p.supportCount + delta;
  try {
    await transact([
      delta > 0
        ? putItem({ ...supportKey, at, proposalId: p.id, ...personIndexKeys(voterKey, pk, supportKey.sk) }, ABSENT)
        : deleteItem(supportKey, { expression: 'attribute_exists(pk)' }),
      {
        Update: {
          TableName: TABLE_NAME,
          Key: { pk, sk: proposalSk(p.id) },
          UpdateExpression: 'SET supportCount = :count, gsi2sk = :rank',
          ConditionExpression: 'supportCount = :read AND attribute_not_exists(#hidden)',
          ExpressionAttributeNames: HIDDEN,
          ExpressionAttributeValues: { ':count': count, ':rank': supportRank(count, p.id), ':read': p.supportCount },
        },
      },
      // The consultation's total of supports (the dashboards read it), in the same transaction.
      countStat(p.territory, p.consultationId, 'supports', delta),
    ]);
    return 'done';
  } catch (error) {
    const failed = failedConditions(error);
    // The support was already there (or already gone): nothing to do, whatever the count did.
    if (failed.includes(0)) return 'unchanged';
    if (failed.length > 0 || isBusy(error)) return 'stale';
    throw error;
  }
};

/**
 * Proposals in a random order that is stable for one seed: each proposal sits on a ring at the
 * hash of its id (its sort key); a seed picks a starting point on the ring, and the page walks
 * from there to the end, then wraps around from the beginning. Every citizen starts somewhere
 * else, so no proposal is always last, and each page is a plain Query.
 * The cursor carries the starting point and which half of the walk it is in.
 */
const randomPage = async (
  siren: string,
  consultationId: string,
  page: PageRequest & { readonly seed?: string },
): Promise<Page<Proposal>> => {
  const pk = consultationPk(siren, consultationId);
  // The outer cursor holds the walk (start, half) and the inner page's own sealed cursor.
  const scope = { list: 'proposals-random', partition: pk };
  const resumed = await decodeCursor(scope, page.cursor);
  const start = typeof resumed?.start === 'string' ? resumed.start : ringPosition(page.seed ?? '');
  let half = resumed?.half === 2 ? 2 : 1;
  let cursor = typeof resumed?.inner === 'string' ? resumed.inner : undefined;
  const items: Item[] = [];
  const pageOf = async (next?: Item) => {
    const sealed = await encodeCursor(scope, next);
    return proposalsOf({ items, ...(sealed ? { cursor: sealed } : {}) });
  };
  for (;;) {
    const result = await queryPage({
      partition: pk,
      sortKey:
        half === 1
          ? { from: `${PROPOSAL_PREFIX}${start}`, to: `${PROPOSAL_PREFIX}~` }
          : { from: PROPOSAL_PREFIX, to: `${PROPOSAL_PREFIX}${start}` },
      filter: visible(),
      limit: page.limit - items.length,
      cursor,
    });
    items.push(...result.items);
    if (result.cursor) return pageOf({ inner: result.cursor, start, half });
    if (half === 2) return pageOf();
    half = 2;
    cursor = undefined;
    if (items.length >= page.limit) return pageOf({ start, half });
  }
};
