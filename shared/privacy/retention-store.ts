/**
 * DynamoDB adapter of a territory's retention settings.
 *
 * Access patterns
 * - the settings          GetItem pk = TERRITORY#<siren>#PRIVACY, sk = RETENTION
 * - change them           Transact: Put at the version read (absent for the first) + outbox event
 */
import { commitWithEvents } from '../events/outbox';
import { ABSENT, atVersion, getItem, putItem, retryWhileBusy } from '../runtime/dynamo';
import type { RetentionDeps } from './retention';
import { RetentionSettingsRecord } from './retention';

const keyOf = (siren: string) => ({ pk: `TERRITORY#${siren}#PRIVACY`, sk: 'RETENTION' });

export const dynamoRetentionSettings: RetentionDeps['settings'] = {
  get: (siren) => getItem(RetentionSettingsRecord, keyOf(siren), { consistent: true }),
  save: (settings, readVersion, event) =>
    retryWhileBusy(() =>
      commitWithEvents(
        [putItem({ ...keyOf(settings.territory), ...settings }, readVersion === 0 ? ABSENT : atVersion(readVersion))],
        [event],
      ),
    ),
};

/** Events with no change of their own (the retention job's report). */
export const publishEvents: RetentionDeps['events'] = {
  publish: (events) => commitWithEvents([], events),
};
