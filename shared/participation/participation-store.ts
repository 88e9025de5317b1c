/**
 * DynamoDB adapter of the participation context. A territory's consultations live in its
 * participation partition; everything said inside one consultation lives in that consultation's
 * partition, so a page of proposals is one Query and isolation is a property of the key.
 *
 * Access patterns
 * pk = TERRITORY#<siren>#PARTICIPATION
 * - a consultation                    GetItem  sk = CONSULTATION#<id>
 * - consultations, newest first       Query    sk begins_with CONSULTATION#, descending (ULID ids)
 * - a citizen's participation profile GetItem  sk = PARTICIPANT#<voterKey>
 * pk = TERRITORY#<siren>#CONSULTATION#<id>
 * - its area (GeoJSON string)         GetItem  sk = AREA
 * - its counters                      GetItem  sk = STATS;  ballot boxes: Query sk begins_with BOX#
 * - a proposal                        GetItem  sk = PROPOSAL#<ring>#<proposalId>  (ring = hash of the id)
 * - proposals in random order         Query    sk from PROPOSAL#<seed's ring position>, then wrap around
 * - proposals, newest first           Query    gsi1  gsi1pk = <pk>#PROPOSALS, gsi1sk = <proposalId>, descending
 * - proposals, most supported first   Query    gsi2  gsi2pk = <pk>#PROPOSALS, gsi2sk = <count, 10 digits>#<id>
 *                                              (both index keys removed while hidden: sparse)
 * - whether a citizen supports one    GetItem  sk = SUPPORT#<proposalId>#<voterKey>
 * - comments of a proposal            Query    sk begins_with COMMENT#<proposalId>#, oldest first
 * - the moderation queue              Query    sk begins_with MODERATION#PENDING# (or MODERATION#HIDDEN#)
 * - projects of a budget              Query    sk begins_with PROJECT#
 * - a citizen's ballot                GetItem  sk = BALLOT#<voterKey>;  every ballot: Query begins_with BALLOT#
 * - frozen results                    GetItem  sk = RESULTS
 * pk = PARTICIPATION#PHASE-DUE (gsi1, sparse, every territory: the scheduler's work list, like the outbox's)
 * - consultations due for a step      Query    gsi1  gsi1sk <= <now>, gsi1sk = <dueAt>#<siren>#<id>
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../events/domain-event';
import { commitWithEvents, type TransactItem } from '../events/outbox';
import { decodeCursor, dynamo, encodeCursor, INDEXES, TABLE_NAME, queryAll } from '../runtime/dynamo';
import { ConflictError } from '../kernel/errors';
import type { Boundary } from '../territory/geometry';
import {
  ringPosition,
  type Ballot,
  type Comment,
  type Consultation,
  type ModerationTarget,
  type Profile,
  type Project,
  type Proposal,
  type Results,
} from './participation';
import type {
  BallotOutcome,
  ModerationEntry,
  Page,
  PageRequest,
  ParticipationStore,
  SupportOutcome,
} from './participation-ports';

type Item = Record<string, unknown>;

/** Ballot boxes per budget: each ballot goes through one, chosen by its voter, so voters rarely meet. */
export const BALLOT_BOXES = 8;
const DUE = 'PARTICIPATION#PHASE-DUE';

const territoryPk = (siren: string) => `TERRITORY#${siren}#PARTICIPATION`;
const consultationPk = (siren: string, id: string) => `TERRITORY#${siren}#CONSULTATION#${id}`;
const proposalsIndexPk = (siren: string, id: string) => `${consultationPk(siren, id)}#PROPOSALS`;
const proposalSk = (proposalId: string) => `PROPOSAL#${ringPosition(proposalId)}#${proposalId}`;
const commentSk = (proposalId: string, commentId: string) => `COMMENT#${proposalId}#${commentId}`;
const supportRank = (count: number, proposalId: string) => `${String(count).padStart(10, '0')}#${proposalId}`;
const boxOf = (voterKey: string) => `BOX#${parseInt(ringPosition(voterKey).slice(0, 4), 16) % BALLOT_BOXES}`;
const boxKeys = (siren: string, id: string) =>
  Array.from({ length: BALLOT_BOXES }, (_, i) => ({ pk: consultationPk(siren, id), sk: `BOX#${i}` }));

