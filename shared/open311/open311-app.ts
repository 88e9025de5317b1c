/** The Open311 use cases wired to their adapters: what the handlers call. */
import { systemClock } from '../kernel/clock';
import { lazyUploadsStore } from '../runtime/lazy-object-stores';
import { reports } from '../reports/reports-app';
import { PHOTO_LINK_SECONDS } from '../reports/report';
import { territory } from '../territory/territory-app';
import { dynamoTerritoryStore } from '../territory/territory-store';
import { makeClientAppUseCases } from './open311-client-use-cases';
import { dynamoClientAppStore } from './open311-client-store';
import { makeOpen311UseCases } from './open311-use-cases';
import { storedMembership } from './stored-membership';

/** Client applications and the territory's api_key setting (admin routes; POST admits through it). */
export const open311Clients = makeClientAppUseCases({ store: dynamoClientAppStore, territory, clock: systemClock });

export const open311 = makeOpen311UseCases({
  territory,
  membership: storedMembership(dynamoTerritoryStore),
  reports,
  // The uploads bucket, reached on first use: only routes declaring `objectStore` are given it.
  photos: { link: (key) => lazyUploadsStore.presignDownload(key, PHOTO_LINK_SECONDS) },
  clients: open311Clients,
  clock: systemClock,
});
