/**
 * DynamoDB adapter of the person index (read only): a citizen's own participation items, every
 * territory, by pages.
 *
 * Access patterns
 * - a citizen's items     Query gsi3  gsi3pk = PERSON#<voterKey> (written with each item: participation-keys.ts)
 *
 * Items written before the index existed carry no gsi3pk: a one-off backfill (Query each
 * consultation partition, set gsi3pk/gsi3sk from authorKey or the voter key in the sk) makes them
 * exportable (docs/architecture.md, "Privacy").
 */
import { INDEXES, parseItem, queryPage, type Item } from '../runtime/dynamo';
import {
  BallotRecord,
  CommentRecord,
  ModerationTargetRecord,
  ProfileRecord,
  ProposalRecord,
} from '../participation/participation';
import { PERSON_PREFIX } from '../participation/participation-keys';
import type { PersonItem } from './personal-data';

const where = (pk: string) => {
  const [, territory = '', , consultationId = ''] = pk.split('#');
  return { territory, consultationId };
};

const toPersonItem = (item: Item): PersonItem | undefined => {
  const pk = String(item.pk);
  const sk = String(item.sk);
  const { territory, consultationId } = where(pk);
  if (sk.startsWith('PARTICIPANT#')) return { kind: 'profile', territory, profile: parseItem(ProfileRecord, item) };
  if (sk.startsWith('PROPOSAL#')) return { kind: 'proposal', proposal: parseItem(ProposalRecord, item) };
  if (sk.startsWith('COMMENT#')) return { kind: 'comment', comment: parseItem(CommentRecord, item) };
  if (sk.startsWith('BALLOT#'))
    return { kind: 'ballot', territory, consultationId, ballot: parseItem(BallotRecord, item) };
  if (sk.startsWith('SUPPORT#')) {
    const proposalId = typeof item.proposalId === 'string' ? item.proposalId : (sk.split('#')[1] ?? '');
    return { kind: 'support', territory, consultationId, proposalId, ...(item.at ? { at: String(item.at) } : {}) };
  }
  if (sk.startsWith('FLAG#')) {
    const target = ModerationTargetRecord.safeParse(item.target);
    return {
      kind: 'flag',
      territory,
      consultationId,
      ...(target.success ? { target: target.data } : {}),
      ...(item.reason ? { reason: String(item.reason) } : {}),
      ...(item.at ? { at: String(item.at) } : {}),
    };
  }
  return undefined;
};

export const dynamoPersonStore = {
  async listItems(voterKey: string, limit: number, cursor?: string) {
    const page = await queryPage({ index: INDEXES.gsi3, partition: `${PERSON_PREFIX}${voterKey}`, limit, cursor });
    return {
      items: page.items.flatMap((item) => toPersonItem(item) ?? []),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    };
  },
};
