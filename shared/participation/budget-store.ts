/**
 * DynamoDB adapter of participatory budgets: projects, ballots and the ballot boxes that count
 * them, in the consultation's partition (keys: participation-keys.ts).
 *
 * Access patterns
 * pk = TERRITORY#<siren>#CONSULTATION#<id>
 * - projects of a budget              Query    sk begins_with PROJECT#
 * - a citizen's ballot                GetItem  sk = BALLOT#<voterKey>;  every ballot: Query begins_with BALLOT#
 * - an erased voter's mark         sk = VOTED#<voterKey> (their ballot moved to BALLOT#ERASED#<id>)
 * - its ballot boxes                  Query    sk begins_with BOX#  (8 boxes; a voter's box is a hash of the voter)
 */
import * as z from 'zod';
import { commitWithEvents } from '../events/outbox';
import {
  atVersion,
  deleteItem,
  failedConditions,
  getItem,
  isBusy,
  parseItem,
  putItem,
  queryAll,
  retryWhileBusy,
  TABLE_NAME,
  transact,
  type TransactItem,
} from '../runtime/dynamo';
import { BallotRecord, ProjectRecord } from './participation';
import {
  BALLOT_PREFIX,
  ballotSk,
  personIndexKeys,
  BOX_PREFIX,
  boxSk,
  consultationKey,
  votedSk,
  consultationPk,
  PROJECT_PREFIX,
  projectSk,
  proposalSk,
} from './participation-keys';
import type { BallotOutcome, BudgetStore } from './participation-ports';

/** A ballot box: open while voting; counts each voter once. */
const BoxItem = z.object({ isOpen: z.boolean(), ballots: z.number().default(0) });

const itemsOf = (siren: string, consultationId: string, prefix: string, consistent = true) =>
  queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': consultationPk(siren, consultationId), ':prefix': prefix },
    ...(consistent ? { ConsistentRead: true } : {}),
  });

/** What a budget's ballot boxes counted (eventually consistent unless `consistent`). */
export const ballotsCounted = async (siren: string, consultationId: string, consistent = false): Promise<number> =>
  (await itemsOf(siren, consultationId, BOX_PREFIX, consistent)).reduce(
    (sum, box) => sum + parseItem(BoxItem, box).ballots,
    0,
  );

/** Projects change only before voting opens: the phase is checked in the same transaction. */
const projectsEditable = (siren: string, consultationId: string): TransactItem => ({
  ConditionCheck: {
    TableName: TABLE_NAME,
    Key: consultationKey(siren, consultationId),
    ConditionExpression: '#phase IN (:information, :proposals)',
    ExpressionAttributeNames: { '#phase': 'phase' },
    ExpressionAttributeValues: { ':information': 'information', ':proposals': 'proposals' },
  },
});

export const dynamoBudgetStore: BudgetStore = {
  async listProjects(siren, consultationId) {
    return (await itemsOf(siren, consultationId, PROJECT_PREFIX))
      .map((item) => parseItem(ProjectRecord, item))
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  },

  async saveProject(siren, consultationId, project, previousVersion, event, fromProposal) {
    const pk = consultationPk(siren, consultationId);
    await retryWhileBusy(() =>
      commitWithEvents(
        [
          putItem({ pk, sk: projectSk(project.id), entity: 'project', ...project }, atVersion(previousVersion)),
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
                    ExpressionAttributeNames: { '#hidden': 'hidden' },
                    ExpressionAttributeValues: { ':project': project.id },
                  },
                },
              ]
            : []),
        ],
        [event],
      ),
    );
  },

  async deleteProject(siren, consultationId, project, event) {
    const pk = consultationPk(siren, consultationId);
    await retryWhileBusy(() =>
      commitWithEvents(
        [
          deleteItem({ pk, sk: projectSk(project.id) }, atVersion(project.version)),
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
      ),
    );
  },

  getBallot: (siren, consultationId, voterKey) =>
    getItem(BallotRecord, { pk: consultationPk(siren, consultationId), sk: ballotSk(voterKey) }, { consistent: true }),

  /**
   * One attempt: the ballot on condition that the one read is still there (or still absent), and
   * its box's count in the same transaction. A change meanwhile, or a busy box, is `stale`: the use
   * case reads again (retryWhileStale).
   */
  async saveBallot(siren, consultationId, voterKey, ballot, previousVersion): Promise<BallotOutcome> {
    const pk = consultationPk(siren, consultationId);
    try {
      await transact([
        putItem(
          {
            pk,
            sk: ballotSk(voterKey),
            entity: 'ballot',
            ...ballot,
            ...personIndexKeys(voterKey, pk, ballotSk(voterKey)),
          },
          atVersion(previousVersion),
        ),
        // A voter whose ballot was erased at their request (privacy) has voted: it stays counted.
        ...(previousVersion === undefined
          ? [
              {
                ConditionCheck: {
                  TableName: TABLE_NAME,
                  Key: { pk, sk: votedSk(voterKey) },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ]
          : []),
        {
          // The box counts a voter once: a replacement adds 0. A closed box refuses the ballot.
          Update: {
            TableName: TABLE_NAME,
            Key: { pk, sk: boxSk(voterKey) },
            UpdateExpression: 'ADD ballots :added',
            ConditionExpression: 'isOpen = :open',
            ExpressionAttributeValues: { ':added': previousVersion === undefined ? 1 : 0, ':open': true },
          },
        },
      ]);
      return 'done';
    } catch (error) {
      const failed = failedConditions(error);
      const box = previousVersion === undefined ? 2 : 1;
      if (failed.includes(box)) return 'closed';
      if (previousVersion === undefined && failed.includes(1)) return 'erased';
      if (failed.length > 0 || isBusy(error)) return 'stale';
      throw error;
    }
  },

  async allBallots(siren, consultationId) {
    const [ballots, boxCount] = await Promise.all([
      itemsOf(siren, consultationId, BALLOT_PREFIX),
      ballotsCounted(siren, consultationId, true),
    ]);
    return { ballots: ballots.map((item) => parseItem(BallotRecord, item)), boxCount };
  },
};