const targetRef = (t: ModerationTarget) =>
  t.kind === 'proposal' ? `P#${t.proposalId}` : `C#${t.proposalId}#${t.commentId}`;
const targetKey = (siren: string, id: string, t: ModerationTarget) => ({
  pk: consultationPk(siren, id),
  sk: t.kind === 'proposal' ? proposalSk(t.proposalId) : commentSk(t.proposalId, t.commentId),
});

const strip = <T>(item: Item | undefined): T | undefined => {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _s1, gsi2pk: _g2, gsi2sk: _s2, entity: _e, ...fields } = item;
  return fields as T;
};

const get = async <T>(pk: string, sk: string): Promise<T | undefined> =>
  strip<T>((await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: { pk, sk }, ConsistentRead: true }))).Item);

/** `hidden` is a reserved word in expressions. */
const HIDDEN = { '#hidden': 'hidden' };
const VISIBLE = { FilterExpression: 'attribute_not_exists(#hidden)', ExpressionAttributeNames: HIDDEN };

/**
 * One page of a Query bound to its partition. With a filter (hidden content left out) DynamoDB may
 * return fewer items than asked: it queries on until the page is full or the partition ends.
 */
const queryPage = async (
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  partition: Readonly<Record<string, string>>,
  { limit, cursor }: PageRequest,
): Promise<{ items: Item[]; next?: Item }> => {
  const items: Item[] = [];
  let start = decodeCursor(cursor, partition);
  do {
    const page = await dynamo.send(
      new QueryCommand({ TableName: TABLE_NAME, ...input, Limit: limit - items.length, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start && items.length < limit);
  return { items, next: start };
};

const pageOf = <T>({ items, next }: { items: Item[]; next?: Item }): Page<T> => ({
  items: items.map((item) => strip<T>(item)!),
  cursor: encodeCursor(next),
});

type Outcome = { ok: true } | { ok: false; failed: readonly number[]; busy: boolean };

/** A transaction whose failed conditions are told by position; a conflict with another transaction is "busy". */
const transact = async (items: readonly TransactItem[]): Promise<Outcome> => {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: [...items] }));
    return { ok: true };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const codes = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
    const busy = codes.some((code) => code === 'TransactionConflict' || code === 'ThrottlingError');
    if (!busy && !codes.includes('ConditionalCheckFailed')) throw error;
    return { ok: false, failed: codes.flatMap((code, i) => (code === 'ConditionalCheckFailed' ? [i] : [])), busy };
  }
};

/** Still meeting other transactions after every retry: not a failed condition. */
class BusyError extends ConflictError {}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isBusy = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError');

/**
 * commitWithEvents, retried while another transaction holds one of its items (citizens' supports
 * on a proposal being hidden, ballots on a box being closed). A failed condition stays a ConflictError.
 */
const commit = async (items: readonly TransactItem[], events: readonly DomainEvent[]): Promise<void> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await commitWithEvents(items, events);
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (attempt >= 8) throw new BusyError('Too many changes at once on this consultation: retry in a moment');
      await pause(Math.random() * 20 * 2 ** attempt);
    }
  }
};

/** A plain transaction retried while busy; a failed condition is a ConflictError. */
const transactOrConflict = async (items: readonly TransactItem[], conflict: string): Promise<void> => {
  for (let attempt = 0; ; attempt++) {
    const outcome = await transact(items);
    if (outcome.ok) return;
    if (!outcome.busy) throw new ConflictError(conflict);
    if (attempt >= 8) throw new BusyError('Too many changes at once on this consultation: retry in a moment');
    await pause(Math.random() * 20 * 2 ** attempt);
  }
};

