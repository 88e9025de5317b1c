/**
 * DynamoDB adapter of consultations: their phases, areas, counters, ballot boxes' opening and
 * frozen results, and the citizens' participation profiles (keys: participation-keys.ts).
 *
 * Access patterns
 * pk = TERRITORY#<siren>#PARTICIPATION
 * - a consultation                    GetItem  sk = CONSULTATION#<id>
 * - consultations, newest first       Query    sk begins_with CONSULTATION#, descending (ULID ids)
 * - a citizen's participation profile GetItem  sk = PARTICIPANT#<voterKey>
 * pk = TERRITORY#<siren>#CONSULTATION#<id>
 * - its area (GeoJSON string)         GetItem  sk = AREA
 * - its counters                      GetItem  sk = STATS;  ballot boxes: Query sk begins_with BOX#
 * - frozen results                    GetItem  sk = RESULTS
 * gsi1pk = PARTICIPATION#PHASE-DUE (sparse, every territory: the scheduler's work list, like the outbox's)
 * - consultations due for a step      Query    gsi1  gsi1sk <= <now>, gsi1sk = <dueAt>#<siren>#<id>
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { commitWithEvents } from '../events/outbox';
import {
  ABSENT,
  atVersion,
  deleteItem,
  dynamo,
  getItem,
  INDEXES,
  type Item,
  parseItem,
  putItem,
  queryPage,
  retryWhileBusy,
  TABLE_NAME,
  type TransactItem,
} from '../runtime/dynamo';
import { BoundaryGeometry } from '../territory/territory-shared-schemas';
import { ConsultationRecord, ProfileRecord, ResultsRecord, type Consultation } from './participation';
import { ballotsCounted } from './budget-store';
import {
  AREA_SK,
  boxKeys,
  CONSULTATION_PREFIX,
  consultationKey,
  consultationPk,
  participantSk,
  personIndexKeys,
  participationPk,
  PHASE_DUE_PK,
  phaseDueSk,
  RESULTS_SK,
  STATS_SK,
} from './participation-keys';
import type { ConsultationStore } from './participation-ports';

/** A consultation's counters: proposals and comments (ballots are counted by the boxes). */
const StatsItem = z.object({
  proposals: z.number().default(0),
  comments: z.number().default(0),
  /** Supports given (withdrawals taken off); counted since this counter exists, see docs (backfill). */
  supports: z.number().default(0),
});
/** The area, a GeoJSON string in one item (like a commune's boundary). */
const AreaItem = z.object({
  geometry: z
    .string()
    .transform((text) => JSON.parse(text) as unknown)
    .pipe(BoundaryGeometry),
});
const DueItem = ConsultationRecord.pick({ territory: true, id: true });

const consultationItem = (c: Consultation): Item => ({
  ...consultationKey(c.territory, c.id),
  entity: 'consultation',
  ...c,
  ...(c.dueAt ? { gsi1pk: PHASE_DUE_PK, gsi1sk: phaseDueSk(c.dueAt, c.territory, c.id) } : {}),
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

export const dynamoConsultationStore: ConsultationStore = {
  async createConsultation(c, area, event) {
    const pk = consultationPk(c.territory, c.id);
    await retryWhileBusy(() =>
      commitWithEvents(
        [
          putItem(consultationItem(c), ABSENT),
          putItem({ pk, sk: STATS_SK, proposals: 0, comments: 0 }),
          ...(area ? [putItem({ pk, sk: AREA_SK, geometry: JSON.stringify(area) })] : []),
          ...(c.budget
            ? boxKeys(c.territory, c.id).map((key) => putItem({ ...key, isOpen: c.phase === 'voting', ballots: 0 }))
            : []),
        ],
        [event],
      ),
    );
  },

  getConsultation: (siren, id) => getItem(ConsultationRecord, consultationKey(siren, id), { consistent: true }),

  async getArea(siren, id) {
    return (await getItem(AreaItem, { pk: consultationPk(siren, id), sk: AREA_SK }, { consistent: true }))?.geometry;
  },

  async listConsultations(siren, { limit, cursor }) {
    const page = await queryPage({
      partition: participationPk(siren),
      sortKey: { beginsWith: CONSULTATION_PREFIX },
      order: 'descending',
      limit,
      cursor,
    });
    return { ...page, items: page.items.map((item) => parseItem(ConsultationRecord, item)) };
  },

  async listDue(now, limit) {
    const { items } = await queryPage({
      index: INDEXES.gsi1,
      partition: PHASE_DUE_PK,
      sortKey: { to: `${now}#~` },
      limit,
    });
    return items.map((item) => parseItem(DueItem, item));
  },

  async saveConsultation(c, previousVersion, area, event) {
    const pk = consultationPk(c.territory, c.id);
    await retryWhileBusy(() =>
      commitWithEvents(
        [
          putItem(consultationItem(c), atVersion(previousVersion)),
          ...(area ? [putItem({ pk, sk: AREA_SK, geometry: JSON.stringify(area) })] : []),
          ...(area === null ? [deleteItem({ pk, sk: AREA_SK })] : []),
        ],
        [event],
      ),
    );
  },

  async savePhase(c, previousVersion, events) {
    await retryWhileBusy(() =>
      commitWithEvents([putItem(consultationItem(c), atVersion(previousVersion)), ...setBoxes(c)], events),
    );
  },

  async saveResults(c, previousVersion, results, event) {
    await retryWhileBusy(() =>
      commitWithEvents(
        [
          // Frozen: written once. A second computation (a concurrent run) fails here and changes nothing.
          putItem({ pk: consultationPk(c.territory, c.id), sk: RESULTS_SK, ...results }, ABSENT),
          putItem(consultationItem(c), atVersion(previousVersion)),
        ],
        [event],
      ),
    );
  },

  getResults: (siren, id) =>
    getItem(ResultsRecord, { pk: consultationPk(siren, id), sk: RESULTS_SK }, { consistent: true }),

  async counts(siren, id) {
    const [stats, ballots] = await Promise.all([
      getItem(StatsItem, { pk: consultationPk(siren, id), sk: STATS_SK }, { consistent: true }),
      ballotsCounted(siren, id),
    ]);
    return {
      proposals: stats?.proposals ?? 0,
      comments: stats?.comments ?? 0,
      supports: stats?.supports ?? 0,
      ballots,
    };
  },

  getProfile: (siren, voterKey) =>
    getItem(ProfileRecord, { pk: participationPk(siren), sk: participantSk(voterKey) }, { consistent: true }),

  async saveProfile(siren, voterKey, profile) {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          pk: participationPk(siren),
          sk: participantSk(voterKey),
          entity: 'participant',
          ...profile,
          ...personIndexKeys(voterKey, participationPk(siren), participantSk(voterKey)),
        },
      }),
    );
  },
};
