/** The participation use cases wired to their adapters: what the handlers call. */
import { systemClock } from '../kernel/clock';
import { lazyUploadsStore } from '../runtime/object-store';
import { territory } from '../territory/territory-app';
import { dynamoParticipationStore } from './participation-store';
import { makeParticipationUseCases } from './participation-use-cases';
import { territoryDirectory } from './territory-directory';

export const participation = makeParticipationUseCases({
  store: dynamoParticipationStore,
  clock: systemClock,
  territory: territoryDirectory(territory),
  objects: lazyUploadsStore,
});