const put = (item: Item, condition?: { expression: string; values?: Item }) => ({
  Put: {
    TableName: TABLE_NAME,
    Item: item,
    ...(condition
      ? {
          ConditionExpression: condition.expression,
          ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
        }
      : {}),
  },
});

const absent = { expression: 'attribute_not_exists(pk)' };
const atVersion = (version: number | undefined) =>
  version === undefined ? absent : { expression: 'version = :expected', values: { ':expected': version } };

const consultationItem = (c: Consultation): Item => ({
  pk: territoryPk(c.territory),
  sk: `CONSULTATION#${c.id}`,
  entity: 'consultation',
  ...c,
  ...(c.dueAt ? { gsi1pk: DUE, gsi1sk: `${c.dueAt}#${c.territory}#${c.id}` } : {}),
});

const proposalItem = (p: Proposal): Item => ({
  pk: consultationPk(p.territory, p.consultationId),
  sk: proposalSk(p.id),
  entity: 'proposal',
  ...p,
  ...(p.hidden
    ? {}
    : {
        gsi1pk: proposalsIndexPk(p.territory, p.consultationId),
        gsi1sk: p.id,
        gsi2pk: proposalsIndexPk(p.territory, p.consultationId),
        gsi2sk: supportRank(p.supportCount, p.id),
      }),
});

/** Opens (voting) or closes every ballot box of a budget, in the transaction that changes the phase. */
const setBoxes = (c: Consultation): TransactItem[] =>
  c.budget
    ? boxKeys(c.territory, c.id).map((Key) => ({
        Update: {
          TableName: TABLE_NAME,
          Key,
          UpdateExpression: 'SET isOpen = :open',
          ExpressionAttributeValues: { ':open': c.phase === 'voting' },
        },
      }))
    : [];

