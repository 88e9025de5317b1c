/**
 * DynamoDB adapter of what the privacy context asks of participation: erase one citizen's items,
 * found on the person index (gsi3 PERSON#<voterKey>, every territory: participation-keys.ts).
 *
 * What each item becomes
 * - profile (PARTICIPANT#)        deleted
 * - proposal, comment             kept in the public interest, signed "Un habitant": authorName
 *                                 rewritten (and in the frozen results), authorKey and the person
 *                                 index keys removed
 * - support, flag                 deleted; the counts they added stay
 * - ballot (BALLOT#<voterKey>)    moved to BALLOT#ERASED#<id> in one transaction (still counted by
 *                                 the results, no longer theirs) with the mark VOTED#<voterKey> so
 *                                 that the same person cannot vote twice
 * Each item leaves the person index when handled, so a crash midway is finished by the next run,
 * which reads the index again from its start; each write is conditional on the item still being
 * the citizen's, so a redelivery changes nothing twice.
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { newId } from '../kernel/ids';
import {
  ABSENT,
  dynamo,
  failedConditions,
  getItem,
  INDEXES,
  putItem,
  queryPage,
  TABLE_NAME,
  transact,
  TTL_ATTRIBUTE,
  type Item,
} from '../runtime/dynamo';
import { BallotRecord, ResultsRecord } from './participation';
import { erasedBallotSk, PERSON_PREFIX, RESULTS_SK, votedSk } from './participation-keys';

/** The name an erased author's contributions are signed with. */
export const ERASED_AUTHOR_NAME = 'Un habitant';

export const PERSON_ITEM_KINDS = ['profiles', 'proposals', 'comments', 'supports', 'flags', 'ballots'] as const;
export type PersonItemKind = (typeof PERSON_ITEM_KINDS)[number];

/** One item of the person index: where it is and what it is. */
export interface PersonItemKey {
  readonly pk: string;
  readonly sk: string;
  readonly territory: string;
  readonly kind: PersonItemKind;
  /** A proposal's id, to rename its author in the frozen results. */
  readonly proposalId?: string;
}

/** How long the "has voted" mark of an erased voter is kept: longer than any vote lasts. */
const VOTED_MARK_SECONDS = 400 * 24 * 3600;

const kindOf = (sk: string): PersonItemKind | undefined => {
  if (sk.startsWith('PARTICIPANT#')) return 'profiles';
  if (sk.startsWith('PROPOSAL#')) return 'proposals';
  if (sk.startsWith('COMMENT#')) return 'comments';
  if (sk.startsWith('SUPPORT#')) return 'supports';
  if (sk.startsWith('FLAG#')) return 'flags';
  if (sk.startsWith('BALLOT#')) return 'ballots';
  return undefined;
};

const deleteOwn = (key: Item, voterKey: string) =>
  dynamo
    .send(
      new DeleteCommand({
        TableName: TABLE_NAME,
        Key: key,
        ConditionExpression: 'gsi3pk = :person',
        ExpressionAttributeValues: { ':person': `${PERSON_PREFIX}${voterKey}` },
      }),
    )
    .then(() => true, ignoreGone);

/** A condition failing means another run handled the item first: nothing left to do. */
const ignoreGone = (error: unknown): false => {
  if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
  if (failedConditions(error).length > 0) return false;
  throw error;
};

const renameInResults = async (pk: string, proposalId: string) => {
  const results = await getItem(ResultsRecord, { pk, sk: RESULTS_SK }, { consistent: true });
  if (results?.kind !== 'proposals') return;
  if (!results.topProposals.some((p) => p.proposalId === proposalId && p.authorName !== ERASED_AUTHOR_NAME)) return;
  const topProposals = results.topProposals.map((p) =>
    p.proposalId === proposalId ? { ...p, authorName: ERASED_AUTHOR_NAME } : p,
  );
  await dynamo.send(
    new UpdateCommand({
      TableName: TABLE_NAME,
      Key: { pk, sk: RESULTS_SK },
      UpdateExpression: 'SET topProposals = :top',
      ConditionExpression: 'computedAt = :computedAt',
      ExpressionAttributeValues: { ':top': topProposals, ':computedAt': results.computedAt },
    }),
  );
};

export const dynamoParticipationPrivacyStore = {
  /** The first items of a citizen's person index (the handled ones have left it). */
  async nextItems(voterKey: string, limit: number): Promise<PersonItemKey[]> {
    const page = await queryPage({ index: INDEXES.gsi3, partition: `${PERSON_PREFIX}${voterKey}`, limit });
    return page.items.flatMap((item) => {
      const pk = String(item.pk);
      const sk = String(item.sk);
      const kind = kindOf(sk);
      if (!kind) return [];
      const territory = pk.split('#')[1] ?? '';
      return [{ pk, sk, territory, kind, ...(kind === 'proposals' ? { proposalId: String(item.id) } : {}) }];
    });
  },

  /** Erases one item as its kind says; false when another run did it first. */
  async erase(item: PersonItemKey, voterKey: string, now: Date): Promise<boolean> {
    const key = { pk: item.pk, sk: item.sk };
    switch (item.kind) {
      case 'profiles':
      case 'supports':
      case 'flags':
        return deleteOwn(key, voterKey);
      case 'proposals':
      case 'comments': {
        const done = await dynamo
          .send(
            new UpdateCommand({
              TableName: TABLE_NAME,
              Key: key,
              UpdateExpression: 'SET authorName = :name, authorKey = :erased REMOVE gsi3pk, gsi3sk',
              ConditionExpression: 'gsi3pk = :person',
              ExpressionAttributeValues: {
                ':name': ERASED_AUTHOR_NAME,
                ':erased': `ERASED#${newId()}`,
                ':person': `${PERSON_PREFIX}${voterKey}`,
              },
            }),
          )
          .then(() => true, ignoreGone);
        if (item.proposalId) await renameInResults(item.pk, item.proposalId);
        return done;
      }
      case 'ballots': {
        const ballot = await getItem(BallotRecord, key, { consistent: true });
        if (!ballot) return false;
        return transact([
          {
            Delete: {
              TableName: TABLE_NAME,
              Key: key,
              ConditionExpression: 'version = :version',
              ExpressionAttributeValues: { ':version': ballot.version },
            },
          },
          putItem({ pk: item.pk, sk: erasedBallotSk(newId()), entity: 'ballot', ...ballot }, ABSENT),
          putItem({
            pk: item.pk,
            sk: votedSk(voterKey),
            [TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + VOTED_MARK_SECONDS,
          }),
        ]).then(() => true, ignoreGone);
      }
    }
  },
};
export type ParticipationPrivacyStore = typeof dynamoParticipationPrivacyStore;
