/**
 * What the sensors integration tests share: a territory with two communes whose boundaries are
 * simple squares, so sensors placed in them get their commune; partners, keys and sensors made
 * through the use cases. Modules read TABLE_NAME when imported: call useFreshTable first.
 */
import type { Principal } from '../../shared/kernel/principal';
import type { AcceptedObservation, ObservationBatch } from '../../shared/sensors/sensors';

export const SIREN = '243100518';
export const admin: Principal = { sub: 'admin-sensors', role: 'admin', territory: SIREN, issuer: 'test' };

const square = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

/** Toulouse (31555) is [1.35, 43.55]–[1.52, 43.67]; Colomiers (31149) is [1.28, 43.58]–[1.35, 43.64]. */
export const setUpTerritory = async (): Promise<void> => {
  const { makeImportCommunes } = await import('../../shared/territory/territory-use-cases');
  const { dynamoTerritoryStore } = await import('../../shared/territory/territory-store');
  const { systemClock } = await import('../../shared/kernel/clock');
  const { territory } = await import('../../shared/territory/territory-app');
  const members = [
    { insee: '31555', name: 'Toulouse', population: 504078 },
    { insee: '31149', name: 'Colomiers', population: 39968 },
  ];
  const catalogue = { find: async () => ({ siren: SIREN, name: 'Toulouse Métropole', population: 1, members }) };
  await makeImportCommunes({ store: dynamoTerritoryStore, clock: systemClock, catalogue })(admin, SIREN);
  await territory.setBoundary(admin, SIREN, '31555', square(1.35, 43.55, 1.52, 43.67), 'test');
  await territory.setBoundary(admin, SIREN, '31149', square(1.28, 43.58, 1.35, 43.64), 'test');
};

/** A partner with one key; returns the key in clear. */
export const partnerWithKey = async (partnerId: string): Promise<string> => {
  const { sensors } = await import('../../shared/sensors/sensors-app');
  await sensors.registerPartner(admin, SIREN, { id: partnerId, name: partnerId, kind: 'company' });
  return (await sensors.issueApiKey(admin, SIREN, partnerId, 'first')).key;
};

export const batchOf = (observations: readonly AcceptedObservation[], partnerId = 'atmo'): ObservationBatch => ({
  territory: SIREN,
  partnerId,
  batchId: `batch-${Math.random().toString(36).slice(2)}`,
  receivedAt: new Date().toISOString(),
  observations,
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
