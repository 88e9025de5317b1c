/** The notification use cases wired to their adapters: what the consumer calls. */
import { systemClock } from '../kernel/clock';
import { mailer } from '../runtime/mailer';
import { dynamoReportStore } from '../reports/report-store';
import { dynamoTerritoryStore } from '../territory/territory-store';
import { dynamoNotificationClaims } from './notification-claim-store';
import { makeNotificationUseCases } from './notification-use-cases';
import { bodyManagers, territoryNames } from './territory-names';

export const notifications = makeNotificationUseCases({
  followers: dynamoReportStore,
  names: territoryNames(dynamoTerritoryStore),
  managers: bodyManagers(dynamoTerritoryStore),
  claims: dynamoNotificationClaims,
  mailer,
  clock: systemClock,
});