export const dynamoParticipationStore: ParticipationStore = {
  async createConsultation(c, area, event) {
    const pk = consultationPk(c.territory, c.id);
    await commit(
      [
        put(consultationItem(c), absent),
        put({ pk, sk: 'STATS', proposals: 0, comments: 0 }),
        ...(area ? [put({ pk, sk: 'AREA', geometry: JSON.stringify(area) })] : []),
        ...(c.budget
          ? boxKeys(c.territory, c.id).map((key) => put({ ...key, isOpen: c.phase === 'voting', ballots: 0 }))
          : []),
      ],
      [event],
    );
  },

  getConsultation: (siren, id) => get<Consultation>(territoryPk(siren), `CONSULTATION#${id}`),

  async getArea(siren, id) {
    const area = await get<{ geometry: string }>(consultationPk(siren, id), 'AREA');
    return area ? (JSON.parse(area.geometry) as Boundary) : undefined;
  },

  async listConsultations(siren, page) {
    const pk = territoryPk(siren);
    return pageOf<Consultation>(
      await queryPage(
        {
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': 'CONSULTATION#' },
          ScanIndexForward: false,
        },
        { pk },
        page,
      ),
    );
  },

  async listDue(now, limit) {
    const { Items = [] } = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        IndexName: INDEXES.gsi1,
        KeyConditionExpression: 'gsi1pk = :due AND gsi1sk <= :now',
        ExpressionAttributeValues: { ':due': DUE, ':now': `${now}#~` },
        Limit: limit,
      }),
    );
    return Items.map((item) => ({ territory: item.territory as string, id: item.id as string }));
  },

  async savePhase(c, previousVersion, events) {
    await commit([put(consultationItem(c), atVersion(previousVersion)), ...setBoxes(c)], events);
  },

  async saveResults(c, previousVersion, results, event) {
    await commit(
      [
        // Frozen: written once. A second computation (a concurrent run) fails here and changes nothing.
        put({ pk: consultationPk(c.territory, c.id), sk: 'RESULTS', ...results }, absent),
        put(consultationItem(c), atVersion(previousVersion)),
      ],
      [event],
    );
  },

  getResults: (siren, id) => get<Results>(consultationPk(siren, id), 'RESULTS'),

  async counts(siren, id) {
    const pk = consultationPk(siren, id);
    const [stats, boxes] = await Promise.all([
      get<{ proposals: number; comments: number }>(pk, 'STATS'),
      queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': 'BOX#' },
      }),
    ]);
    const ballots = boxes.reduce((sum, box) => sum + ((box.ballots as number) ?? 0), 0);
    return { proposals: stats?.proposals ?? 0, comments: stats?.comments ?? 0, ballots };
  },

  getProfile: (siren, voterKey) => get<Profile>(territoryPk(siren), `PARTICIPANT#${voterKey}`),

  async saveProfile(siren, voterKey, profile) {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: { pk: territoryPk(siren), sk: `PARTICIPANT#${voterKey}`, entity: 'participant', ...profile },
      }),
    );
  },

  async createProposal(p) {
    await transactOrConflict(
      [
        put(proposalItem(p), absent),
        {
          Update: {
            TableName: TABLE_NAME,
            Key: { pk: consultationPk(p.territory, p.consultationId), sk: 'STATS' },
            UpdateExpression: 'ADD proposals :one',
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
      ],
      'This proposal already exists',
    );
  },

  getProposal: (siren, consultationId, proposalId) =>
    get<Proposal>(consultationPk(siren, consultationId), proposalSk(proposalId)),

  async listProposals(siren, consultationId, order, page) {
    if (order === 'random') return randomPage(siren, consultationId, page);
    const indexPk = proposalsIndexPk(siren, consultationId);
    const [index, pkName] = order === 'newest' ? [INDEXES.gsi1, 'gsi1pk'] : [INDEXES.gsi2, 'gsi2pk'];
    return pageOf<Proposal>(
      await queryPage(
        {
          IndexName: index,
          KeyConditionExpression: `${pkName} = :pk`,
          ExpressionAttributeValues: { ':pk': indexPk },
          ScanIndexForward: false,
        },
        { [pkName]: indexPk },
        page,
      ),
    );
  },

  async allProposals(siren, consultationId) {
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': consultationPk(siren, consultationId), ':prefix': 'PROPOSAL#' },
      ConsistentRead: true,
      ...VISIBLE,
    });
    return items.map((item) => strip<Proposal>(item)!);
  },

  async hasSupported(p, voterKey) {
    return (await get(consultationPk(p.territory, p.consultationId), `SUPPORT#${p.id}#${voterKey}`)) !== undefined;
  },

  addSupport: (p, voterKey, at) => changeSupport(p, voterKey, +1, at),
  removeSupport: (p, voterKey) => changeSupport(p, voterKey, -1),

  async addComment(c) {
    const pk = consultationPk(c.territory, c.consultationId);
    await transactOrConflict(
      [
        put({ pk, sk: commentSk(c.proposalId, c.id), entity: 'comment', ...c }, absent),
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
        {
          Update: {
            TableName: TABLE_NAME,
            Key: { pk, sk: 'STATS' },
            UpdateExpression: 'ADD comments :one',
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
      ],
      'The proposal was hidden meanwhile',
    );
  },

  getComment: (siren, consultationId, proposalId, commentId) =>
    get<Comment>(consultationPk(siren, consultationId), commentSk(proposalId, commentId)),

  async listComments(siren, consultationId, proposalId, page) {
    const pk = consultationPk(siren, consultationId);
    return pageOf<Comment>(
      await queryPage(
        {
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': `COMMENT#${proposalId}#` },
          ...VISIBLE,
        },
        { pk },
        page,
      ),
    );
  },

  async flag(siren, consultationId, target, content, voterKey, reason, event) {
    const pk = consultationPk(siren, consultationId);
    const ref = targetRef(target);
    try {
      await commit(
        [
          put({ pk, sk: `FLAG#${ref}#${voterKey}`, reason, at: event.occurredAt }, absent),
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
              Key: { pk, sk: `MODERATION#${content.hidden ? 'HIDDEN' : 'PENDING'}#${ref}` },
              UpdateExpression: 'SET #target = :target, lastReason = :reason, lastFlaggedAt = :at ADD flagCount :one',
              ExpressionAttributeNames: { '#target': 'target' },
              ExpressionAttributeValues: { ':target': target, ':reason': reason, ':at': event.occurredAt, ':one': 1 },
            },
          },
        ],
        [event],
      );
      return true;
    } catch (error) {
      // Only the flag's own condition can fail here: the use case found the content.
      if (error instanceof ConflictError && !(error instanceof BusyError)) return false;
      throw error;
    }
  },

  async setHidden(siren, consultationId, target, content, hidden, event) {
    const pk = consultationPk(siren, consultationId);
    const ref = targetRef(target);
    // A hidden proposal leaves the list indexes (sparse); restored, it comes back at its place.
    const indexKeys = Object.fromEntries(
      Object.entries(
        target.kind === 'proposal' ? proposalItem({ ...(content as Proposal), hidden: undefined }) : {},
      ).filter(([name]) => name.startsWith('gsi')),
    );
    const set: Item = { version: content.version + 1, ...(hidden ? { hidden } : indexKeys) };
    const removed = hidden ? Object.keys(indexKeys) : ['hidden'];
    const names = [...Object.keys(set), ...removed];
    await commit(
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
        { Delete: { TableName: TABLE_NAME, Key: { pk, sk: `MODERATION#${hidden ? 'PENDING' : 'HIDDEN'}#${ref}` } } },
        ...(hidden ? [put({ pk, sk: `MODERATION#HIDDEN#${ref}`, target, flagCount: content.flagCount, hidden })] : []),
      ],
      [event],
    );
  },

  async listModeration(siren, consultationId, status, page) {
    const pk = consultationPk(siren, consultationId);
    const result = await queryPage(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': `MODERATION#${status.toUpperCase()}#` },
      },
      { pk },
      page,
    );
    return pageOf<ModerationEntry>(result);
  },

  async listProjects(siren, consultationId) {
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': consultationPk(siren, consultationId), ':prefix': 'PROJECT#' },
      ConsistentRead: true,
    });
    return items.map((item) => strip<Project>(item)!).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  },

  async saveProject(siren, consultationId, project, previousVersion, event, fromProposal) {
    const pk = consultationPk(siren, consultationId);
    await commit(
      [
        put({ pk, sk: `PROJECT#${project.id}`, entity: 'project', ...project }, atVersion(previousVersion)),
        projectsEditable(siren, consultationId),
        ...(fromProposal
          ? [
              {
                Update: {
                  TableName: TABLE_NAME,
                  Key: { pk, sk: proposalSk(fromProposal.id) },
                  UpdateExpression: 'SET projectId = :project',
                  ConditionExpression:
                    'attribute_exists(pk) AND attribute_not_exists(projectId) AND attribute_not_exists(#hidden)',
                  ExpressionAttributeNames: HIDDEN,
                  ExpressionAttributeValues: { ':project': project.id },
                },
              },
            ]
          : []),
      ],
      [event],
    );
  },

  async deleteProject(siren, consultationId, project, event) {
    const pk = consultationPk(siren, consultationId);
    await commit(
      [
        {
          Delete: {
            TableName: TABLE_NAME,
            Key: { pk, sk: `PROJECT#${project.id}` },
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': project.version },
          },
        },
        projectsEditable(siren, consultationId),
        ...(project.proposalId
          ? [
              {
                Update: {
                  TableName: TABLE_NAME,
                  Key: { pk, sk: proposalSk(project.proposalId) },
                  UpdateExpression: 'REMOVE projectId',
                },
              },
            ]
          : []),
      ],
      [event],
    );
  },

  getBallot: (siren, consultationId, voterKey) =>
    get<Ballot>(consultationPk(siren, consultationId), `BALLOT#${voterKey}`),

  async saveBallot(siren, consultationId, voterKey, ballot, previousVersion): Promise<BallotOutcome> {
    const pk = consultationPk(siren, consultationId);
    const outcome = await transact([
      put({ pk, sk: `BALLOT#${voterKey}`, entity: 'ballot', ...ballot }, atVersion(previousVersion)),
      {
        // The box counts a voter once: a replacement adds 0. A closed box refuses the ballot.
        Update: {
          TableName: TABLE_NAME,
          Key: { pk, sk: boxOf(voterKey) },
          UpdateExpression: 'ADD ballots :added',
          ConditionExpression: 'isOpen = :open',
          ExpressionAttributeValues: { ':added': previousVersion === undefined ? 1 : 0, ':open': true },
        },
      },
    ]);
    if (outcome.ok) return 'done';
    if (outcome.failed.includes(1)) return 'closed';
    return 'stale';
  },

  async allBallots(siren, consultationId) {
    const pk = consultationPk(siren, consultationId);
    const [ballots, boxes] = await Promise.all(
      ['BALLOT#', 'BOX#'].map((prefix) =>
        queryAll({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
          ConsistentRead: true,
        }),
      ),
    );
    return {
      ballots: ballots!.map((item) => strip<Ballot>(item)!),
      boxCount: boxes!.reduce((sum, box) => sum + ((box.ballots as number) ?? 0), 0),
    };
  },
};

