/**
 * What the sensors integration tests share: `setUpSensors(label)` gives a test file a fresh table
 * holding a territory with two communes whose boundaries are simple squares (so sensors placed in
 * them get their commune), and the context's use cases wired on it at the time of a clock the test
 * may set. Set the environment a file needs (queues) before calling it: modules read their
 * configuration when first imported.
 */
import { DomainEventEnvelope } from '../../shared/events/domain-event';
import type { AcceptedObservation, ObservationBatch, RollupInvalidation } from '../../shared/sensors/sensors';
import type { RouteDeclaration } from '../../shared/wiring/types';
import { useFreshTable } from './integration-table';
import { admin, agentOf, boxPolygon, COLOMIERS, settableClock, SIREN, TOULOUSE } from './territory-fixtures';

export { admin, COLOMIERS, metropolitanAgent, SIREN, TOULOUSE } from './territory-fixtures';
export const toulouseAgent = agentOf(TOULOUSE, 'agent-tlse');
export const colomiersAgent = agentOf(COLOMIERS, 'agent-colo');

/**
 * A fresh table with the territory: Toulouse (31555) is [1.35, 43.55]–[1.52, 43.67], Colomiers
 * (31149) is [1.28, 43.58]–[1.35, 43.64]. The use cases run at `clock`'s time.
 */
export const setUpSensors = async (label: string) => {
  await useFreshTable(label);
  const { makeImportCommunes } = await import('../../shared/territory/territory-use-cases');
  const { dynamoTerritoryStore } = await import('../../shared/territory/territory-store');
  const { systemClock } = await import('../../shared/kernel/clock');
  const { territory } = await import('../../shared/territory/territory-app');
  const { makeSensorsApp } = await import('../../shared/sensors/sensors-app');
  const { dynamo, TABLE_NAME } = await import('../../shared/runtime/dynamo');
  const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
  const errors = await import('../../shared/kernel/errors');

  const members = [
    { insee: TOULOUSE, name: 'Toulouse', population: 504078 },
    { insee: COLOMIERS, name: 'Colomiers', population: 39968 },
  ];
  const catalogue = { find: async () => ({ siren: SIREN, name: 'Toulouse Métropole', population: 1, members }) };
  await makeImportCommunes({ store: dynamoTerritoryStore, clock: systemClock, catalogue })(admin, SIREN);
  await territory.setBoundary(admin, SIREN, TOULOUSE, boxPolygon(1.35, 43.55, 1.52, 43.67), 'test');
  await territory.setBoundary(admin, SIREN, COLOMIERS, boxPolygon(1.28, 43.58, 1.35, 43.64), 'test');

  const clock = settableClock();
  // No queue runs here: the hours writes mark dirty are kept, and `materialize` runs the
  // materializer on them as its delayed messages would.
  const invalidations: RollupInvalidation[] = [];
  const app = makeSensorsApp(clock, {
    rollups: { send: async (invalidation) => void invalidations.push(invalidation) },
  });
  const materialize = () => app.ingestion.materializeRollups(invalidations.splice(0));

  /** A partner with one key; returns the key in clear. */
  const partnerWithKey = async (partnerId: string): Promise<string> => {
    await app.sensors.registerPartner(admin, SIREN, { id: partnerId, name: partnerId, kind: 'company' });
    return (await app.sensors.issueApiKey(admin, SIREN, partnerId, 'first')).key;
  };

  /** Events written to the outbox, sent or not, of a type (a test may scan its own fresh table; no request path does). */
  const outboxEvents = async (type: string) => {
    const { Items = [] } = await dynamo.send(
      new ScanCommand({
        TableName: TABLE_NAME,
        FilterExpression: 'begins_with(pk, :outbox)',
        ExpressionAttributeValues: { ':outbox': 'OUTBOX#' },
      }),
    );
    return Items.map((item) => DomainEventEnvelope.parse(item.event)).filter((event) => event.type === type);
  };

  return { ...app, clock, errors, partnerWithKey, outboxEvents, invalidations, materialize };
};

/**
 * Options for a local gateway that checks every answer against its route's declaration (as the
 * test run's runtime does): an answer that breaks it becomes a 500 naming the issue.
 */
export const checkedAnswers = async (routes: readonly RouteDeclaration[]) => {
  const { checkAnswer } = await import('../../shared/wiring/contract');
  const byId = new Map(routes.map((route) => [route.id, route]));
  return {
    checkAnswer: (
      route: { readonly id: string },
      answer: { statusCode: number; headers: Readonly<Record<string, string>>; body: Buffer },
    ) => {
      const declaration = byId.get(route.id);
      return declaration
        ? checkAnswer(declaration, { status: answer.statusCode, headers: answer.headers, body: answer.body.toString() })
        : [];
    },
  };
};

export const batchOf = (observations: readonly AcceptedObservation[], partnerId = 'atmo'): ObservationBatch => ({
  territory: SIREN,
  partnerId,
  batchId: `batch-${Math.random().toString(36).slice(2)}`,
  receivedAt: new Date().toISOString(),
  observations: [...observations],
});

/** An SQS event of these batches, as Lambda hands it to the consumer. */
export const sqsEventOf = (...batches: ObservationBatch[]) => ({
  Records: batches.map((batch, i) => ({
    messageId: `m-${i}-${batch.batchId}`,
    receiptHandle: `r-${i}`,
    body: JSON.stringify(batch),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-3:000000000000:sensor-observations',
    awsRegion: 'eu-west-3',
  })),
});

/** A fixed hour in the recent past (observations older than 7 days are refused), on the hour. */
export const recentHour = (hoursAgo: number): number => {
  const now = Date.now();
  return now - (now % 3_600_000) - hoursAgo * 3_600_000;
};

export const shuffle = <T>(items: readonly T[], seed: number): T[] => {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 16807) % 2147483647;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
};