/** Projects change only before voting opens: the phase is checked in the same transaction. */
const projectsEditable = (siren: string, consultationId: string): TransactItem => ({
  ConditionCheck: {
    TableName: TABLE_NAME,
    Key: { pk: territoryPk(siren), sk: `CONSULTATION#${consultationId}` },
    ConditionExpression: '#phase IN (:information, :proposals)',
    ExpressionAttributeNames: { '#phase': 'phase' },
    ExpressionAttributeValues: { ':information': 'information', ':proposals': 'proposals' },
  },
});

/**
 * A support (or its withdrawal) and the proposal's count in one transaction. The count is set to
 * the value read plus or minus one, on condition it is still the value read, so the "most
 * supported" index key (a zero-padded count) moves with it exactly; a concurrent change makes the
 * attempt `stale` and the use case reads again.
 */
const changeSupport = async (p: Proposal, voterKey: string, delta: 1 | -1, at?: string): Promise<SupportOutcome> => {
  const pk = consultationPk(p.territory, p.consultationId);
  const supportKey = { pk, sk: `SUPPORT#${p.id}#${voterKey}` };
  const count = p.supportCount + delta;
  const outcome = await transact([
    delta > 0
      ? put({ ...supportKey, at }, absent)
      : {
          Delete: { TableName: TABLE_NAME, Key: supportKey, ConditionExpression: 'attribute_exists(pk)' },
        },
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
  ]);
  if (outcome.ok) return 'done';
  // The support was already there (or already gone): nothing to do, whatever the count did.
  if (outcome.failed.includes(0)) return 'unchanged';
  return 'stale';
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
  const cursor = decodeCursor(page.cursor, { pk });
  const start = typeof cursor?.start === 'string' ? cursor.start : ringPosition(page.seed ?? '');
  let half = cursor?.half === 2 ? 2 : 1;
  let from: Item | undefined = typeof cursor?.sk === 'string' ? { pk, sk: cursor.sk } : undefined;
  const items: Item[] = [];
  for (;;) {
    const bounds = half === 1 ? [`PROPOSAL#${start}`, 'PROPOSAL#~'] : ['PROPOSAL#', `PROPOSAL#${start}`];
    const result = await queryPage(
      {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': bounds[0], ':to': bounds[1] },
        ...VISIBLE,
      },
      { pk },
      { limit: page.limit - items.length, cursor: encodeCursor(from) },
    );
    items.push(...result.items);
    if (result.next) return pageOf<Proposal>({ items, next: { ...result.next, start, half } });
    if (half === 2) return pageOf<Proposal>({ items });
    half = 2;
    from = undefined;
    if (items.length >= page.limit) return pageOf<Proposal>({ items, next: { pk, start, half } });
  }
};
